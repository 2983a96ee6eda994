//! Parse + validate of a generated 1,000-state definition (issue #2 target: under 5 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use stepfn_core::validate::{Options, validate_str};

/// A realistic 1,000-state machine: callback tasks with retries and catches, Pass states with
/// payload templates and intrinsics, Choice states with nested rules, Waits.
fn definition(states: usize) -> String {
    let mut map = serde_json::Map::new();
    for i in 0..states {
        let name = format!("State{i:04}");
        let next = if i + 1 < states {
            json!({ "Next": format!("State{:04}", i + 1) })
        } else {
            json!({ "End": true })
        };
        let mut state = match i % 4 {
            0 => json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "TimeoutSeconds": 300,
                "HeartbeatSeconds": 60,
                "Parameters": {
                    "FunctionName": "${RequestFunctionArn}",
                    "Payload": {
                        "taskToken.$": "$$.Task.Token",
                        "application.$": "$.application",
                        "startedAt.$": "$$.Execution.StartTime"
                    }
                },
                "ResultSelector": { "value.$": "$.Payload.value" },
                "ResultPath": "$.results.step",
                "Retry": [
                    { "ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2,
                      "MaxAttempts": 6, "BackoffRate": 2, "MaxDelaySeconds": 60,
                      "JitterStrategy": "FULL" },
                    { "ErrorEquals": ["States.ALL"] }
                ],
                "Catch": [
                    { "ErrorEquals": ["States.Timeout"], "ResultPath": "$.error",
                      "Next": "Failed" }
                ]
            }),
            1 => json!({
                "Type": "Pass",
                "Parameters": {
                    "message.$": "States.Format('step {} of {}', $.index, $.total)",
                    "ids.$": "States.Array($.a, $.b, States.UUID())",
                    "static": { "nested": [1, 2, 3] }
                },
                "ResultPath": "$.pass"
            }),
            2 => json!({
                "Type": "Choice",
                "Choices": [
                    { "And": [
                        { "Variable": "$.amount", "NumericGreaterThan": 100 },
                        { "Variable": "$.status", "StringEquals": "open" }
                      ],
                      "Next": format!("State{:04}", (i + 1).min(states - 1)) },
                    { "Variable": "$.when", "TimestampLessThanPath": "$.deadline",
                      "Next": "Failed" }
                ],
                "Default": format!("State{:04}", (i + 1).min(states - 1))
            }),
            _ => json!({ "Type": "Wait", "SecondsPath": "$.delaySeconds" }),
        };
        if i % 4 != 2
            && let (Value::Object(s), Value::Object(n)) = (&mut state, next)
        {
            s.extend(n);
        }
        map.insert(name, state);
    }
    map.insert(
        "Failed".into(),
        json!({ "Type": "Fail", "Error": "StepFailed" }),
    );
    json!({ "Comment": "generated", "StartAt": "State0000", "States": map }).to_string()
}

fn bench(c: &mut Criterion) {
    let text = definition(1000);
    let options = Options::default();
    let report = validate_str(&text, &options);
    assert!(
        report.is_valid(),
        "{:?}",
        &report.findings[..report.findings.len().min(5)]
    );

    // The baseline: reading the same text into a `serde_json::Value` and nothing else.
    c.bench_function("baseline_serde_json_parse_1000_states", |b| {
        b.iter(|| serde_json::from_str::<Value>(std::hint::black_box(&text)))
    });
    let value: Value = serde_json::from_str(&text).expect("JSON");
    c.bench_function("decode_value_1000_states", |b| {
        b.iter(|| stepfn_core::codec::decode_value(std::hint::black_box(&value)))
    });
    let machine = report.machine.clone().expect("a machine");
    c.bench_function("validate_model_1000_states", |b| {
        b.iter(|| stepfn_core::validate::validate(std::hint::black_box(&machine), &options))
    });
    c.bench_function("parse_and_validate_1000_states", |b| {
        b.iter(|| validate_str(std::hint::black_box(&text), &options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
