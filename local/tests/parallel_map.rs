//! Parallel branches and Map iterations as concurrent strands on the virtual clock.

mod common;

use std::time::Duration;

use common::{assert_consistent, history_json, run, start, types};
use serde_json::json;
use stepfn_local::{Engine, ExecutionStatus};

#[test]
fn parallel_branches_return_their_outputs_in_branch_order() {
    let definition = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"Slow","States":{"Slow":{"Type":"Wait","Seconds":20,"Next":"A"},"A":{"Type":"Pass","Result":"a","End":true}}},
        {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]}}}"#;
    let (engine, arn, description) = run(definition, json!({}));
    assert_eq!(description.output, Some(json!(["a", "b"])));
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:20.000Z"
    );
    let events = history_json(&engine, &arn);
    assert_eq!(events[2]["type"], "ParallelStateStarted");
    assert_eq!(events[2]["previousEventId"], 2);
    let firsts: Vec<_> = events
        .iter()
        .filter(|e| e["previousEventId"] == 3)
        .map(|e| e["type"].clone())
        .collect();
    assert_eq!(
        firsts,
        [json!("WaitStateEntered"), json!("PassStateEntered")]
    );
    let succeeded = events
        .iter()
        .position(|e| e["type"] == "ParallelStateSucceeded")
        .unwrap();
    assert_eq!(events[succeeded + 1]["type"], "ParallelStateExited");
    assert_consistent(&engine, &arn);
}

#[test]
fn a_failing_branch_aborts_its_siblings_and_is_caught_on_the_parallel_state() {
    let definition = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Ok",
        "Catch":[{"ErrorEquals":["Oops"],"ResultPath":"$.err","Next":"Handled"}],
        "Branches":[
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"c"}}}]},
        "Ok":{"Type":"Succeed"},"Handled":{"Type":"Succeed"}}}"#;
    let (engine, arn, description) = run(definition, json!({"x": 1}));
    assert_eq!(
        description.output,
        Some(json!({"x": 1, "err": {"Error": "Oops", "Cause": "c"}}))
    );
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:00.000Z"
    );
    let types = types(&engine, &arn);
    for expected in [
        "WaitStateAborted",
        "ParallelStateFailed",
        "ParallelStateExited",
    ] {
        assert!(
            types.contains(&expected.to_owned()),
            "{expected} in {types:?}"
        );
    }
    assert_consistent(&engine, &arn);
}

#[test]
fn an_uncaught_branch_failure_fails_the_execution_with_the_branch_error() {
    let definition = r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops"}}}]}}}"#;
    let (engine, arn, description) = run(definition, json!({}));
    assert_eq!(description.error.as_deref(), Some("Oops"));
    assert_eq!(types(&engine, &arn).last().unwrap(), "ExecutionFailed");
}

#[test]
fn map_iterations_see_their_item_through_the_context_object() {
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","End":true,
        "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","k.$":"$.k"},
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let (engine, arn, description) = run(definition, json!({"items": ["a", "b"], "k": 9}));
    assert_eq!(
        description.output,
        Some(json!([{"i": 0, "v": "a", "k": 9}, {"i": 1, "v": "b", "k": 9}]))
    );
    let events = history_json(&engine, &arn);
    assert_eq!(
        events[2]["mapStateStartedEventDetails"],
        json!({"length": 2})
    );
    assert_eq!(events[3]["type"], "MapIterationStarted");
    assert_eq!(
        events[3]["mapIterationStartedEventDetails"],
        json!({"name": "M", "index": 0})
    );
    assert_consistent(&engine, &arn);
}

#[test]
fn max_concurrency_one_runs_iterations_one_after_another() {
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
        "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}}"#;
    let (engine, arn, description) = run(definition, json!([1, 2, 3]));
    assert_eq!(description.output, Some(json!([1, 2, 3])));
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:30.000Z"
    );
    let events = history_json(&engine, &arn);
    let second = events
        .iter()
        .find(|e| {
            e["type"] == "MapIterationStarted" && e["mapIterationStartedEventDetails"]["index"] == 1
        })
        .unwrap();
    let first_exit = events
        .iter()
        .find(|e| e["type"] == "WaitStateExited")
        .unwrap();
    assert_eq!(second["previousEventId"], first_exit["id"]);
    assert_consistent(&engine, &arn);
}

#[test]
fn unbounded_concurrency_runs_iterations_together() {
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}}"#;
    let (_, _, description) = run(definition, json!([1, 2, 3, 4]));
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:10.000Z"
    );
}

#[test]
fn tolerated_failures_let_a_map_succeed_until_the_threshold() {
    let processor = r#""ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":0,"Next":"F"}],"Default":"P"},
        "F":{"Type":"Fail","Error":"Zero"},"P":{"Type":"Pass","End":true}}}"#;
    let cases = [
        (
            r#""ToleratedFailureCount":1,"#,
            ExecutionStatus::Succeeded,
            None,
        ),
        (
            r#""ToleratedFailurePercentage":20,"#,
            ExecutionStatus::Failed,
            Some("States.ExceedToleratedFailureThreshold"),
        ),
    ];
    for (tolerance, status, error) in cases {
        let definition = format!(
            r#"{{"StartAt":"M","States":{{"M":{{"Type":"Map",{tolerance}"End":true,{processor}}}}}}}"#
        );
        let (engine, arn, description) = run(&definition, json!([1, 0, 2]));
        assert_eq!(description.status, status, "{tolerance}");
        assert_eq!(description.error.as_deref(), error, "{tolerance}");
        assert_consistent(&engine, &arn);
    }
}

