//! The built-in integrations: SNS topics, SQS queues, nested executions and activities.

mod common;

use std::time::Duration;

use common::{history_json, start, types};
use serde_json::{Value, json};
use stepfn_local::{Engine, EngineConfig, ExecutionStatus, MachineType};

const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:alerts";
const QUEUE: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

#[test]
fn sns_publish_stores_the_message_and_answers_with_a_message_id() {
    let mut engine = Engine::new();
    let definition = format!(
        r#"{{"StartAt":"N","States":{{"N":{{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
        "Parameters":{{"TopicArn":"{TOPIC}","Message":{{"id.$":"$.id"}},"Subject":"s"}},"End":true}}}}}}"#
    );
    let arn = start(&mut engine, &definition, json!({"id": 7}));
    engine.advance(Duration::from_secs(5));
    let description = engine.run_to_completion(&arn).unwrap();
    let messages = engine.topic_messages(TOPIC);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].json(), Some(json!({"id": 7})));
    assert_eq!(messages[0].subject.as_deref(), Some("s"));
    assert_eq!(messages[0].timestamp.to_iso(), "2026-01-01T00:00:00.000Z");
    let output = description.output.unwrap();
    assert_eq!(output["MessageId"], json!(messages[0].message_id));
    assert!(output.get("SdkHttpMetadata").is_some());
}

#[test]
fn sqs_send_answers_with_the_md5_of_the_body() {
    let mut engine = Engine::new();
    let definition = format!(
        r#"{{"StartAt":"Q","States":{{"Q":{{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
        "Parameters":{{"QueueUrl":"{QUEUE}","MessageBody":"hello"}},"End":true}}}}}}"#
    );
    let arn = start(&mut engine, &definition, json!({}));
    let output = engine.run_to_completion(&arn).unwrap().output.unwrap();
    assert_eq!(
        output["MD5OfMessageBody"],
        "5d41402abc4b2a76b9719d911017c592"
    );
    assert_eq!(engine.queue_messages(QUEUE)[0].body, "hello");
}

#[test]
fn a_queue_subscriber_can_answer_the_callback_later() {
    let mut engine = Engine::new();
    engine.subscribe(QUEUE, |message, invocation| {
        let token = message.json().unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        invocation.after(Duration::from_secs(45), move |engine| {
            engine
                .send_task_success(&token, r#"{"done":true}"#)
                .unwrap();
        });
    });
    let definition = format!(
        r#"{{"StartAt":"Q","States":{{"Q":{{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters":{{"QueueUrl":"{QUEUE}","MessageBody":{{"token.$":"$$.Task.Token"}}}},"End":true}}}}}}"#
    );
    let arn = start(&mut engine, &definition, json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.output, Some(json!({"done": true})));
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:45.000Z"
    );
    let submitted = history_json(&engine, &arn)
        .into_iter()
        .find(|e| e["type"] == "TaskSubmitted")
        .unwrap();
    let response: Value = serde_json::from_str(
        submitted["taskSubmittedEventDetails"]["output"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert!(response.get("MD5OfMessageBody").is_some());
}

fn child_and_parent(engine: &mut Engine, child: &str, resource: &str) -> String {
    let child_arn = engine
        .create_state_machine("Child", child, MachineType::Standard)
        .unwrap();
    let parent = format!(
        r#"{{"StartAt":"S","States":{{"S":{{"Type":"Task","Resource":"{resource}",
        "Parameters":{{"StateMachineArn":"{child_arn}","Input":{{"n.$":"$.n"}},"Name":"kid"}},"End":true}}}}}}"#
    );
    start(engine, &parent, json!({"n": 2}))
}

const DOUBLER: &str = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"D"},
    "D":{"Type":"Pass","Parameters":{"d.$":"States.MathAdd($.n, $.n)"},"End":true}}}"#;

