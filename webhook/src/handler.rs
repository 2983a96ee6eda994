//! `CallbackHandler`: reads a reply, claims its token and answers the task.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use stepfn_core::callback::{CallbackClient, CallbackTask, SendError, TaskError, Transport};
use stepfn_store::{Claim, TokenStore};

use crate::{ErrorNotice, ErrorSink, Outcome, SinkError};

/// What a reply of the external service means for task `T`: which reference it answers,
/// and whether the task succeeded (with its output) or failed (with one of its errors).
#[derive(Debug, Clone, PartialEq)]
pub struct Callback<T: CallbackTask> {
    /// The business reference the token is stored under.
    pub reference: String,
    /// The task's output, or its error.
    pub result: Result<T::Output, T::Error>,
}

impl<T: CallbackTask> Callback<T> {
    /// A reply that completes the task with `output`.
    pub fn success(reference: impl Into<String>, output: T::Output) -> Self {
        Callback {
            reference: reference.into(),
            result: Ok(output),
        }
    }

    /// A reply that fails the task with `error`.
    pub fn failure(reference: impl Into<String>, error: T::Error) -> Self {
        Callback {
            reference: reference.into(),
            result: Err(error),
        }
    }
}

/// What [`CallbackHandler::handle`] did: the outcome, and the notice published for a
/// failure (with the sink's error, if publishing failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    /// What became of the callback.
    pub outcome: Outcome,
    /// The notice published, for any outcome but a delivered one.
    pub notice: Option<ErrorNotice>,
    /// Why the notice could not be published, if it could not.
    pub sink_error: Option<SinkError>,
}

type MapReply<R, T> = dyn Fn(R) -> Result<Callback<T>, String> + Send + Sync;

/// The webhook of callback task `T`: parses a reply `R` of the external service, maps it to a
/// [`Callback<T>`], claims the reference's token in the store `S`, answers the task with the
/// typed client over transport `X`, and publishes every failure to sink `K`.
///
/// Cheap to clone (the parts are shared). Use it as a plain async function
/// ([`handle`](Self::handle)) or as an axum route ([`route`](Self::route)).
pub struct CallbackHandler<T: CallbackTask, R, S, X, K> {
    inner: Arc<Parts<T, R, S, X, K>>,
}

struct Parts<T: CallbackTask, R, S, X, K> {
    map: Box<MapReply<R, T>>,
    store: S,
    client: CallbackClient<T, X>,
    sink: K,
    source: String,
}

impl<T, R, S, X, K> CallbackHandler<T, R, S, X, K>
where
    T: CallbackTask,
    R: DeserializeOwned,
    S: TokenStore,
    X: Transport,
    K: ErrorSink,
{
    /// A handler that reads replies with `map` (an `Err` is a reason for a 400), claims
    /// tokens in `store`, answers with `client` and publishes failures to `sink`, naming
    /// `source` (the webhook's name or Lambda function ARN) as where they happened.
    pub fn new(
        map: impl Fn(R) -> Result<Callback<T>, String> + Send + Sync + 'static,
        store: S,
        client: CallbackClient<T, X>,
        sink: K,
        source: impl Into<String>,
    ) -> Self {
        let parts = Parts {
            map: Box::new(map),
            store,
            client,
            sink,
            source: source.into(),
        };
        CallbackHandler {
            inner: Arc::new(parts),
        }
    }

    /// The token store.
    pub fn store(&self) -> &S {
        &self.inner.store
    }

    /// Handles one request: `body` as received, `request_id` for the notice.
    pub async fn handle(&self, request_id: &str, body: &[u8]) -> Handled {
        let outcome = self.deliver(body).await;
        if outcome.is_delivered() {
            return Handled {
                outcome,
                notice: None,
                sink_error: None,
            };
        }

        let notice = ErrorNotice {
            source: self.inner.source.clone(),
            description: outcome.to_string(),
            request_id: request_id.to_owned(),
            body: String::from_utf8_lossy(body).into_owned(),
            outcome: outcome.code().to_owned(),
            reference: outcome.reference().map(str::to_owned),
        };
        let sink_error = self.inner.sink.publish(&notice).await.err();
        if let Some(error) = &sink_error {
            tracing::warn!(request_id, %error, "error notice not published");
        }
        Handled {
            outcome,
            notice: Some(notice),
            sink_error,
        }
    }

    async fn deliver(&self, body: &[u8]) -> Outcome {
        let reply: R = match serde_json::from_slice(body) {
            Ok(reply) => reply,
            Err(e) => {
                return Outcome::BadRequest {
                    reason: e.to_string(),
                };
            }
        };
        let Callback { reference, result } = match (self.inner.map)(reply) {
            Ok(callback) => callback,
            Err(reason) => return Outcome::BadRequest { reason },
        };

        let record = match self.inner.store.claim(&reference).await {
            Ok(Claim::Won(record)) => record,
            Ok(Claim::AlreadyUsed(_)) => return Outcome::Duplicate { reference },
            Ok(Claim::Unknown) => return Outcome::UnknownReference { reference },
            Err(e) => return unavailable(reference, e),
        };

        let Some(token) = record.token_for::<T>() else {
            // The record is another task's (or unreadable): give it back untouched.
            self.release(&reference).await;
            let message = format!(
                "the stored token is of task `{}`, not of `{}`, or malformed",
                record.state_name,
                T::STATE_NAME
            );
            let error = SendError::InvalidToken { message };
            return Outcome::Invalid { reference, error };
        };

        let sent = match &result {
            Ok(output) => self.inner.client.succeed(&token, output).await,
            Err(error) => self.inner.client.fail(&token, error).await,
        };
        match sent {
            Ok(()) => delivered(reference, &result),
            Err(error) => self.refused(reference, error).await,
        }
    }

    /// The outcome of a refused callback. A token that Step Functions did not spend is
    /// released, so that a corrected or retried callback can still use it.
    async fn refused(&self, reference: String, error: SendError) -> Outcome {
        if !error.token_is_spent() {
            self.release(&reference).await;
        }
        match error {
            SendError::TaskTimedOut { .. } => Outcome::Late { reference, error },
            SendError::Throttled { .. } | SendError::Transport { .. } => Outcome::Unavailable {
                reference,
                reason: error.to_string(),
            },
            _ => Outcome::Invalid { reference, error },
        }
    }

    async fn release(&self, reference: &str) {
        if let Err(error) = self.inner.store.release(reference).await {
            tracing::warn!(reference, %error, "claimed token not released");
        }
    }
}

fn delivered<O, E: TaskError>(reference: String, result: &Result<O, E>) -> Outcome {
    match result {
        Ok(_) => Outcome::Succeeded { reference },
        Err(error) => Outcome::Failed {
            reference,
            error: error.error_name().to_owned(),
        },
    }
}

fn unavailable(reference: String, error: impl fmt::Display) -> Outcome {
    Outcome::Unavailable {
        reference,
        reason: error.to_string(),
    }
}

impl<T: CallbackTask, R, S, X, K> Clone for CallbackHandler<T, R, S, X, K> {
    fn clone(&self) -> Self {
        CallbackHandler {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T: CallbackTask, R, S, X, K> fmt::Debug for CallbackHandler<T, R, S, X, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackHandler")
            .field("task", &T::STATE_NAME)
            .field("source", &self.inner.source)
            .finish_non_exhaustive()
    }
}
