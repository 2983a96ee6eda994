//! Callback tasks: the seed's four failure modes, heartbeats, the token API's errors and the
//! history of a `.waitForTaskToken` task.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{history_json, start, types};
use serde_json::{Value, json};
use stepfn_local::{CallbackError, CreateError, Engine, ExecutionStatus, MachineType};

const VALUATION: &str = r#"{"StartAt":"RequestValuation","States":{
    "RequestValuation":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters":{"FunctionName":"Valuation","Payload":{"taskToken.$":"$$.Task.Token","loanApplication.$":"$"}},
        "TimeoutSeconds":30,"ResultPath":"$.valuation",
        "Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"TimedOut"},
                 {"ErrorEquals":["ValuationFailed"],"ResultPath":"$.error","Next":"Failed"}],
        "Next":"Done"},
    "Done":{"Type":"Succeed"},
    "TimedOut":{"Type":"Pass","End":true},
    "Failed":{"Type":"Pass","End":true}}}"#;

type Answers = Arc<Mutex<Vec<Result<(), CallbackError>>>>;

/// A mock valuation service: for each `(delay, reply)` it answers the token at that virtual
/// delay after the call, recording what the callback API returned.
fn valuation_service(
    engine: &mut Engine,
    replies: Vec<(u64, Option<&'static str>)>,
) -> (Answers, Arc<Mutex<String>>) {
    let answers: Answers = Arc::default();
    let token = Arc::new(Mutex::new(String::new()));
    let (seen, kept) = (answers.clone(), token.clone());
    engine.register_lambda("Valuation", move |payload, invocation| {
        let received = payload["taskToken"].as_str().unwrap().to_owned();
        assert_eq!(Some(received.as_str()), invocation.task_token());
        *kept.lock().unwrap() = received.clone();
        for (delay, reply) in replies.clone() {
            let (token, seen) = (received.clone(), seen.clone());
            invocation.after(Duration::from_secs(delay), move |engine| {
                let result = match reply {
                    Some(output) => engine.send_task_success(&token, output),
                    None => engine.send_task_failure(&token, Some("ValuationFailed"), None),
                };
                seen.lock().unwrap().push(result);
            });
        }
        Ok(json!({"statusCode": 202}))
    });
    (answers, token)
}

#[test]
fn no_callback_times_out_at_thirty_seconds_and_is_caught() {
    let mut engine = Engine::new();
    valuation_service(&mut engine, vec![]);
    let arn = start(&mut engine, VALUATION, json!({"property": "No callback"}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(
        description.output.unwrap()["error"],
        json!({"Error": "States.Timeout", "Cause": ""})
    );
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:30.000Z"
    );
    let events = history_json(&engine, &arn);
    let timed_out = events.iter().find(|e| e["type"] == "TaskTimedOut").unwrap();
    assert_eq!(
        timed_out["taskTimedOutEventDetails"],
        json!({"resourceType": "lambda", "resource": "invoke.waitForTaskToken", "error": "States.Timeout"})
    );
}

#[test]
fn a_late_callback_gets_task_timed_out_after_the_execution_moved_on() {
    let mut engine = Engine::new();
    let (answers, _) = valuation_service(&mut engine, vec![(60, Some(r#"{"value":1}"#))]);
    let arn = start(&mut engine, VALUATION, json!({"property": "Late callback"}));
    engine.advance(Duration::from_secs(61));
    let description = engine.describe_execution(&arn).unwrap();
    assert_eq!(
        description.output.unwrap()["error"]["Error"],
        "States.Timeout"
    );
    let answers = answers.lock().unwrap();
    assert_eq!(*answers, [Err(CallbackError::TaskTimedOut)]);
    assert_eq!(
        answers[0].as_ref().unwrap_err().to_string(),
        "Task Timed Out: 'Provided task does not exist anymore'"
    );
}

#[test]
fn a_duplicate_callback_gets_task_timed_out() {
    let mut engine = Engine::new();
    let (answers, _) = valuation_service(
        &mut engine,
        vec![(5, Some(r#"{"value":1}"#)), (6, Some(r#"{"value":2}"#))],
    );
    let arn = start(
        &mut engine,
        VALUATION,
        json!({"property": "Duplicate response"}),
    );
    engine.advance(Duration::from_secs(10));
    let description = engine.describe_execution(&arn).unwrap();
    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(
        description.output.unwrap()["valuation"],
        json!({"value": 1})
    );
    assert_eq!(
        *answers.lock().unwrap(),
        [Ok(()), Err(CallbackError::TaskTimedOut)]
    );
}

#[test]
fn a_failed_callback_is_caught_with_a_null_cause() {
    let mut engine = Engine::new();
    let (answers, _) = valuation_service(&mut engine, vec![(3, None)]);
    let arn = start(&mut engine, VALUATION, json!({"property": "Failed"}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(*answers.lock().unwrap(), [Ok(())]);
    assert_eq!(
        description.output.unwrap()["error"],
        json!({"Error": "ValuationFailed", "Cause": null})
    );
    let events = history_json(&engine, &arn);
    let failed = events.iter().find(|e| e["type"] == "TaskFailed").unwrap();
    assert_eq!(
        failed["taskFailedEventDetails"],
        json!({"resourceType": "lambda", "resource": "invoke.waitForTaskToken", "error": "ValuationFailed"})
    );
}

#[test]
fn a_callback_task_history_has_submitted_and_the_timeout_only_when_set() {
    let mut engine = Engine::new();
    valuation_service(&mut engine, vec![(1, Some("\"ok\""))]);
    let arn = start(&mut engine, VALUATION, json!({}));
    engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        types(&engine, &arn),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "SucceedStateEntered",
            "SucceedStateExited",
            "ExecutionSucceeded"
        ]
    );
    let events = history_json(&engine, &arn);
    let ids: Vec<(u64, u64)> = events
        .iter()
        .map(|e| {
            (
                e["id"].as_u64().unwrap(),
                e["previousEventId"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ids[..7],
        [(1, 0), (2, 0), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6)]
    );
    let scheduled = &events[2]["taskScheduledEventDetails"];
    assert_eq!(scheduled["timeoutInSeconds"], 30);
    assert!(scheduled.get("heartbeatInSeconds").is_none());
    let submitted: Value = serde_json::from_str(
        events[4]["taskSubmittedEventDetails"]["output"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(submitted["Payload"], json!({"statusCode": 202}));
    assert_eq!(events[5]["taskSucceededEventDetails"]["output"], "\"ok\"");
}

#[test]
fn tokens_are_long_opaque_and_unguessable() {
    let mut engine = Engine::new();
    let (_, token) = valuation_service(&mut engine, vec![]);
    let arn = start(&mut engine, VALUATION, json!({}));
    engine.run_until_idle();
    let token = token.lock().unwrap().clone();
    assert!(token.starts_with("AAAAKgAAAAIAAAAA"));
    assert!(token.len() > 300 && token.len() <= 2048, "{}", token.len());
    assert_eq!(
        engine.describe_execution(&arn).unwrap().status,
        ExecutionStatus::Running
    );
}

#[test]
fn the_token_api_rejects_bad_calls_with_aws_errors_and_leaves_the_execution_alone() {
    let mut engine = Engine::new();
    let (_, token) = valuation_service(&mut engine, vec![]);
    let arn = start(&mut engine, VALUATION, json!({}));
    engine.run_until_idle();
    let token = token.lock().unwrap().clone();

    assert_eq!(
        engine.send_task_success("AAAAKgAAAAIAAAAAnope", "{}"),
        Err(CallbackError::InvalidToken)
    );
    assert_eq!(
        CallbackError::InvalidToken.to_string(),
        "Invalid Token: 'Invalid token'"
    );
    assert!(matches!(
        engine.send_task_success(&token, "not json"),
        Err(CallbackError::InvalidOutput { .. })
    ));
    assert!(matches!(
        engine.send_task_failure(&token, Some(&"e".repeat(257)), None),
        Err(CallbackError::Validation { .. })
    ));
    assert!(matches!(
        engine.send_task_success(&"x".repeat(2049), "{}"),
        Err(CallbackError::Validation { .. })
    ));
    assert!(matches!(
        engine.send_task_success("", "{}"),
        Err(CallbackError::Validation { .. })
    ));
    assert_eq!(
        engine.describe_execution(&arn).unwrap().status,
        ExecutionStatus::Running
    );

    assert_eq!(engine.send_task_heartbeat(&token), Ok(()));
    assert_eq!(engine.send_task_success(&token, r#"{"v":2}"#), Ok(()));
    assert_eq!(
        engine.send_task_heartbeat(&token),
        Err(CallbackError::TaskTimedOut)
    );
    assert_eq!(
        engine.send_task_failure(&token, None, None),
        Err(CallbackError::TaskTimedOut)
    );
    engine.run_until_idle();
    assert_eq!(
        engine.describe_execution(&arn).unwrap().output.unwrap()["valuation"],
        json!({"v": 2})
    );
}

const HEARTBEAT: &str = r#"{"StartAt":"T","States":{
    "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/work","MessageBody":{"token.$":"$$.Task.Token"}},
        "TimeoutSeconds":100,"HeartbeatSeconds":10,
        "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"Beat"},{"ErrorEquals":["States.Timeout"],"Next":"Total"}],
        "End":true},
    "Beat":{"Type":"Pass","End":true},
    "Total":{"Type":"Pass","End":true}}}"#;

fn queued_token(engine: &Engine) -> String {
    let messages = engine.queue_messages("https://sqs.us-east-1.amazonaws.com/123456789012/work");
    messages[0].json().unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn heartbeats_keep_the_task_alive_until_one_is_missed() {
    let mut engine = Engine::new();
    let arn = start(&mut engine, HEARTBEAT, json!({}));
    engine.run_until_idle();
    let token = queued_token(&engine);
    engine.advance(Duration::from_secs(8));
    engine.send_task_heartbeat(&token).unwrap();
    engine.advance(Duration::from_secs(8));
    engine.send_task_heartbeat(&token).unwrap();
    engine.advance(Duration::from_secs(9));
    assert_eq!(
        engine.describe_execution(&arn).unwrap().status,
        ExecutionStatus::Running
    );
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:26.000Z"
    );
    assert!(types(&engine, &arn).contains(&"PassStateEntered".to_owned()));
    let beat = history_json(&engine, &arn)
        .into_iter()
        .find(|e| e["type"] == "PassStateEntered")
        .unwrap();
    assert_eq!(beat["stateEnteredEventDetails"]["name"], "Beat");
    assert!(
        engine
            .history(&arn)
            .unwrap()
            .iter()
            .all(|e| e.event_type() != "TaskHeartbeat")
    );
}

#[test]
fn the_total_timeout_bounds_a_task_whatever_the_heartbeats() {
    let mut engine = Engine::new();
    let arn = start(&mut engine, HEARTBEAT, json!({}));
    engine.run_until_idle();
    let token = queued_token(&engine);
    for _ in 0..12 {
        engine.advance(Duration::from_secs(9));
        let _ = engine.send_task_heartbeat(&token);
    }
    let description = engine.describe_execution(&arn).unwrap();
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:01:40.000Z"
    );
    let names: Vec<Value> = history_json(&engine, &arn)
        .into_iter()
        .filter(|e| e["type"] == "PassStateEntered")
        .map(|e| e["stateEnteredEventDetails"]["name"].clone())
        .collect();
    assert_eq!(names, [json!("Total")]);
}

#[test]
fn the_context_object_of_a_callback_task_has_the_token_and_retry_count() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody":{"ctx.$":"$$","t.$":"$$.Task.Token"}},"End":true}}}"#;
    start(&mut engine, definition, json!({}));
    engine.run_until_idle();
    let context = engine.queue_messages("q")[0].json().unwrap()["ctx"].clone();
    assert_eq!(context["State"]["RetryCount"], 0);
    assert!(
        context["Task"]["Token"]
            .as_str()
            .unwrap()
            .starts_with("AAAA")
    );
}

#[test]
fn express_machines_reject_callback_tasks_at_creation() {
    let mut engine = Engine::new();
    let result = engine.create_state_machine("Express", VALUATION, MachineType::Express);
    assert!(
        matches!(result, Err(CreateError::InvalidDefinition { .. })),
        "{result:?}"
    );
}

#[test]
fn a_bad_timeout_path_fails_with_states_runtime_before_scheduling() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"task","States":{"task":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"TimeoutSecondsPath":"$.NoSuchTimeoutSecondsPath","End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        types(&engine, &arn),
        ["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"]
    );
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        description.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'task' (entered at the event id #2). Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']"
        )
    );
}

#[test]
fn run_to_completion_reports_a_stuck_callback_without_timeout() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    assert!(matches!(
        engine.run_to_completion(&arn),
        Err(stepfn_local::RunError::Stuck { .. })
    ));
}

#[test]
fn a_shared_engine_answers_callbacks_from_another_thread() {
    let shared = stepfn_local::SharedEngine::new(Engine::new());
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}}}"#;
    let arn = start(&mut shared.lock(), definition, json!({}));
    shared.lock().run_until_idle();
    let token = shared.lock().queue_messages("q")[0].body.clone();
    let remote = shared.clone();
    std::thread::spawn(move || remote.send_task_success(&token, "42").unwrap())
        .join()
        .unwrap();
    assert_eq!(
        shared.lock().describe_execution(&arn).unwrap().output,
        Some(json!(42))
    );
}
