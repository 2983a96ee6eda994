//! Error notices and the sinks they are published to.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

/// What the webhook publishes when a callback fails, in the seed's convention: where it
/// happened (`source`), what happened (`description`), the request's id and its raw body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorNotice {
    /// Where the failure happened: the webhook's name or its Lambda function ARN.
    pub source: String,
    /// What went wrong, in one sentence.
    pub description: String,
    /// The id of the HTTP request (`x-request-id`, API Gateway's request id, ...).
    pub request_id: String,
    /// The request's body as received (invalid UTF-8 replaced).
    pub body: String,
    /// The outcome's code (`duplicate`, `late`, ...), for filtering subscriptions.
    pub outcome: String,
    /// The business reference, when the body named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Why a notice could not be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the error notice was not published: {message}")]
pub struct SinkError {
    /// What failed.
    pub message: String,
}

/// Where error notices go: an SNS topic (`SnsSink`, feature `aws`), the
/// local engine's topic, or memory ([`MemorySink`]). Implement it with `async fn`.
pub trait ErrorSink: Send + Sync {
    /// Publishes one notice.
    fn publish(&self, notice: &ErrorNotice) -> impl Future<Output = Result<(), SinkError>> + Send;
}

impl<K: ErrorSink> ErrorSink for Arc<K> {
    fn publish(&self, notice: &ErrorNotice) -> impl Future<Output = Result<(), SinkError>> + Send {
        (**self).publish(notice)
    }
}

/// An [`ErrorSink`] that keeps notices in memory, for tests. Clones share the notices.
#[derive(Debug, Clone, Default)]
pub struct MemorySink {
    notices: Arc<Mutex<Vec<ErrorNotice>>>,
}

impl MemorySink {
    /// An empty sink.
    pub fn new() -> Self {
        MemorySink::default()
    }

    /// The notices published so far, oldest first.
    pub fn notices(&self) -> Vec<ErrorNotice> {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<ErrorNotice>> {
        // Pushing a notice cannot be interrupted half-way, so a poisoned lock is sound.
        self.notices.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl ErrorSink for MemorySink {
    async fn publish(&self, notice: &ErrorNotice) -> Result<(), SinkError> {
        self.lock().push(notice.clone());
        Ok(())
    }
}
