//! `Transport`: how a callback reaches Step Functions (AWS, the local engine, a test double).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::SendError;

/// Sends the three callback calls of Step Functions, untyped, one attempt each. Typed
/// clients ([`CallbackClient`](super::CallbackClient)) check limits, retry and sleep through
/// it, so an implementation only maps its answers to [`SendError`]: throttling to
/// [`SendError::throttled`], a lost connection to [`SendError::transport`] with
/// `transient: true`, an error code to [`SendError::from_code`].
///
/// Implement it with `async fn`; every method takes `&self`, so one transport can be shared
/// by many clients and tasks (it is also implemented for `&X` and `Arc<X>`).
pub trait Transport: Send + Sync {
    /// `SendTaskSuccess` with `output`, JSON text already checked against the limits.
    fn send_task_success(
        &self,
        token: &str,
        output: &str,
    ) -> impl Future<Output = Result<(), SendError>> + Send;

    /// `SendTaskFailure`; Step Functions accepts a failure with neither error nor cause.
    fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> impl Future<Output = Result<(), SendError>> + Send;

    /// `SendTaskHeartbeat`.
    fn send_task_heartbeat(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<(), SendError>> + Send;

    /// Waits `delay` before a retry: on the transport's runtime, or on a virtual clock.
    fn sleep(&self, delay: Duration) -> impl Future<Output = ()> + Send;
}

impl<X: Transport> Transport for &X {
    fn send_task_success(
        &self,
        token: &str,
        output: &str,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        (**self).send_task_success(token, output)
    }

    fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        (**self).send_task_failure(token, error, cause)
    }

    fn send_task_heartbeat(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        (**self).send_task_heartbeat(token)
    }

    fn sleep(&self, delay: Duration) -> impl Future<Output = ()> + Send {
        (**self).sleep(delay)
    }
}

impl<X: Transport> Transport for Arc<X> {
    fn send_task_success(
        &self,
        token: &str,
        output: &str,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        (**self).send_task_success(token, output)
    }

    fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        (**self).send_task_failure(token, error, cause)
    }

    fn send_task_heartbeat(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<(), SendError>> + Send {
        (**self).send_task_heartbeat(token)
    }

    fn sleep(&self, delay: Duration) -> impl Future<Output = ()> + Send {
        (**self).sleep(delay)
    }
}
