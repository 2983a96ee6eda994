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

pub mod build;
mod workflow;

pub use stepfn_core::callback::{CallbackTask, Heartbeat, NoError, TaskError, TaskToken};
pub use stepfn_core::model::PredefinedError as States;
pub use stepfn_macros::{TaskError, workflow};
pub use workflow::{CaughtError, Substitutions, Workflow};

/// Everything a crate that declares workflows needs: `use stepfn::prelude::*;`.
pub mod prelude {
    pub use crate::{
        CallbackTask, CaughtError, Heartbeat, NoError, States, Substitutions, TaskError, TaskToken,
        Workflow, workflow,
    };
}

#[doc(hidden)]
pub mod __private;