#[test]
fn an_empty_map_succeeds_with_an_empty_array() {
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let (engine, arn, description) = run(definition, json!([]));
    assert_eq!(description.output, Some(json!([])));
    assert!(types(&engine, &arn).contains(&"MapStateSucceeded".to_owned()));
}

#[test]
fn variables_are_scoped_per_iteration_and_read_from_outside() {
    let definition = r#"{"StartAt":"Set","States":{
        "Set":{"Type":"Pass","Assign":{"outer":"o"},"Next":"M"},
        "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"A","States":{
            "A":{"Type":"Pass","Assign":{"mine.$":"$"},"Next":"B"},
            "B":{"Type":"Pass","Parameters":{"mine.$":"$mine","outer.$":"$outer"},"End":true}}}}}}"#;
    let (_, _, description) = run(definition, json!([1, 2]));
    assert_eq!(
        description.output,
        Some(json!([{"mine": 1, "outer": "o"}, {"mine": 2, "outer": "o"}]))
    );
}

#[test]
fn callbacks_inside_map_iterations_resolve_independently() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"T","States":{
        "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
             "Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token","item.$":"$"}},"End":true}}}}}}"#;
    let arn = start(&mut engine, definition, json!([10, 20]));
    engine.run_until_idle();
    let messages: Vec<_> = engine
        .queue_messages("q")
        .iter()
        .map(|m| m.json().unwrap())
        .collect();
    assert_eq!(messages.len(), 2);
    for message in messages.iter().rev() {
        let answer = json!({"doubled": message["item"].as_i64().unwrap() * 2}).to_string();
        engine
            .send_task_success(message["t"].as_str().unwrap(), &answer)
            .unwrap();
        engine.advance(Duration::from_secs(1));
    }
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        description.output,
        Some(json!([{"doubled": 20}, {"doubled": 40}]))
    );
    assert_consistent(&engine, &arn);
}

const DISTRIBUTED: &str = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
    "Label":"Items","ToleratedFailureCount":TOLERATED,
    "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
    "StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"P"},
        "P":{"Type":"Pass","End":true},
        "F":{"Type":"Fail","Error":"Two","Cause":"two is bad"}}}}}}"#;

#[test]
fn a_distributed_map_runs_each_item_as_a_child_execution_of_a_map_run() {
    let definition = DISTRIBUTED.replace("TOLERATED", "1");
    let (engine, arn, description) = run(&definition, json!([1, 2, 3]));
    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(
        description.output,
        Some(json!([1, {"Error": "Two", "Cause": "two is bad"}, 3]))
    );
    // The parent's history shows the Map Run, not the iterations.
    assert_eq!(
        types(&engine, &arn),
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapRunStarted",
            "MapRunSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
    let events = history_json(&engine, &arn);
    assert_eq!(
        events[5]["previousEventId"], 5,
        "MapStateSucceeded -> MapRunSucceeded"
    );
    assert_eq!(
        events[6]["previousEventId"], 5,
        "MapStateExited -> MapRunSucceeded"
    );
    let map_run = events[3]["mapRunStartedEventDetails"]["mapRunArn"]
        .as_str()
        .unwrap();
    assert!(map_run.contains(":mapRun:Machine/Items:"), "{map_run}");
    // Each item ran as a child execution with its own history; they are not listed with
    // the top-level executions.
    assert_eq!(engine.executions(), std::slice::from_ref(&arn));
    let children = engine.map_run_executions(map_run);
    assert_eq!(children.len(), 3);
    assert!(children[0].contains(":execution:Machine/Items:"));
    let statuses: Vec<_> = children
        .iter()
        .map(|child| engine.describe_execution(child).unwrap().status)
        .collect();
    assert_eq!(
        statuses,
        [
            ExecutionStatus::Succeeded,
            ExecutionStatus::Failed,
            ExecutionStatus::Succeeded
        ]
    );
    assert_eq!(
        types(&engine, &children[1]),
        [
            "ExecutionStarted",
            "ChoiceStateEntered",
            "ChoiceStateExited",
            "FailStateEntered",
            "ExecutionFailed"
        ]
    );
    for child in &children {
        assert_consistent(&engine, child);
    }
}

#[test]
fn a_map_run_over_its_tolerance_fails_with_the_threshold_error() {
    let definition = DISTRIBUTED.replace("TOLERATED", "0");
    let (engine, arn, description) = run(&definition, json!([1, 2, 3]));
    assert_eq!(
        description.error.as_deref(),
        Some("States.ExceedToleratedFailureThreshold")
    );
    assert_eq!(
        types(&engine, &arn)[3..],
        [
            "MapRunStarted",
            "MapRunFailed",
            "MapStateFailed",
            "ExecutionFailed"
        ]
    );
    let events = history_json(&engine, &arn);
    assert_eq!(
        events[4]["mapRunFailedEventDetails"]["error"],
        "States.ExceedToleratedFailureThreshold"
    );
}
