//! Callback tasks written by hand, as the workflow macro would generate them, and a
//! transport that records calls and answers from a script.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use stepfn_core::callback::{CallbackTask, Heartbeat, SendError, TaskError, Transport};

/// The valuation of the loan example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Valuation {
    pub(crate) reference: String,
    pub(crate) value: u64,
}

/// The errors the valuation task can fail with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ValuationError {
    ValuationFailed { reason: String },
    PropertyNotFound,
    Named(String),
}

impl TaskError for ValuationError {
    fn error_name(&self) -> &str {
        match self {
            ValuationError::ValuationFailed { .. } => "ValuationFailed",
            ValuationError::PropertyNotFound => "PropertyNotFound",
            ValuationError::Named(name) => name,
        }
    }

    fn cause(&self) -> Option<String> {
        match self {
            ValuationError::ValuationFailed { reason } => Some(reason.clone()),
            _ => None,
        }
    }

    fn error_names() -> &'static [&'static str] {
        &["ValuationFailed", "PropertyNotFound"]
    }
}

/// A callback task with a heartbeat.
pub(crate) struct RequestValuation;

impl CallbackTask for RequestValuation {
    const STATE_NAME: &'static str = "RequestValuation";
    const HEARTBEAT: bool = true;
    type Output = Valuation;
    type Error = ValuationError;
}

impl Heartbeat for RequestValuation {}

/// A callback task without a heartbeat.
pub(crate) struct SendOffer;

impl CallbackTask for SendOffer {
    const STATE_NAME: &'static str = "SendOffer";
    type Output = bool;
    type Error = stepfn_core::callback::NoError;
}

/// One call a transport received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    Success {
        token: String,
        output: String,
    },
    Failure {
        token: String,
        error: Option<String>,
        cause: Option<String>,
    },
    Heartbeat {
        token: String,
    },
}

/// Records calls and sleeps; answers each call with the next scripted answer (`Ok` once the
/// script is empty).
#[derive(Debug, Default)]
pub(crate) struct Scripted {
    pub(crate) calls: Mutex<Vec<Call>>,
    pub(crate) sleeps: Mutex<Vec<Duration>>,
    answers: Mutex<VecDeque<Result<(), SendError>>>,
}

impl Scripted {
    pub(crate) fn answering(answers: impl IntoIterator<Item = Result<(), SendError>>) -> Self {
        Scripted {
            answers: Mutex::new(answers.into_iter().collect()),
            ..Scripted::default()
        }
    }

    pub(crate) fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    pub(crate) fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }

    fn answer(&self, call: Call) -> Result<(), SendError> {
        self.calls.lock().unwrap().push(call);
        self.answers.lock().unwrap().pop_front().unwrap_or(Ok(()))
    }
}

impl Transport for Scripted {
    async fn send_task_success(&self, token: &str, output: &str) -> Result<(), SendError> {
        let (token, output) = (token.to_owned(), output.to_owned());
        self.answer(Call::Success { token, output })
    }

    async fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), SendError> {
        self.answer(Call::Failure {
            token: token.to_owned(),
            error: error.map(str::to_owned),
            cause: cause.map(str::to_owned),
        })
    }

    async fn send_task_heartbeat(&self, token: &str) -> Result<(), SendError> {
        self.answer(Call::Heartbeat {
            token: token.to_owned(),
        })
    }

    async fn sleep(&self, delay: Duration) {
        self.sleeps.lock().unwrap().push(delay);
    }
}

/// Runs a future to completion on a fresh current-thread runtime.
pub(crate) fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}
