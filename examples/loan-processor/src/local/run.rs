//! The driver: runs one loan application through the system in virtual time, delivering the
//! outbox's work between engine steps, until the loan processor has ended and no timer is
//! left.

use std::future::Future;
use std::time::Duration;

use loan_processor_workflows::{LoanApplication, ValuationRequest};
use serde::Serialize;
use stepfn_core::callback::Transport;
use stepfn_local::{ExecutionDescription, Instant};
use stepfn_store::TokenStore;
use stepfn_webhook::ErrorSink;

use super::{LocalSystem, Work};
use crate::request::{request_valuation, valuation_reference};
use crate::webhook::ValuationWebhook;

/// At most this many rounds (engine steps to idle plus one timer) per run: a bound, so that a
/// machine that never stops cannot hang the demo. Each scenario needs fewer than ten.
const MAX_ROUNDS: usize = 1_000;

/// Where the driver posts the mock service's replies: the webhook in-process, or over HTTP.
pub trait Webhook {
    /// Posts `body` as request `request_id` and returns the webhook's answer.
    fn post(&self, request_id: &str, body: &str) -> impl Future<Output = Answer>;
}

/// What the webhook answered one reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// The request id the reply was posted with.
    pub request_id: String,
    /// The HTTP status.
    pub status: u16,
    /// The outcome's code: `succeeded`, `failed`, `duplicate`, `late`, `unknown-reference`.
    pub outcome: String,
    /// The outcome in words.
    pub message: String,
    /// When the reply arrived, in virtual milliseconds since the loan processor started.
    pub at_ms: u64,
}

impl<S, X, K> Webhook for ValuationWebhook<S, X, K>
where
    S: TokenStore,
    X: Transport,
    K: ErrorSink,
{
    async fn post(&self, request_id: &str, body: &str) -> Answer {
        let outcome = self.handle(request_id, body.as_bytes()).await.outcome;
        Answer {
            request_id: request_id.to_owned(),
            status: outcome.status(),
            outcome: outcome.code().to_owned(),
            message: outcome.to_string(),
            at_ms: 0,
        }
    }
}

/// One application's run through the system.
#[derive(Debug, Clone)]
pub struct Run {
    /// The loan processor's execution, as it ended (or as it stands after the last round).
    pub execution: ExecutionDescription,
    /// Every reply the webhook got, in order.
    pub answers: Vec<Answer>,
    /// Requests the handler could not make (the Lambda function would have failed).
    pub request_errors: Vec<String>,
    /// Virtual time from the start to the last thing that happened (the execution's end or
    /// the last reply, whichever is later).
    pub virtual_time: Duration,
}

impl LocalSystem {
    /// Runs the loan processor on `application` (execution `name`), posting replies to
    /// `webhook`, until it has ended and nothing is scheduled any more.
    pub async fn run<W: Webhook>(
        &self,
        name: &str,
        application: &LoanApplication,
        webhook: &W,
    ) -> Result<Run, String> {
        let execution = self.start(name, application)?;
        let started = self.engine.lock().now();
        let mut answers = Vec::new();
        let mut request_errors = Vec::new();

        for _ in 0..MAX_ROUNDS {
            self.engine.lock().run_until_idle();
            while let Some(work) = self.outbox.pop() {
                match work {
                    Work::Request(payload) => {
                        if let Err(error) = self.handle_request(payload).await {
                            request_errors.push(error);
                        }
                    }
                    Work::Reply(body) => {
                        let request_id = format!("reply-{}", answers.len() + 1);
                        let mut answer = webhook.post(&request_id, &body).await;
                        answer.at_ms = millis_since(started, self.engine.lock().now());
                        answers.push(answer);
                    }
                }
                self.engine.lock().run_until_idle();
            }
            if self.engine.lock().advance_to_next_timer().is_none() && self.outbox_is_empty() {
                break;
            }
        }

        let execution = self.describe(&execution)?;
        let ended = execution
            .stop_date
            .map_or(0, |stop| millis_since(started, stop));
        let last_answer = answers.iter().map(|a| a.at_ms).max().unwrap_or(0);
        Ok(Run {
            execution,
            answers,
            request_errors,
            virtual_time: Duration::from_millis(ended.max(last_answer)),
        })
    }

    /// `RequestValuation`'s Lambda function, run with the engine unlocked.
    async fn handle_request(&self, payload: serde_json::Value) -> Result<(), String> {
        let request: ValuationRequest =
            serde_json::from_value(payload).map_err(|e| e.to_string())?;
        let unique = self.next_request().to_string();
        let reference = valuation_reference(&request.loan_application, &unique);
        let service = self.valuation_service();
        request_valuation(&request, reference, self.store.as_ref(), &service)
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }

    fn outbox_is_empty(&self) -> bool {
        self.outbox.lock().is_empty()
    }

    fn describe(&self, execution: &str) -> Result<ExecutionDescription, String> {
        let engine = self.engine.lock();
        engine
            .describe_execution(execution)
            .map_err(|e| e.to_string())
    }
}

fn millis_since(start: Instant, now: Instant) -> u64 {
    u64::try_from(now.millis() - start.millis()).unwrap_or(0)
}
