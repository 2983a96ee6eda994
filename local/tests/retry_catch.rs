//! Tasks with Lambda handlers: results, failures, Retry before Catch, error matching.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{start, types};
use serde_json::{Value, json};
use stepfn_local::{Engine, ExecutionStatus, TaskError};

fn lambda_task(extra: &str) -> String {
    let caught = if extra.contains("Caught") {
        r#","Caught":{"Type":"Pass","End":true}"#
    } else {
        ""
    };
    format!(
        r#"{{"StartAt":"T","States":{{
            "T":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                "Parameters":{{"FunctionName":"f","Payload.$":"$"}}{extra},"Next":"Done"}},
            "Done":{{"Type":"Pass","End":true}}{caught}}}}}"#
    )
}

/// A Lambda that fails `failures` times with `error`, then returns `{"ok": true}`; it
/// records the virtual times of its calls.
fn flaky(engine: &mut Engine, failures: usize, error: &'static str) -> Arc<Mutex<Vec<i64>>> {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let seen = calls.clone();
    engine.register_lambda("f", move |_payload, invocation| {
        let mut calls = seen.lock().unwrap();
        calls.push(invocation.now().millis());
        if calls.len() <= failures {
            Err(TaskError::lambda(error, "boom"))
        } else {
            Ok(json!({"ok": true}))
        }
    });
    calls
}

#[test]
fn a_sync_lambda_invoke_returns_aws_response_shape() {
    let mut engine = Engine::new();
    engine.register_lambda("f", |payload, _| Ok(json!({"echo": payload})));
    let arn = start(
        &mut engine,
        &lambda_task(r#","ResultSelector":{"p.$":"$.Payload","code.$":"$.StatusCode"}"#),
        json!({"a": 1}),
    );
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        description.output,
        Some(json!({"p": {"echo": {"a": 1}}, "code": 200}))
    );
    assert_eq!(
        types(&engine, &arn)[..6],
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited"
        ]
    );
    let scheduled = serde_json::to_value(&engine.history(&arn).unwrap()[2]).unwrap();
    assert_eq!(
        scheduled["taskScheduledEventDetails"],
        json!({"resourceType": "lambda", "resource": "invoke", "region": "us-east-1",
               "parameters": "{\"FunctionName\":\"f\",\"Payload\":{\"a\":1}}"})
    );
    let output: Value = serde_json::from_str(
        serde_json::to_value(&engine.history(&arn).unwrap()[4]).unwrap()["taskSucceededEventDetails"]["output"].as_str().unwrap(),
    )
    .unwrap();
    for key in [
        "ExecutedVersion",
        "Payload",
        "SdkHttpMetadata",
        "SdkResponseMetadata",
        "StatusCode",
    ] {
        assert!(output.get(key).is_some(), "{key}");
    }
}

#[test]
fn retries_wait_with_exponential_backoff_then_succeed() {
    let mut engine = Engine::new();
    let calls = flaky(&mut engine, 2, "Boom");
    let retry = r#","Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3}]"#;
    let arn = start(&mut engine, &lambda_task(retry), json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.status, ExecutionStatus::Succeeded);
    let start = calls.lock().unwrap()[0];
    let offsets: Vec<i64> = calls.lock().unwrap().iter().map(|t| t - start).collect();
    assert_eq!(offsets, [0, 2000, 8000]);
    let events = types(&engine, &arn);
    assert_eq!(
        events.iter().filter(|t| *t == "TaskStateEntered").count(),
        1
    );
    assert_eq!(events.iter().filter(|t| *t == "TaskFailed").count(), 2);
}

#[test]
fn max_delay_caps_the_backoff() {
    let mut engine = Engine::new();
    let calls = flaky(&mut engine, 3, "Boom");
    let retry = r#","Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":10,"BackoffRate":10,"MaxDelaySeconds":15,"MaxAttempts":3}]"#;
    let arn = start(&mut engine, &lambda_task(retry), json!({}));
    engine.run_to_completion(&arn).unwrap();
    let calls = calls.lock().unwrap();
    let gaps: Vec<i64> = calls.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(gaps, [10_000, 15_000, 15_000]);
}

#[test]
fn full_jitter_draws_delays_below_the_backoff_and_repeats_with_the_seed() {
    let run = |seed| {
        let mut engine = Engine::with_seed(seed);
        let calls = flaky(&mut engine, 3, "Boom");
        let retry = r#","Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":10,"MaxAttempts":3,"JitterStrategy":"FULL"}]"#;
        let arn = start(&mut engine, &lambda_task(retry), json!({}));
        engine.run_to_completion(&arn).unwrap();
        let calls = calls.lock().unwrap();
        calls.windows(2).map(|w| w[1] - w[0]).collect::<Vec<i64>>()
    };
    let gaps = run(7);
    for (gap, cap) in gaps.iter().zip([10_000, 20_000, 40_000]) {
        assert!((0..=cap).contains(gap), "{gap} within {cap}");
    }
    assert_eq!(gaps, run(7));
    assert_ne!(gaps, run(8));
}

