//! The loan example's valuation task and reply, written by hand as the workflow macro would
//! generate the task, and a transport that counts what reaches it.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use stepfn_core::callback::{CallbackTask, SendError, TaskError, TaskToken, Transport};
use stepfn_store::TokenRecord;
use stepfn_webhook::Callback;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Valuation {
    pub(crate) value: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ValuationError {
    ValuationFailed { reason: String },
}

impl TaskError for ValuationError {
    fn error_name(&self) -> &str {
        "ValuationFailed"
    }

    fn cause(&self) -> Option<String> {
        let ValuationError::ValuationFailed { reason } = self;
        Some(reason.clone())
    }

    fn error_names() -> &'static [&'static str] {
        &["ValuationFailed"]
    }
}

pub(crate) struct RequestValuation;

impl CallbackTask for RequestValuation {
    const STATE_NAME: &'static str = "RequestValuation";
    type Output = Valuation;
    type Error = ValuationError;
}

pub(crate) struct SendOffer;

impl CallbackTask for SendOffer {
    const STATE_NAME: &'static str = "SendOffer";
    type Output = bool;
    type Error = stepfn_core::callback::NoError;
}

/// What the valuation service posts back.
#[derive(Debug, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase", deny_unknown_fields)]
pub(crate) enum ValuationReply {
    Valued { reference: String, value: u64 },
    Failed { reference: String, reason: String },
}

/// The mapping from a reply to the task's callback; a zero value is refused.
pub(crate) fn map_reply(reply: ValuationReply) -> Result<Callback<RequestValuation>, String> {
    match reply {
        ValuationReply::Valued { value: 0, .. } => Err("a valuation must be positive".into()),
        ValuationReply::Valued { reference, value } => {
            Ok(Callback::success(reference, Valuation { value }))
        }
        ValuationReply::Failed { reference, reason } => Ok(Callback::failure(
            reference,
            ValuationError::ValuationFailed { reason },
        )),
    }
}

pub(crate) fn record(reference: &str) -> TokenRecord {
    let token = TaskToken::<RequestValuation>::new(format!("AAAAKgAAAAIAAAAA-{reference}"));
    TokenRecord::new(
        reference,
        &token.unwrap(),
        "arn:aws:states:eu-west-2:1:execution:loan:1",
    )
}

pub(crate) fn valued(reference: &str, value: u64) -> Vec<u8> {
    format!(r#"{{"status":"valued","reference":"{reference}","value":{value}}}"#).into_bytes()
}

/// Counts the calls that reach it and answers from a script (`Ok` once it is empty).
#[derive(Debug, Default)]
pub(crate) struct Counting {
    pub(crate) successes: AtomicUsize,
    pub(crate) failures: AtomicUsize,
    pub(crate) outputs: Mutex<Vec<String>>,
    answers: Mutex<VecDeque<Result<(), SendError>>>,
}

impl Counting {
    pub(crate) fn answering(answers: impl IntoIterator<Item = Result<(), SendError>>) -> Self {
        Counting {
            answers: Mutex::new(answers.into_iter().collect()),
            ..Counting::default()
        }
    }

    pub(crate) fn successes(&self) -> usize {
        self.successes.load(Ordering::SeqCst)
    }

    pub(crate) fn failures(&self) -> usize {
        self.failures.load(Ordering::SeqCst)
    }

    fn answer(&self) -> Result<(), SendError> {
        self.answers.lock().unwrap().pop_front().unwrap_or(Ok(()))
    }
}

impl Transport for Counting {
    async fn send_task_success(&self, _token: &str, output: &str) -> Result<(), SendError> {
        // Let other callbacks run while this one is "on the wire".
        tokio::task::yield_now().await;
        self.successes.fetch_add(1, Ordering::SeqCst);
        self.outputs.lock().unwrap().push(output.to_owned());
        self.answer()
    }

    async fn send_task_failure(
        &self,
        _token: &str,
        _error: Option<&str>,
        _cause: Option<&str>,
    ) -> Result<(), SendError> {
        self.failures.fetch_add(1, Ordering::SeqCst);
        self.answer()
    }

    async fn send_task_heartbeat(&self, _token: &str) -> Result<(), SendError> {
        self.answer()
    }

    async fn sleep(&self, _delay: Duration) {}
}
