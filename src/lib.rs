//! stepfn: AWS Step Functions state machines declared in Rust, checked before they deploy.
//!
//! This facade re-exports the crates of the workspace:
//! - [`core`]: the Amazon States Language model, its reader and writer, the validator, typed
//!   task tokens and callback clients;
//! - the `#[workflow]` and `#[derive(TaskError)]` macros (see [`Workflow`] for the guide);
//! - `local` (feature `local`, default): the in-process engine on a virtual clock;
//! - `store` (feature `store`): task-token stores with an atomic claim;
//! - `webhook` (feature `webhook`): the callback handler, error notices and IAM policies.
//!
//! The AWS transports (`aws-sdk-sfn`, DynamoDB, SNS) are behind the `aws` feature of
//! `stepfn-core`, `stepfn-store` and `stepfn-webhook`; a webhook Lambda depends on those
//! crates directly, without the engine or the CLI.
#![warn(missing_docs)]

pub use stepfn_core as core;
#[cfg(feature = "local")]
pub use stepfn_local as local;
#[cfg(feature = "store")]
pub use stepfn_store as store;
#[cfg(feature = "webhook")]
pub use stepfn_webhook as webhook;

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
