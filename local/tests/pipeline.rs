//! The JSONPath input/output pipeline and the simple states.

mod common;

use common::run;
use serde_json::{Value, json};
use stepfn_local::ExecutionStatus;

fn pass(fields: &str) -> String {
    format!(r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass",{fields}"End":true}}}}}}"#)
}

#[test]
fn pass_state_fields_shape_the_output_as_aws_does() {
    let input = json!({"a": {"b": 1}, "c": [1, 2, 3], "name": "x"});
    let cases: Vec<(&str, Value)> = vec![
        ("", input.clone()),
        (r#""InputPath":"$.a","#, json!({"b": 1})),
        (r#""InputPath":null,"#, json!({})),
        (r#""OutputPath":null,"#, json!({})),
        (r#""OutputPath":"$.c[1]","#, json!(2)),
        (r#""Result":{"r":1},"#, json!({"r": 1})),
        (
            r#""Result":{"r":1},"ResultPath":"$.res","#,
            json!({"a": {"b": 1}, "c": [1, 2, 3], "name": "x", "res": {"r": 1}}),
        ),
        (r#""Result":{"r":1},"ResultPath":null,"#, input.clone()),
        (
            r#""Result":7,"ResultPath":"$.a.new.deep","#,
            json!({"a": {"b": 1, "new": {"deep": 7}}, "c": [1, 2, 3], "name": "x"}),
        ),
        (
            r#""Parameters":{"k.$":"$.a.b","lit":"v"},"#,
            json!({"k": 1, "lit": "v"}),
        ),
        (
            r#""Parameters":{"n.$":"$$.Execution.Name","s.$":"$$.State.Name"},"#,
            json!({"n": "run", "s": "P"}),
        ),
        (
            r#""Parameters":{"all.$":"$.c[*]"},"#,
            json!({"all": [1, 2, 3]}),
        ),
        (
            r#""Parameters":{"len.$":"$.c.length()"},"#,
            json!({"len": 3}),
        ),
        (
            r#""Parameters":{"f.$":"States.Format('hi {}', $.name)"},"#,
            json!({"f": "hi x"}),
        ),
        (
            r#""InputPath":"$.a","Parameters":{"v.$":"$.b"},"ResultPath":"$.out","OutputPath":"$.out","#,
            json!({"v": 1}),
        ),
    ];
    for (fields, expected) in cases {
        let (_, _, description) = run(&pass(fields), input.clone());
        assert_eq!(description.status, ExecutionStatus::Succeeded, "{fields}");
        assert_eq!(description.output, Some(expected), "{fields}");
    }
}

#[test]
fn a_missing_parameter_path_fails_with_aws_runtime_text() {
    let (_, _, description) = run(
        &pass(r#""Parameters":{"x.$":"$.missing"},"#),
        json!({"a": 1}),
    );
    assert_eq!(description.status, ExecutionStatus::Failed);
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    assert_eq!(
        description.cause.as_deref(),
        Some(
            "An error occurred while executing the state 'P' (entered at the event id #2). \
             The JSONPath '$.missing' specified for the field 'x.$' could not be found in the \
             input '{\"a\":1}'"
        )
    );
}

#[test]
fn a_missing_input_path_fails_with_no_results_for_path() {
    let (_, _, description) = run(&pass(r#""InputPath":"$.nope","#), json!({}));
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    let cause = description.cause.unwrap();
    assert!(
        cause.ends_with("Invalid path '$.nope' : No results for path: $['nope']"),
        "{cause}"
    );
}

#[test]
fn a_result_path_into_a_string_fails_with_result_path_match_failure() {
    let (_, _, description) = run(
        &pass(r#""Result":1,"ResultPath":"$.s.x","#),
        json!({"s": "text"}),
    );
    assert_eq!(
        description.error.as_deref(),
        Some("States.ResultPathMatchFailure")
    );
}

#[test]
fn the_context_object_of_a_pass_state_has_no_retry_count_and_no_task() {
    let (_, arn, description) = run(&pass(r#""InputPath":"$$","#), json!({"k": 1}));
    let context = description.output.unwrap();
    assert_eq!(
        context,
        json!({
            "Execution": {
                "Id": arn,
                "Input": {"k": 1},
                "Name": "run",
                "RoleArn": "arn:aws:iam::123456789012:role/StepFunctionsLocalRole",
                "StartTime": "2026-01-01T00:00:00.000Z",
                "RedriveCount": 0
            },
            "StateMachine": {
                "Id": "arn:aws:states:us-east-1:123456789012:stateMachine:Machine",
                "Name": "Machine"
            },
            "State": {"EnteredTime": "2026-01-01T00:00:00.000Z", "Name": "P"}
        })
    );
}

#[test]
fn fail_state_error_and_cause_paths_are_resolved() {
    let definition = r#"{"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('bad {}', $.n)"}}}"#;
    let (_, _, description) = run(definition, json!({"e": "Custom", "n": 3}));
    assert_eq!(description.status, ExecutionStatus::Failed);
    assert_eq!(description.error.as_deref(), Some("Custom"));
    assert_eq!(description.cause.as_deref(), Some("bad 3"));
}

#[test]
fn variables_assigned_in_one_state_are_visible_from_the_next() {
    let definition = r#"{"StartAt":"A","States":{
        "A":{"Type":"Pass","Result":{"v":5},"Assign":{"x.$":"$.v","lit":"l"},"Next":"B"},
        "B":{"Type":"Pass","Parameters":{"x.$":"$x","lit.$":"$lit"},"End":true}}}"#;
    let (_, _, description) = run(definition, json!({}));
    assert_eq!(description.output, Some(json!({"x": 5, "lit": "l"})));
}

#[test]
fn an_output_over_256_kib_fails_with_data_limit_exceeded() {
    let big = "x".repeat(300_000);
    let definition = format!(
        r#"{{"StartAt":"P","States":{{"P":{{"Type":"Pass","Result":"{big}","End":true}}}}}}"#
    );
    let (_, _, description) = run(&definition, json!({}));
    assert_eq!(
        description.error.as_deref(),
        Some("States.DataLimitExceeded")
    );
}

#[test]
fn succeed_state_applies_input_and_output_paths() {
    let definition =
        r#"{"StartAt":"S","States":{"S":{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}}}"#;
    let (_, _, description) = run(definition, json!({"a": {"b": 2}}));
    assert_eq!(description.output, Some(json!(2)));
}