#[test]
fn a_sync_2_child_execution_returns_its_output_as_json() {
    let mut engine = Engine::new();
    let arn = child_and_parent(
        &mut engine,
        DOUBLER,
        "arn:aws:states:::states:startExecution.sync:2",
    );
    let output = engine.run_to_completion(&arn).unwrap().output.unwrap();
    assert_eq!(output["Output"], json!({"d": 4}));
    assert_eq!(output["Status"], "SUCCEEDED");
    assert_eq!(output["Name"], "kid");
    assert!(types(&engine, &arn).contains(&"TaskSubmitted".to_owned()));
    assert_eq!(engine.executions().len(), 2);
}

#[test]
fn a_sync_child_execution_returns_its_output_as_json_text() {
    let mut engine = Engine::new();
    let arn = child_and_parent(
        &mut engine,
        DOUBLER,
        "arn:aws:states:::states:startExecution.sync",
    );
    let output = engine.run_to_completion(&arn).unwrap().output.unwrap();
    assert_eq!(output["Output"], json!("{\"d\":4}"));
    assert_eq!(output["Input"], json!("{\"n\":2}"));
}

#[test]
fn a_failed_sync_child_fails_the_parent_task_with_states_task_failed() {
    let mut engine = Engine::new();
    let child =
        r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"ChildBroke","Cause":"why"}}}"#;
    let arn = child_and_parent(
        &mut engine,
        child,
        "arn:aws:states:::states:startExecution.sync:2",
    );
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.error.as_deref(), Some("States.TaskFailed"));
    let cause: Value = serde_json::from_str(&description.cause.unwrap()).unwrap();
    assert_eq!(cause["Error"], "ChildBroke");
    assert_eq!(cause["Status"], "FAILED");
}

#[test]
fn a_request_response_start_execution_does_not_wait_for_the_child() {
    let mut engine = Engine::new();
    let arn = child_and_parent(
        &mut engine,
        DOUBLER,
        "arn:aws:states:::states:startExecution",
    );
    engine.run_until_idle();
    let description = engine.describe_execution(&arn).unwrap();
    assert_eq!(description.status, ExecutionStatus::Succeeded);
    let child = description.output.unwrap()["ExecutionArn"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        child,
        "arn:aws:states:us-east-1:123456789012:execution:Child:kid"
    );
    assert_eq!(
        engine.describe_execution(&child).unwrap().status,
        ExecutionStatus::Running
    );
    assert_eq!(
        engine.run_to_completion(&child).unwrap().output,
        Some(json!({"d": 4}))
    );
}

#[test]
fn an_activity_worker_polls_the_task_and_answers_it() {
    let mut engine = Engine::new();
    let activity = engine.create_activity("Approve");
    let definition = format!(
        r#"{{"StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{activity}","TimeoutSeconds":60,"End":true}}}}}}"#
    );
    let arn = start(&mut engine, &definition, json!({"amount": 5}));
    engine.run_until_idle();
    engine.advance(Duration::from_secs(100));
    let task = engine
        .get_activity_task(&activity, Some("worker-1"))
        .unwrap()
        .unwrap();
    assert_eq!(task.input, json!({"amount": 5}));
    assert_eq!(engine.get_activity_task(&activity, None).unwrap(), None);
    engine
        .send_task_success(&task.task_token, r#"{"approved":true}"#)
        .unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.output, Some(json!({"approved": true})));
    assert_eq!(
        types(&engine, &arn),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "ActivityScheduled",
            "ActivityStarted",
            "ActivitySucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    let started = &history_json(&engine, &arn)[3];
    assert_eq!(
        started["activityStartedEventDetails"],
        json!({"workerName": "worker-1"})
    );
}

#[test]
fn an_activity_times_out_once_polled_and_left_unanswered() {
    let mut engine = Engine::new();
    let activity = engine.create_activity("Slow");
    let definition = format!(
        r#"{{"StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{activity}","TimeoutSeconds":10,"End":true}}}}}}"#
    );
    let arn = start(&mut engine, &definition, json!({}));
    engine.run_until_idle();
    engine.get_activity_task(&activity, None).unwrap().unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.error.as_deref(), Some("States.Timeout"));
    assert!(types(&engine, &arn).contains(&"ActivityTimedOut".to_owned()));
}

