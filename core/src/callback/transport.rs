//! `Transport`: how a callback reaches Step Functions (AWS, the local engine, a test double).

use std::future::Future;
use std::pin::Pin;
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
/// by many clients and tasks (it is also implemented for `&X`, `Arc<X>` and `Box<X>`). To
/// pick a transport at run time behind one type, use [`DynTransport`].
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

/// Forwards [`Transport`] through a pointer type, so `&X`, `Arc<X>` and `Box<X>` are
/// transports too (for `X = dyn DynTransport` as well).
macro_rules! forward_transport {
    ($($pointer:ty),*) => {$(
        impl<X: Transport + ?Sized> Transport for $pointer {
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
    )*};
}

forward_transport!(&X, Arc<X>, Box<X>);

/// A future a [`DynTransport`] returns.
pub type BoxedSend<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The dyn-compatible face of [`Transport`], for choosing a transport at run time
/// (`Arc<dyn DynTransport>`: AWS in production, the local engine in tests) behind one type.
/// Every [`Transport`] is one, and `dyn DynTransport` is a [`Transport`] again, so typed
/// clients take it as they take any other; each call costs one allocation.
///
/// ```
/// use std::sync::Arc;
/// use stepfn_core::callback::{DynTransport, Transport};
///
/// fn chosen<T: Transport + 'static>(transport: T) -> Arc<dyn DynTransport> {
///     Arc::new(transport)
/// }
/// fn takes_any(_: impl Transport) {}
/// # fn demo(t: impl Transport + 'static) { takes_any(chosen(t)); }
/// ```
pub trait DynTransport: Send + Sync {
    /// [`Transport::send_task_success`], boxed.
    fn send_task_success_boxed<'a>(
        &'a self,
        token: &'a str,
        output: &'a str,
    ) -> BoxedSend<'a, Result<(), SendError>>;

    /// [`Transport::send_task_failure`], boxed.
    fn send_task_failure_boxed<'a>(
        &'a self,
        token: &'a str,
        error: Option<&'a str>,
        cause: Option<&'a str>,
    ) -> BoxedSend<'a, Result<(), SendError>>;

    /// [`Transport::send_task_heartbeat`], boxed.
    fn send_task_heartbeat_boxed<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxedSend<'a, Result<(), SendError>>;

    /// [`Transport::sleep`], boxed.
    fn sleep_boxed(&self, delay: Duration) -> BoxedSend<'_, ()>;
}

impl<T: Transport> DynTransport for T {
    fn send_task_success_boxed<'a>(
        &'a self,
        token: &'a str,
        output: &'a str,
    ) -> BoxedSend<'a, Result<(), SendError>> {
        Box::pin(self.send_task_success(token, output))
    }

    fn send_task_failure_boxed<'a>(
        &'a self,
        token: &'a str,
        error: Option<&'a str>,
        cause: Option<&'a str>,
    ) -> BoxedSend<'a, Result<(), SendError>> {
        Box::pin(self.send_task_failure(token, error, cause))
    }

    fn send_task_heartbeat_boxed<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxedSend<'a, Result<(), SendError>> {
        Box::pin(self.send_task_heartbeat(token))
    }

    fn sleep_boxed(&self, delay: Duration) -> BoxedSend<'_, ()> {
        Box::pin(self.sleep(delay))
    }
}

impl Transport for dyn DynTransport {
    async fn send_task_success(&self, token: &str, output: &str) -> Result<(), SendError> {
        self.send_task_success_boxed(token, output).await
    }

    async fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), SendError> {
        self.send_task_failure_boxed(token, error, cause).await
    }

    async fn send_task_heartbeat(&self, token: &str) -> Result<(), SendError> {
        self.send_task_heartbeat_boxed(token).await
    }

    fn sleep(&self, delay: Duration) -> impl Future<Output = ()> + Send {
        self.sleep_boxed(delay)
    }
}
