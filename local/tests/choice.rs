//! Choice rules with every kind of operator, and Wait states on the virtual clock.

mod common;

use std::time::Duration;

use common::{run, start, types};
use serde_json::{Value, json};
use stepfn_local::{Engine, ExecutionStatus};

fn choose(rule: &str, input: Value) -> String {
    let definition = format!(
        r#"{{"StartAt":"C","States":{{
            "C":{{"Type":"Choice","Choices":[{{{rule},"Next":"Yes"}}],"Default":"No"}},
            "Yes":{{"Type":"Pass","Result":"yes","End":true}},
            "No":{{"Type":"Pass","Result":"no","End":true}}}}}}"#
    );
    let (_, _, description) = run(&definition, input);
    description.output.unwrap().as_str().unwrap().to_owned()
}

#[test]
fn every_comparison_operator_decides_as_aws_does() {
    let input = json!({"s": "beta", "n": 10, "b": true, "t": "2026-01-01T00:00:00Z", "z": null, "o": "gamma", "m": 10.0});
    let cases = [
        (r#""Variable":"$.s","StringEquals":"beta""#, "yes"),
        (r#""Variable":"$.s","StringEquals":"Beta""#, "no"),
        (r#""Variable":"$.s","StringLessThan":"gamma""#, "yes"),
        (
            r#""Variable":"$.s","StringGreaterThanEquals":"beta""#,
            "yes",
        ),
        (
            r#""Variable":"$.s","StringLessThanEqualsPath":"$.o""#,
            "yes",
        ),
        (r#""Variable":"$.s","StringMatches":"b*a""#, "yes"),
        (r#""Variable":"$.n","NumericEquals":10"#, "yes"),
        (r#""Variable":"$.n","NumericEqualsPath":"$.m""#, "yes"),
        (r#""Variable":"$.n","NumericGreaterThan":10"#, "no"),
        (r#""Variable":"$.n","NumericLessThanEquals":10.5"#, "yes"),
        (r#""Variable":"$.s","NumericEquals":10"#, "no"),
        (r#""Variable":"$.b","BooleanEquals":true"#, "yes"),
        (
            r#""Variable":"$.t","TimestampEquals":"2026-01-01T00:00:00Z""#,
            "yes",
        ),
        (
            r#""Variable":"$.t","TimestampLessThan":"2026-01-01T00:00:01Z""#,
            "yes",
        ),
        (
            r#""Variable":"$.t","TimestampGreaterThan":"2027-01-01T00:00:00Z""#,
            "no",
        ),
        (r#""Variable":"$.z","IsNull":true"#, "yes"),
        (r#""Variable":"$.nope","IsPresent":false"#, "yes"),
        (r#""Variable":"$.s","IsPresent":true"#, "yes"),
        (r#""Variable":"$.n","IsNumeric":true"#, "yes"),
        (r#""Variable":"$.s","IsString":true"#, "yes"),
        (r#""Variable":"$.b","IsBoolean":false"#, "no"),
        (r#""Variable":"$.t","IsTimestamp":true"#, "yes"),
        (
            r#""And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.b","BooleanEquals":true}]"#,
            "yes",
        ),
        (
            r#""Or":[{"Variable":"$.n","NumericLessThan":1},{"Variable":"$.s","StringEquals":"x"}]"#,
            "no",
        ),
        (r#""Not":{"Variable":"$.s","StringEquals":"x"}"#, "yes"),
    ];
    for (rule, expected) in cases {
        assert_eq!(choose(rule, input.clone()), expected, "{rule}");
    }
}

#[test]
fn no_matching_rule_without_default_fails_with_no_choice_matched() {
    let definition = r#"{"StartAt":"C","States":{
        "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"E"}]},
        "E":{"Type":"Succeed"}}}"#;
    let (_, _, description) = run(definition, json!({"n": 2}));
    assert_eq!(description.error.as_deref(), Some("States.NoChoiceMatched"));
}

#[test]
fn a_choice_on_a_missing_variable_fails_with_states_runtime() {
    let (_, _, description) = {
        let definition = r#"{"StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Variable":"$.nope","NumericEquals":1,"Next":"E"}],"Default":"E"},
            "E":{"Type":"Succeed"}}}"#;
        run(definition, json!({}))
    };
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn a_wait_of_one_year_completes_on_the_virtual_clock() {
    let definition =
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}"#;
    let started = std::time::Instant::now();
    let (engine, arn, description) = run(definition, json!({"k": 1}));
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2027-01-01T00:00:00.000Z"
    );
    assert_eq!(engine.now().to_iso(), "2027-01-01T00:00:00.000Z");
    assert_eq!(
        types(&engine, &arn),
        [
            "ExecutionStarted",
            "WaitStateEntered",
            "WaitStateExited",
            "ExecutionSucceeded"
        ]
    );
}

#[test]
fn every_wait_form_waits_until_the_right_instant() {
    let cases = [
        (r#""Seconds":10"#, "2026-01-01T00:00:10.000Z"),
        (
            r#""Timestamp":"2026-01-01T01:00:00Z""#,
            "2026-01-01T01:00:00.000Z",
        ),
        (r#""SecondsPath":"$.s""#, "2026-01-01T00:01:00.000Z"),
        (r#""TimestampPath":"$.t""#, "2026-01-02T00:00:00.000Z"),
        (
            r#""Timestamp":"2020-01-01T00:00:00Z""#,
            "2026-01-01T00:00:00.000Z",
        ),
    ];
    for (field, expected) in cases {
        let definition =
            format!(r#"{{"StartAt":"W","States":{{"W":{{"Type":"Wait",{field},"End":true}}}}}}"#);
        let (_, _, description) = run(&definition, json!({"s": 60, "t": "2026-01-02T00:00:00Z"}));
        assert_eq!(description.stop_date.unwrap().to_iso(), expected, "{field}");
    }
}

#[test]
fn advance_moves_a_waiting_execution_only_when_its_time_comes() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    engine.run_until_idle();
    engine.advance(Duration::from_secs(29));
    assert_eq!(
        engine.describe_execution(&arn).unwrap().status,
        ExecutionStatus::Running
    );
    engine.advance(Duration::from_secs(1));
    assert_eq!(
        engine.describe_execution(&arn).unwrap().status,
        ExecutionStatus::Succeeded
    );
}

#[test]
fn a_machine_timeout_ends_the_execution_as_timed_out() {
    let definition = r#"{"StartAt":"W","TimeoutSeconds":5,"States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"#;
    let (engine, arn, description) = run(definition, json!({}));
    assert_eq!(description.status, ExecutionStatus::TimedOut);
    assert_eq!(description.error, None);
    assert_eq!(types(&engine, &arn).last().unwrap(), "ExecutionTimedOut");
}
