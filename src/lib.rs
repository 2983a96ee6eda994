//! stepfn: AWS Step Functions state machines declared in Rust, checked before they deploy.
//!
//! This facade re-exports the crates of the workspace:
//! - [`core`]: the Amazon States Language model, its reader and writer, and the validator;
//! - [`local`] (feature `local`): the in-process engine on a virtual clock.
#![warn(missing_docs)]

pub use stepfn_core as core;
#[cfg(feature = "local")]
pub use stepfn_local as local;

pub use stepfn_core::{Code, Finding, MachineType, QueryLanguage, Severity, State, StateMachine};
