//! Runtime failures of states: the error/cause pair, how `ErrorEquals` matches it, and the
//! error output a Catcher sees.

use serde_json::{Value, json};
use stepfn_core::model::{ErrorName, PredefinedError};

/// What kind of timeout, if any, produced a failure: it decides which matchers apply and
/// what `Cause` the error output carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// An error raised by a state, a task or a callback.
    Plain,
    /// `TimeoutSeconds` ran out.
    Timeout,
    /// `HeartbeatSeconds` ran out.
    HeartbeatTimeout,
    /// A task's result was over the payload limit: `States.DataLimitExceeded` that Retry and
    /// Catch see (AWS recorded a `States.ALL` Catcher taking it).
    TaskResultTooLarge,
}

/// A state failure: `error` and `cause` as they go into the history (absent stays absent).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Failure {
    pub(crate) error: Option<String>,
    pub(crate) cause: Option<String>,
    pub(crate) kind: FailureKind,
}

impl Failure {
    pub(crate) fn new(error: impl Into<String>, cause: impl Into<String>) -> Failure {
        Failure {
            error: Some(error.into()),
            cause: Some(cause.into()),
            kind: FailureKind::Plain,
        }
    }

    pub(crate) fn predefined(error: PredefinedError, cause: impl Into<String>) -> Failure {
        Failure::new(error.name(), cause)
    }

    pub(crate) fn optional(error: Option<String>, cause: Option<String>) -> Failure {
        Failure {
            error,
            cause,
            kind: FailureKind::Plain,
        }
    }

    /// `States.Timeout` without a cause, as AWS records both kinds of task timeout.
    pub(crate) fn timeout(kind: FailureKind) -> Failure {
        Failure {
            error: Some(PredefinedError::Timeout.name().to_owned()),
            cause: None,
            kind,
        }
    }

    /// `States.Runtime` for a state, with AWS's prefix naming the state and its entry event.
    pub(crate) fn runtime(state: &str, entered_event: u64, detail: &str) -> Failure {
        Failure::predefined(
            PredefinedError::Runtime,
            format!(
                "An error occurred while executing the state '{state}' (entered at the event \
                 id #{entered_event}). {detail}"
            ),
        )
    }

    /// Whether one of `names` matches this failure.
    pub(crate) fn matches(&self, names: &[ErrorName]) -> bool {
        names.iter().any(|name| self.matches_one(name))
    }

    fn matches_one(&self, name: &ErrorName) -> bool {
        let error = self.error.as_deref().unwrap_or("");
        if error == PredefinedError::Runtime.name() {
            // Not even a Catcher naming States.Runtime takes it (recorded on AWS).
            return false;
        }
        // A DataLimitExceeded is terminal (States.ALL misses it) unless a task result raised
        // it: the task failed with it, and AWS catches that like any task failure.
        let data_limit = error == PredefinedError::DataLimitExceeded.name();
        let terminal = data_limit && self.kind != FailureKind::TaskResultTooLarge;
        match name {
            ErrorName::Predefined(PredefinedError::All) => !terminal,
            ErrorName::Predefined(PredefinedError::HeartbeatTimeout) => {
                self.kind == FailureKind::HeartbeatTimeout
            }
            // The AWS guide calls States.TaskFailed a wildcard for any error except
            // States.Timeout; the terminal errors stay uncatchable too.
            ErrorName::Predefined(PredefinedError::TaskFailed) => {
                error != PredefinedError::Timeout.name() && !data_limit
            }
            other => self.error.as_deref() == Some(other.as_str()),
        }
    }

    /// `{"Error": ..., "Cause": ...}`: JSON null for what was not sent, and `""` as the
    /// cause of a timeout.
    pub(crate) fn error_output(&self) -> Value {
        let cause = match (&self.cause, self.kind) {
            (Some(cause), _) => Value::String(cause.clone()),
            (None, FailureKind::Plain) => Value::Null,
            (None, _) => Value::String(String::new()),
        };
        json!({ "Error": self.error, "Cause": cause })
    }
}
