//! The whole system on the local engine: both machines with their substitutions applied, the
//! two Lambda functions, the token store, the webhook and the error topic, driven in virtual
//! time by [`LocalSystem::run`].
//!
//! The engine runs Lambda handlers while it is locked, and the webhook's typed client locks
//! it to answer a task, so no handler may call the webhook (or the request handler) directly.
//! Instead both engine-side Lambda functions only post work to an outbox; the driver
//! (`run`) takes the work out between engine steps, at the same virtual time, and runs it
//! with the engine unlocked.

mod console;
mod report;
mod run;

pub use console::history_table;
pub use report::{Notification, Report, SCENARIOS, Scenario, ScenarioReport};
pub use run::{Answer, Run, Webhook};

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use loan_processor_workflows::{
    LoanApplication, LoanProcessor, LoanProcessorSubstitutions, MockValuation,
    MockValuationRequest, MockValuationSubstitutions,
};
use serde_json::{Value, json};
use stepfn::{Substitutions, Workflow};
use stepfn_local::{CreateError, Engine, MachineType, SharedEngine};
use stepfn_store::MemoryStore;
use stepfn_webhook::LocalTopicSink;

use crate::mock::Behaviour;
use crate::request::{ServiceError, ValuationService};
use crate::webhook::{ValuationWebhook, valuation_webhook};

/// The Lambda function behind `RequestValuation`.
pub const REQUEST_FUNCTION: &str = "ValuationRequest";
/// The Lambda function behind the mock service's `SendResponse`.
pub const SEND_RESPONSE_FUNCTION: &str = "SendResponse";
/// The name the webhook signs its error notices with.
pub const WEBHOOK_SOURCE: &str = "valuation-webhook";

/// The webhook of the local system: memory store, the engine as transport, the error topic.
pub type LocalWebhook = ValuationWebhook<Arc<MemoryStore>, SharedEngine, LocalTopicSink>;

/// Work an engine-side Lambda function leaves for the driver.
#[derive(Debug)]
enum Work {
    /// `RequestValuation` was invoked with this payload.
    Request(Value),
    /// The mock service sends this body to the webhook.
    Reply(String),
}

#[derive(Debug, Clone, Default)]
struct Outbox(Arc<Mutex<VecDeque<Work>>>);

impl Outbox {
    fn lock(&self) -> MutexGuard<'_, VecDeque<Work>> {
        // A push or a pop cannot be interrupted half-way, so a poisoned lock is sound.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, work: Work) {
        self.lock().push_back(work);
    }

    fn pop(&self) -> Option<Work> {
        self.lock().pop_front()
    }
}

/// The loan processor, its mock valuation service and its webhook on one local engine.
#[derive(Debug)]
pub struct LocalSystem {
    engine: SharedEngine,
    store: Arc<MemoryStore>,
    outbox: Outbox,
    loan_processor: String,
    mock_valuation: String,
    error_topic: String,
    requests: AtomicU64,
}

impl LocalSystem {
    /// A fresh engine (seeded, so every run is the same) with both machines created.
    pub fn new() -> Result<LocalSystem, CreateError> {
        let mut engine = Engine::new();
        let (region, account) = (
            engine.config().region.clone(),
            engine.config().account.clone(),
        );
        let function = |name: &str| format!("arn:aws:lambda:{region}:{account}:function:{name}");
        let error_topic = format!("arn:aws:sns:{region}:{account}:loan-processor-errors");

        let loan = LoanProcessorSubstitutions {
            error_topic_arn: error_topic.clone(),
            valuation_request_function_arn: function(REQUEST_FUNCTION),
        };
        let mock = MockValuationSubstitutions {
            send_response_function_arn: function(SEND_RESPONSE_FUNCTION),
        };
        let loan_processor = engine.create_state_machine(
            LoanProcessor::NAME,
            loan.apply(&LoanProcessor::asl()),
            MachineType::Standard,
        )?;
        let mock_valuation = engine.create_state_machine(
            MockValuation::NAME,
            mock.apply(&MockValuation::asl()),
            MachineType::Express,
        )?;

        let outbox = Outbox::default();
        register_functions(&mut engine, &outbox);
        Ok(LocalSystem {
            engine: SharedEngine::new(engine),
            store: Arc::new(MemoryStore::new()),
            outbox,
            loan_processor,
            mock_valuation,
            error_topic,
            requests: AtomicU64::new(0),
        })
    }

