//! Typed callback tasks: the traits the workflow macro implements for each callback task, the
//! typed task token that travels in its payload, and the client that answers it.
//!
//! A callback task (`.waitForTaskToken`) is declared once; the macro implements
//! [`CallbackTask`] for it, naming what the task succeeds with and what it fails with. A
//! [`TaskToken<T>`] can then only be answered with `T`'s output or `T`'s error, through a
//! [`CallbackClient<T, _>`] that checks AWS's limits before sending and retries throttled
//! calls. The client sends through a [`Transport`]: Step Functions itself (`AwsTransport`,
//! feature `aws`) or the local engine.

mod client;
mod error;
pub mod limits;
mod retry;
mod token;
mod transport;

#[cfg(feature = "aws")]
mod aws;
#[cfg(feature = "schemars")]
mod schema;

#[cfg(feature = "aws")]
pub use aws::AwsTransport;
pub use client::CallbackClient;
pub use error::{Field, SendError};
pub use retry::{Jitter, RetryPolicy};
pub use token::{TaskToken, TokenError};
pub use transport::{BoxedSend, DynTransport, Transport};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A Task state that waits for a callback (`.waitForTaskToken`). Implemented by the workflow
/// macro for each callback task; implement it by hand only for hand-written ASL.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a callback task",
    label = "expected a callback task declared in a `#[workflow]`",
    note = "only a task with `.waitForTaskToken` has task tokens and a callback client"
)]
pub trait CallbackTask: 'static {
    /// The state's name in its state machine.
    const STATE_NAME: &'static str;
    /// Whether the task declares `HeartbeatSeconds`: `true` exactly when it implements
    /// [`Heartbeat`]. Decides whether the webhook's IAM policy grants `SendTaskHeartbeat`.
    const HEARTBEAT: bool = false;
    /// What `SendTaskSuccess` sends: the task's result.
    type Output: Serialize + DeserializeOwned;
    /// What `SendTaskFailure` sends: an enum whose variants are the task's ASL errors.
    type Error: TaskError;

    /// The typed client that answers this task's tokens through `transport`.
    fn client<X: Transport>(transport: X) -> CallbackClient<Self, X>
    where
        Self: Sized,
    {
        CallbackClient::new(transport)
    }
}

/// A callback task that declares `HeartbeatSeconds`, and so accepts `SendTaskHeartbeat`.
/// The macro implements it only for tasks with a heartbeat, so that sending a heartbeat
/// for any other task does not compile.
#[diagnostic::on_unimplemented(
    message = "callback task `{Self}` declares no heartbeat, so it cannot be sent one",
    label = "`{Self}` has no `HeartbeatSeconds`",
    note = "add `heartbeat = <seconds>` to the task to send heartbeats"
)]
pub trait Heartbeat: CallbackTask {}

/// An error a callback task can fail with: each value names its ASL error (`error`) and
/// may carry a human-readable `cause`. Derived by the macro for error enums, where each
/// variant is one error name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a task error",
    label = "expected an error enum of a callback task",
    note = "add `#[derive(stepfn::TaskError)]` to the enum"
)]
pub trait TaskError {
    /// The ASL error name (`ValuationFailed`); at most 256 characters, never `States.*`.
    fn error_name(&self) -> &str;
    /// The cause sent with the error, at most 32,768 characters.
    fn cause(&self) -> Option<String>;
    /// Every error name values of this type can have, for Catch checks and schemas.
    fn error_names() -> &'static [&'static str]
    where
        Self: Sized;
}

/// A callback task that cannot fail with an error of its own (only with `States.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoError {}

impl TaskError for NoError {
    fn error_name(&self) -> &str {
        match *self {}
    }

    fn cause(&self) -> Option<String> {
        match *self {}
    }

    fn error_names() -> &'static [&'static str] {
        &[]
    }
}
