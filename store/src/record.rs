//! `TokenRecord`, `Claim` and `StoreError`: what every store keeps and answers.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use stepfn_core::callback::{CallbackTask, TaskToken};

/// A stored task token: what the callback for `reference` needs to answer its task.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRecord {
    /// The business reference the external service calls back with (the store's key).
    pub reference: String,
    /// The task token, untyped: typed again by the webhook, for the task named `state_name`.
    pub token: String,
    /// The ARN of the execution that waits (`$$.Execution.Id`).
    pub execution_arn: String,
    /// The name of the waiting Task state (`$$.State.Name`).
    pub state_name: String,
    /// When the token was stored, in milliseconds since the Unix epoch.
    pub stored_at_ms: u64,
    /// Whether a callback has claimed the token.
    pub used: bool,
}

impl TokenRecord {
    /// A fresh, unused record of `token`, stored now.
    pub fn new<T: CallbackTask>(
        reference: impl Into<String>,
        token: &TaskToken<T>,
        execution_arn: impl Into<String>,
    ) -> Self {
        let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH);
        TokenRecord {
            reference: reference.into(),
            token: token.expose().to_owned(),
            execution_arn: execution_arn.into(),
            state_name: T::STATE_NAME.to_owned(),
            stored_at_ms: since_epoch.map_or(0, |d| d.as_millis() as u64),
            used: false,
        }
    }

    /// When the token was stored.
    pub fn stored_at(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.stored_at_ms)
    }

    /// The token typed for task `T`, if the record belongs to `T` and holds a well-formed
    /// token; `None` otherwise.
    pub fn token_for<T: CallbackTask>(&self) -> Option<TaskToken<T>> {
        if self.state_name != T::STATE_NAME {
            return None;
        }
        TaskToken::new(self.token.clone()).ok()
    }
}

impl fmt::Debug for TokenRecord {
    /// Tokens are credentials: only their ends are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chars: Vec<char> = self.token.chars().collect();
        let token = if chars.len() > 12 {
            let head: String = chars[..6].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            format!("{head}…{tail}")
        } else {
            "…".to_owned()
        };
        f.debug_struct("TokenRecord")
            .field("reference", &self.reference)
            .field("token", &token)
            .field("execution_arn", &self.execution_arn)
            .field("state_name", &self.state_name)
            .field("stored_at_ms", &self.stored_at_ms)
            .field("used", &self.used)
            .finish()
    }
}

/// The answer to [`TokenStore::claim`](crate::TokenStore::claim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This claim won: the token is now marked used, and this caller answers the task.
    Won(TokenRecord),
    /// The token was already claimed: this callback is a duplicate.
    AlreadyUsed(TokenRecord),
    /// No token is stored under the reference.
    Unknown,
}

/// Why a store could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The database failed (I/O, locked by another process, throttled, unreachable).
    #[error("the token store failed: {message}")]
    Backend {
        /// What failed.
        message: String,
    },
    /// A stored record cannot be read back.
    #[error("the token record of `{reference}` is corrupt: {message}")]
    Corrupt {
        /// The record's reference.
        reference: String,
        /// What is wrong with it.
        message: String,
    },
}

impl StoreError {
    pub(crate) fn backend(error: impl fmt::Display) -> Self {
        StoreError::Backend {
            message: error.to_string(),
        }
    }
}