    /// The engine, shared.
    pub fn engine(&self) -> &SharedEngine {
        &self.engine
    }

    /// The token store the request handler and the webhook share.
    pub fn store(&self) -> &Arc<MemoryStore> {
        &self.store
    }

    /// The loan processor's ARN.
    pub fn loan_processor_arn(&self) -> &str {
        &self.loan_processor
    }

    /// The error topic's ARN.
    pub fn error_topic_arn(&self) -> &str {
        &self.error_topic
    }

    /// The webhook, answering this system's tasks and publishing to its error topic. Serve
    /// it over HTTP with [`crate::webhook::router`], or call it in-process.
    pub fn webhook(&self) -> LocalWebhook {
        let sink = LocalTopicSink::new(self.engine.clone(), &self.error_topic);
        valuation_webhook(
            Arc::clone(&self.store),
            self.engine.clone(),
            sink,
            WEBHOOK_SOURCE,
        )
    }

    /// The valuation service the request handler calls: the mock machine on this engine.
    fn valuation_service(&self) -> LocalValuationService<'_> {
        LocalValuationService {
            engine: &self.engine,
            machine_arn: &self.mock_valuation,
        }
    }

    fn next_request(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Starts the loan processor on `application`; returns the execution ARN.
    fn start(&self, name: &str, application: &LoanApplication) -> Result<String, String> {
        let input = json!({ "application": application });
        let mut engine = self.engine.lock();
        let arn = engine.start_execution(&self.loan_processor, Some(name), input);
        arn.map_err(|e| e.to_string())
    }
}

/// Both engine-side functions only hand their work to the driver (see the module docs).
fn register_functions(engine: &mut Engine, outbox: &Outbox) {
    let requests = outbox.clone();
    engine.register_lambda(REQUEST_FUNCTION, move |payload, _| {
        requests.push(Work::Request(payload.clone()));
        Ok(Value::Null)
    });

    let replies = outbox.clone();
    engine.register_lambda(SEND_RESPONSE_FUNCTION, move |payload, _| {
        let request: MockValuationRequest = serde_json::from_value(payload.clone())
            .map_err(|e| stepfn_local::TaskError::lambda("InvalidRequest", &e.to_string()))?;
        let responses = Behaviour::of(&request.property).responses(&request);
        for response in &responses {
            let body = serde_json::to_string(response).unwrap_or_default();
            replies.push(Work::Reply(body));
        }
        Ok(json!({ "sent": responses.len() }))
    });
}

/// The mock valuation service reached as on AWS: a request starts its Express machine,
/// unless the property asks for no callback at all.
#[derive(Debug)]
struct LocalValuationService<'a> {
    engine: &'a SharedEngine,
    machine_arn: &'a str,
}

impl ValuationService for LocalValuationService<'_> {
    async fn request_valuation(
        &self,
        reference: &str,
        application: &LoanApplication,
    ) -> Result<(), ServiceError> {
        let behaviour = Behaviour::of(&application.property);
        if !behaviour.answers() {
            return Ok(());
        }
        let input = behaviour.machine_input(reference, &application.property);
        let input = serde_json::to_value(input).map_err(|e| ServiceError {
            message: e.to_string(),
        })?;
        let started = self
            .engine
            .lock()
            .start_execution(self.machine_arn, None, input);
        started.map(drop).map_err(|e| ServiceError {
            message: e.to_string(),
        })
    }
}