#[test]
fn max_attempts_zero_never_retries() {
    let mut engine = Engine::new();
    let calls = flaky(&mut engine, 1, "Boom");
    let arn = start(
        &mut engine,
        &lambda_task(r#","Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":0}]"#),
        json!({}),
    );
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.status, ExecutionStatus::Failed);
    assert_eq!(calls.lock().unwrap().len(), 1);
}

#[test]
fn retries_run_out_before_the_catcher_takes_the_error() {
    let mut engine = Engine::new();
    let calls = flaky(&mut engine, 10, "Boom");
    let extra = r#","Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":2,"IntervalSeconds":1}],
        "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Caught"}]"#;
    let arn = start(&mut engine, &lambda_task(extra), json!({"in": 1}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(calls.lock().unwrap().len(), 3);
    let output = description.output.unwrap();
    assert_eq!(output["in"], 1);
    assert_eq!(output["err"]["Error"], "Boom");
    let cause: Value = serde_json::from_str(output["err"]["Cause"].as_str().unwrap()).unwrap();
    assert_eq!(cause["errorMessage"], "boom");
    assert!(types(&engine, &arn).contains(&"TaskStateExited".to_owned()));
}

#[test]
fn error_equals_matching_follows_the_states_all_and_task_failed_rules() {
    let cases = [
        ("Custom", r#"["Custom"]"#, true),
        ("Custom", r#"["Other"]"#, false),
        ("Custom", r#"["States.ALL"]"#, true),
        ("Custom", r#"["States.TaskFailed"]"#, true),
        ("Lambda.Unknown", r#"["Other","Lambda.Unknown"]"#, true),
    ];
    for (error, equals, caught) in cases {
        let mut engine = Engine::new();
        flaky(&mut engine, 1, error);
        let extra = format!(r#","Catch":[{{"ErrorEquals":{equals},"Next":"Caught"}}]"#);
        let arn = start(&mut engine, &lambda_task(&extra), json!({}));
        let description = engine.run_to_completion(&arn).unwrap();
        assert_eq!(
            description.status == ExecutionStatus::Succeeded,
            caught,
            "{error} against {equals}"
        );
    }
}

#[test]
fn states_all_does_not_catch_states_runtime() {
    let mut engine = Engine::new();
    engine.register_lambda("f", |_, _| Ok(json!({})));
    let extra = r#","ResultSelector":{"x.$":"$.Missing"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]"#;
    let arn = start(&mut engine, &lambda_task(extra), json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
}

#[test]
fn a_missing_lambda_fails_with_resource_not_found() {
    let mut engine = Engine::new();
    let arn = start(&mut engine, &lambda_task(""), json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        description.error.as_deref(),
        Some("Lambda.ResourceNotFoundException")
    );
    assert!(
        description
            .cause
            .unwrap()
            .starts_with("Function not found: arn:aws:lambda:us-east-1:123456789012:function:f")
    );
}

#[test]
fn a_legacy_function_arn_writes_lambda_function_events() {
    let mut engine = Engine::new();
    engine.register_lambda(
        "arn:aws:lambda:us-east-1:123456789012:function:g",
        |payload, _| Ok(json!({"got": payload})),
    );
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:g","End":true}}}"#;
    let arn = start(&mut engine, definition, json!({"a": 1}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.output, Some(json!({"got": {"a": 1}})));
    assert_eq!(
        types(&engine, &arn),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
}

#[test]
fn a_resource_without_handler_fails_with_a_clear_runtime_error() {
    // Pins a DIVERGENCE: AWS would call the service; the engine refuses, uncatchably.
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject",
        "Parameters":{"Bucket":"b","Key":"k"},"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},
        "C":{"Type":"Succeed"}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    assert!(
        description
            .cause
            .unwrap()
            .contains("no handler for the resource 'arn:aws:states:::aws-sdk:s3:getObject'")
    );
}

#[test]
fn a_generic_handler_serves_an_sdk_resource() {
    let mut engine = Engine::new();
    engine.register_handler("arn:aws:states:::aws-sdk:s3:getObject", |params, _| {
        Ok(json!({"Body": params["Key"]}))
    });
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject",
        "Parameters":{"Bucket":"b","Key":"k"},"End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    assert_eq!(
        engine.run_to_completion(&arn).unwrap().output,
        Some(json!({"Body": "k"}))
    );
    let scheduled = serde_json::to_value(&engine.history(&arn).unwrap()[2]).unwrap();
    assert_eq!(
        scheduled["taskScheduledEventDetails"]["resourceType"],
        "aws-sdk:s3"
    );
    assert_eq!(
        scheduled["taskScheduledEventDetails"]["resource"],
        "getObject"
    );
}

#[test]
fn a_slow_handler_hits_the_task_timeout() {
    let mut engine = Engine::new();
    engine.register_lambda("f", |_, invocation| {
        invocation.respond_after(Duration::from_secs(20));
        Ok(json!({}))
    });
    let extra =
        r#","TimeoutSeconds":5,"Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Caught"}]"#;
    let arn = start(&mut engine, &lambda_task(extra), json!({}));
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        description.output,
        Some(json!({"Error": "States.Timeout", "Cause": ""}))
    );
    assert_eq!(
        description.stop_date.unwrap().to_iso(),
        "2026-01-01T00:00:05.000Z"
    );
}