#[test]
fn stop_execution_aborts_a_running_execution() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    engine.run_until_idle();
    let description = engine.stop_execution(&arn, Some("Stop"), None).unwrap();
    assert_eq!(description.status, ExecutionStatus::Aborted);
    engine.advance(Duration::from_secs(200));
    assert_eq!(types(&engine, &arn).last().unwrap(), "ExecutionAborted");
}

/// Runs `definition` as a new machine of `engine` (a fresh name each time).
fn outcome(engine: &mut Engine, definition: String) -> stepfn_local::ExecutionDescription {
    let name = format!("M{}", engine.executions().len());
    let machine = engine
        .create_state_machine(&name, definition.as_str(), MachineType::Standard)
        .unwrap();
    let arn = engine.start_execution(&machine, None, json!({})).unwrap();
    engine.run_to_completion(&arn).unwrap()
}

fn send_to(resource: &str, field: &str, destination: &str) -> String {
    format!(
        r#"{{"StartAt":"N","States":{{"N":{{"Type":"Task","Resource":"arn:aws:states:::{resource}",
        "Parameters":{{"{field}":"{destination}","Message":"m","MessageBody":"m"}},"End":true}}}}}}"#
    )
}

#[test]
fn in_strict_mode_only_created_topics_and_queues_exist() {
    let mut engine = Engine::with_config(EngineConfig {
        strict_destinations: true,
        ..EngineConfig::default()
    });
    let topic = engine.create_topic("alerts");
    assert_eq!(topic, TOPIC);
    let queue = engine.create_queue("jobs");
    assert_eq!(queue, QUEUE);

    let published = outcome(&mut engine, send_to("sns:publish", "TopicArn", TOPIC));
    assert_eq!(published.status, ExecutionStatus::Succeeded);
    let sent = outcome(&mut engine, send_to("sqs:sendMessage", "QueueUrl", QUEUE));
    assert_eq!(sent.status, ExecutionStatus::Succeeded);

    let unknown_topic = outcome(
        &mut engine,
        send_to(
            "sns:publish",
            "TopicArn",
            "arn:aws:sns:us-east-1:123456789012:gone",
        ),
    );
    assert_eq!(
        unknown_topic.error.as_deref(),
        Some("SNS.NotFoundException")
    );
    assert!(
        unknown_topic
            .cause
            .unwrap()
            .starts_with("Topic does not exist (Service: AmazonSNS; Status Code: 404;")
    );
    let unknown_queue = outcome(
        &mut engine,
        send_to(
            "sqs:sendMessage",
            "QueueUrl",
            "https://sqs.us-east-1.amazonaws.com/123456789012/gone",
        ),
    );
    assert_eq!(
        unknown_queue.error.as_deref(),
        Some("SQS.QueueDoesNotExistException")
    );

    engine.delete_destination(TOPIC);
    let after_delete = outcome(&mut engine, send_to("sns:publish", "TopicArn", TOPIC));
    assert_eq!(after_delete.error.as_deref(), Some("SNS.NotFoundException"));
}

#[test]
fn a_queue_url_whose_host_cannot_resolve_fails_in_any_mode() {
    let mut engine = Engine::new();
    let definition = send_to("sqs:sendMessage", "QueueUrl", "http://no-such-queue");
    let arn = start(&mut engine, &definition, json!({}));
    let done = engine.run_to_completion(&arn).unwrap();
    assert_eq!(done.error.as_deref(), Some("SQS.SdkClientException"));
    assert_eq!(
        done.cause.as_deref(),
        Some("Unable to execute HTTP request: no-such-queue: Name or service not known")
    );
}
