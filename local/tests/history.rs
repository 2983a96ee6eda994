//! History events in the shape of `GetExecutionHistory`.

mod common;

use common::{history_json, run};
use serde_json::json;

#[test]
fn a_pass_chain_history_matches_aws_event_for_event() {
    let definition = r#"{"StartAt":"A","States":{
        "A":{"Type":"Pass","Result":{"x":1},"Next":"B"},
        "B":{"Type":"Succeed"}}}"#;
    let (engine, arn, _) = run(definition, json!({"in": true}));
    let events = history_json(&engine, &arn);
    let t = 1767225600.0;
    assert_eq!(
        events,
        vec![
            json!({"timestamp": t, "type": "ExecutionStarted", "id": 1, "previousEventId": 0,
                "executionStartedEventDetails": {"input": "{\"in\":true}", "inputDetails": {"truncated": false},
                "roleArn": "arn:aws:iam::123456789012:role/StepFunctionsLocalRole"}}),
            json!({"timestamp": t, "type": "PassStateEntered", "id": 2, "previousEventId": 0,
                "stateEnteredEventDetails": {"name": "A", "input": "{\"in\":true}", "inputDetails": {"truncated": false}}}),
            json!({"timestamp": t, "type": "PassStateExited", "id": 3, "previousEventId": 2,
                "stateExitedEventDetails": {"name": "A", "output": "{\"x\":1}", "outputDetails": {"truncated": false}}}),
            json!({"timestamp": t, "type": "SucceedStateEntered", "id": 4, "previousEventId": 3,
                "stateEnteredEventDetails": {"name": "B", "input": "{\"x\":1}", "inputDetails": {"truncated": false}}}),
            json!({"timestamp": t, "type": "SucceedStateExited", "id": 5, "previousEventId": 4,
                "stateExitedEventDetails": {"name": "B", "output": "{\"x\":1}", "outputDetails": {"truncated": false}}}),
            json!({"timestamp": t, "type": "ExecutionSucceeded", "id": 6, "previousEventId": 5,
                "executionSucceededEventDetails": {"output": "{\"x\":1}", "outputDetails": {"truncated": false}}}),
        ]
    );
}

#[test]
fn a_fail_state_has_no_exited_event_and_the_failure_omits_absent_fields() {
    let definition = r#"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}"#;
    let (engine, arn, _) = run(definition, json!({}));
    let events = history_json(&engine, &arn);
    assert_eq!(events.len(), 3);
    assert_eq!(events[1]["type"], "FailStateEntered");
    assert_eq!(events[2]["type"], "ExecutionFailed");
    assert_eq!(events[2]["previousEventId"], 2);
    assert_eq!(
        events[2]["executionFailedEventDetails"],
        json!({"error": "E"})
    );
}

#[test]
fn an_endless_loop_stops_at_the_history_event_limit() {
    let definition = r#"{"StartAt":"A","States":{
        "A":{"Type":"Pass","Next":"C"},
        "C":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"E"}],"Default":"A"},
        "E":{"Type":"Succeed"}}}"#;
    let (engine, arn, description) = run(definition, json!({}));
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    let events = engine.history(&arn).unwrap();
    assert_eq!(events.len(), 25_000);
    common::assert_consistent(&engine, &arn);
}
