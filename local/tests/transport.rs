//! `SharedEngine` as the transport of the typed callback clients: answers take effect at
//! once, errors arrive with AWS's codes, and retry delays pass on the virtual clock.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use serde_json::{Value, json};
use stepfn_core::callback::{
    CallbackClient, CallbackTask, DynTransport, Heartbeat, SendError, TaskError, TaskToken,
    Transport,
};
use stepfn_local::{Engine, ExecutionStatus, MachineType, SharedEngine};

const QUEUE: &str = "approvals";

/// The callback task of the machine below.
struct Approve;

#[derive(Debug)]
enum ApproveError {
    Rejected,
}

impl TaskError for ApproveError {
    fn error_name(&self) -> &str {
        match self {
            ApproveError::Rejected => "Rejected",
        }
    }

    fn cause(&self) -> Option<String> {
        Some("over budget".to_owned())
    }

    fn error_names() -> &'static [&'static str] {
        &["Rejected"]
    }
}

impl CallbackTask for Approve {
    const STATE_NAME: &'static str = "Approve";
    const HEARTBEAT: bool = true;
    type Output = Value;
    type Error = ApproveError;
}

impl Heartbeat for Approve {}

/// The engine's futures never wait: poll once.
fn ready<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the local transport answers at once"),
    }
}

/// Starts the approval machine; returns the engine, the execution and its task token.
fn waiting_execution() -> (SharedEngine, String, TaskToken<Approve>) {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}},
        "TimeoutSeconds": 3600, "HeartbeatSeconds": 600, "End": true}}}"#;
    let machine = engine
        .create_state_machine("Approvals", definition, MachineType::Standard)
        .unwrap();
    let execution = engine.start_execution(&machine, None, json!({})).unwrap();
    engine.run_until_idle();
    let body = engine.queue_messages(QUEUE)[0].json().unwrap();
    let token = TaskToken::new(body["token"].as_str().unwrap()).unwrap();
    (SharedEngine::new(engine), execution, token)
}

#[test]
fn a_typed_success_ends_the_execution_with_its_output() {
    let (engine, execution, token) = waiting_execution();
    let client = Approve::client(engine.clone());

    ready(client.succeed(&token, &json!({"approved": true}))).unwrap();

    let done = engine.lock().describe_execution(&execution).unwrap();
    assert_eq!(done.status, ExecutionStatus::Succeeded);
    assert_eq!(done.output, Some(json!({"approved": true})));
}

#[test]
fn a_transport_chosen_at_run_time_works_behind_dyn() {
    let (engine, execution, token) = waiting_execution();
    // A webhook might pick AWS or the local engine from its configuration.
    let transport: std::sync::Arc<dyn DynTransport> = std::sync::Arc::new(engine.clone());
    let client = Approve::client(transport);

    ready(client.heartbeat(&token)).unwrap();
    ready(client.succeed(&token, &json!({"approved": true}))).unwrap();
    let error = ready(client.succeed(&token, &json!(2))).unwrap_err();

    assert!(matches!(error, SendError::TaskTimedOut { .. }), "{error:?}");
    let done = engine.lock().describe_execution(&execution).unwrap();
    assert_eq!(done.output, Some(json!({"approved": true})));
}

#[test]
fn a_typed_failure_fails_the_execution_with_the_error_name() {
    let (engine, execution, token) = waiting_execution();
    let client = CallbackClient::<Approve, _>::new(&engine);

    ready(client.fail(&token, &ApproveError::Rejected)).unwrap();

    let done = engine.lock().describe_execution(&execution).unwrap();
    assert_eq!(done.status, ExecutionStatus::Failed);
    assert_eq!(done.error.as_deref(), Some("Rejected"));
    assert_eq!(done.cause.as_deref(), Some("over budget"));
}

#[test]
fn a_second_answer_gets_task_timed_out_and_the_token_is_spent() {
    let (engine, _, token) = waiting_execution();
    let client = Approve::client(engine.clone());
    ready(client.succeed(&token, &json!(1))).unwrap();

    let error = ready(client.succeed(&token, &json!(2))).unwrap_err();

    assert!(matches!(error, SendError::TaskTimedOut { .. }), "{error:?}");
    assert!(error.token_is_spent());
    assert!(
        error
            .to_string()
            .contains("Provided task does not exist anymore")
    );
}

#[test]
fn an_unknown_token_is_invalid() {
    let (engine, _, _) = waiting_execution();
    let client = Approve::client(engine);
    let stranger = TaskToken::<Approve>::new("AAAAKgAAAAIAAAAAnot-a-token").unwrap();

    let error = ready(client.heartbeat(&stranger)).unwrap_err();

    assert_eq!(error.code(), "InvalidToken");
}

#[test]
fn heartbeats_keep_the_task_alive_past_its_heartbeat_seconds() {
    let (engine, execution, token) = waiting_execution();
    let client = Approve::client(engine.clone());
    for _ in 0..3 {
        engine.lock().advance(Duration::from_secs(500));
        ready(client.heartbeat(&token)).unwrap();
    }
    let status = engine.lock().describe_execution(&execution).unwrap().status;
    assert_eq!(
        status,
        ExecutionStatus::Running,
        "1500 s > 600 s heartbeat, yet alive"
    );
}

#[test]
fn sleeping_advances_the_virtual_clock_for_the_executions_too() {
    let (engine, execution, _) = waiting_execution();
    let before = engine.lock().now();

    ready(Transport::sleep(&engine, Duration::from_secs(600)));

    assert_eq!(engine.lock().now().since(before), Duration::from_secs(600));
    let done = engine.lock().describe_execution(&execution).unwrap();
    assert_eq!(
        done.error.as_deref(),
        Some("States.Timeout"),
        "no heartbeat in 600 s"
    );
}
