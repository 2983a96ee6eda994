//! `CallbackClient<T, X>`: answers the tokens of callback task `T`, and only those.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;

use super::limits::{check_cause, check_error, check_output};
use super::{CallbackTask, Heartbeat, RetryPolicy, SendError, TaskError, TaskToken, Transport};

/// The typed client of callback task `T`: it takes only `T`'s tokens, `T`'s output and
/// `T`'s errors, checks AWS's limits before sending, and retries throttled or transient
/// calls by its [`RetryPolicy`]. Made by [`CallbackTask::client`] or [`CallbackClient::new`].
pub struct CallbackClient<T: CallbackTask, X> {
    transport: X,
    retry: RetryPolicy,
    task: PhantomData<fn() -> T>,
}

impl<T: CallbackTask, X: Transport> CallbackClient<T, X> {
    /// A client that sends through `transport` with the default [`RetryPolicy`].
    pub fn new(transport: X) -> Self {
        CallbackClient {
            transport,
            retry: RetryPolicy::default(),
            task: PhantomData,
        }
    }

    /// The same client with another retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The transport.
    pub fn transport(&self) -> &X {
        &self.transport
    }

    /// `SendTaskSuccess`: ends the task with `output`. The output is serialized now, so the
    /// future does not borrow it.
    pub fn succeed<'a>(
        &'a self,
        token: &'a TaskToken<T>,
        output: &T::Output,
    ) -> impl Future<Output = Result<(), SendError>> + Send + use<'a, T, X> {
        let json = serde_json::to_string(output).map_err(|e| SendError::InvalidOutput {
            message: e.to_string(),
        });
        async move {
            let json = json?;
            check_output(&json)?;
            self.retrying(|| self.transport.send_task_success(token.expose(), &json))
                .await
        }
    }

    /// `SendTaskFailure`: fails the task with `error`, whose variant becomes the ASL `error`
    /// and whose details become the `cause`.
    pub fn fail<'a>(
        &'a self,
        token: &'a TaskToken<T>,
        error: &T::Error,
    ) -> impl Future<Output = Result<(), SendError>> + Send + use<'a, T, X> {
        let name = error.error_name().to_owned();
        let cause = error.cause();
        async move {
            check_error(&name)?;
            if let Some(cause) = &cause {
                check_cause(cause)?;
            }
            self.retrying(|| {
                let token = token.expose();
                self.transport
                    .send_task_failure(token, Some(&name), cause.as_deref())
            })
            .await
        }
    }

    /// `SendTaskHeartbeat`: tells Step Functions the task is still running. Only for tasks
    /// that declare a heartbeat.
    pub fn heartbeat<'a>(
        &'a self,
        token: &'a TaskToken<T>,
    ) -> impl Future<Output = Result<(), SendError>> + Send + use<'a, T, X>
    where
        T: Heartbeat,
    {
        self.retrying(|| self.transport.send_task_heartbeat(token.expose()))
    }

    /// Runs `call` until it succeeds, fails for good, or the policy's attempts run out,
    /// sleeping through the transport between attempts.
    async fn retrying<F, Fut>(&self, mut call: F) -> Result<(), SendError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(), SendError>>,
    {
        let attempts = self.retry.attempts();
        let mut attempt = 1;
        loop {
            let error = match call().await {
                Ok(()) => return Ok(()),
                Err(error) => error,
            };

            if !error.is_retryable() || attempt >= attempts {
                return Err(error.after_attempts(attempt));
            }

            self.transport.sleep(self.retry.delay(attempt)).await;
            attempt += 1;
        }
    }
}

impl<T: CallbackTask, X: Clone> Clone for CallbackClient<T, X> {
    fn clone(&self) -> Self {
        CallbackClient {
            transport: self.transport.clone(),
            retry: self.retry,
            task: PhantomData,
        }
    }
}

impl<T: CallbackTask, X: fmt::Debug> fmt::Debug for CallbackClient<T, X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackClient")
            .field("task", &T::STATE_NAME)
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .finish()
    }
}
