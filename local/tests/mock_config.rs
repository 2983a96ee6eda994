//! Step Functions Local's mock configuration: the AWS docs' `LambdaSQSIntegration` example,
//! attempts and retries, mocked callbacks, and every error the reader reports.

mod common;

use std::time::Duration;

use common::{assert_consistent, history_json, types};
use serde_json::{Value, json};
use stepfn_local::{
    Engine, ExecutionDescription, ExecutionStatus, MachineType, MockConfig, MockConfigError,
    MockProblem, MockProblemKind, MockResponse, StartError,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mock-config");
const QUEUE: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue";

fn example_config() -> MockConfig {
    MockConfig::from_file(format!("{FIXTURES}/LambdaSQSIntegration.mock.json"))
        .expect("the AWS docs' example reads")
}

/// The example machine, created under its name, with the example config loaded.
fn example_engine() -> (Engine, String) {
    let definition =
        std::fs::read_to_string(format!("{FIXTURES}/LambdaSQSIntegration.asl.json")).unwrap();
    let mut engine = Engine::new();
    let machine = engine
        .create_state_machine("LambdaSQSIntegration", definition, MachineType::Standard)
        .unwrap();
    engine.set_mock_config(example_config());
    (engine, machine)
}

fn run_case(case: &str, input: Value) -> (Engine, String, ExecutionDescription) {
    let (mut engine, machine) = example_engine();
    let arn = engine
        .start_execution(&format!("{machine}#{case}"), Some(case), input)
        .unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_consistent(&engine, &arn);
    (engine, arn, description)
}

fn sqs_mock() -> Value {
    json!({
        "MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
        "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"
    })
}

#[test]
fn happy_path_answers_both_states_from_their_mocks() {
    let (engine, arn, description) = run_case("HappyPath", json!({"name": "Ada"}));

    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(description.output, Some(sqs_mock()));
    assert!(engine.queue_messages(QUEUE).is_empty(), "no real SQS call");
    assert_eq!(
        types(&engine, &arn),
        [
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded",
        ]
    );
}

#[test]
fn the_execution_arn_names_the_machine_without_the_test_case() {
    let (_, arn, description) = run_case("HappyPath", json!({}));
    assert_eq!(
        arn,
        "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:HappyPath"
    );
    assert!(
        description
            .state_machine_arn
            .ends_with(":LambdaSQSIntegration")
    );
}

#[test]
fn retry_path_takes_one_attempt_per_retry_then_succeeds() {
    let (engine, arn, description) = run_case("RetryPath", json!({}));

    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(description.output, Some(sqs_mock()));
    let failures: Vec<Value> = history_json(&engine, &arn)
        .into_iter()
        .filter(|e| e["type"] == "TaskFailed")
        .map(|e| e["taskFailedEventDetails"]["error"].clone())
        .collect();
    assert_eq!(
        failures,
        [
            "Lambda.ResourceNotReadyException",
            "Lambda.TimeoutException",
            "Lambda.TimeoutException"
        ]
    );
    // Retry delays 2 s, 4 s and 8 s pass on the virtual clock.
    let elapsed = description.stop_date.unwrap().since(description.start_date);
    assert_eq!(elapsed, Duration::from_secs(14));
}

#[test]
fn hybrid_path_calls_the_integration_of_states_the_case_does_not_mock() {
    let (engine, _, description) = run_case("HybridPath", json!({}));

    assert_eq!(description.status, ExecutionStatus::Succeeded);
    let sent = engine.queue_messages(QUEUE);
    assert_eq!(sent.len(), 1, "SQSState sent for real");
    assert_eq!(
        sent[0].json().unwrap(),
        json!({"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}})
    );
    let output = description.output.unwrap();
    assert!(output["MessageId"].is_string());
    assert_ne!(output, sqs_mock());
}

#[test]
fn start_test_case_takes_a_test_case_directly() {
    let definition =
        std::fs::read_to_string(format!("{FIXTURES}/LambdaSQSIntegration.asl.json")).unwrap();
    let mut engine = Engine::new();
    // Another machine name: the explicit API does not look the case up by name.
    let machine = engine
        .create_state_machine("Renamed", definition, MachineType::Standard)
        .unwrap();
    let case = example_config()
        .test_case("LambdaSQSIntegration", "HappyPath")
        .unwrap();
    let arn = engine
        .start_test_case(&machine, &case, None, json!({}))
        .unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.output, Some(sqs_mock()));
}

/// A machine with one mocked state, started with a test case built from `responses`.
fn run_single(definition: &str, responses: Value) -> (Engine, String, ExecutionDescription) {
    let config = json!({
        "StateMachines": {"M": {"TestCases": {"Case": {"Call": "Mock"}}}},
        "MockedResponses": {"Mock": responses},
    });
    let mut engine = Engine::new();
    let machine = engine
        .create_state_machine("M", definition, MachineType::Standard)
        .unwrap();
    engine.set_mock_config(MockConfig::from_json(&config.to_string()).unwrap());
    let arn = engine
        .start_execution(&format!("{machine}#Case"), Some("run"), json!({}))
        .unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_consistent(&engine, &arn);
    (engine, arn, description)
}

const RETRYING_LAMBDA: &str = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}], "End": true}}}"#;

#[test]
fn an_attempt_past_the_last_mocked_one_fails_the_execution() {
    let responses = json!({"0": {"Throw": {"Error": "Boom", "Cause": "first"}}});
    let (_, _, description) = run_single(RETRYING_LAMBDA, responses);

    assert_eq!(description.status, ExecutionStatus::Failed);
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    let cause = description.cause.unwrap();
    assert!(
        cause.contains("no mocked response for attempt 1"),
        "{cause}"
    );
}

#[test]
fn a_throw_without_a_matching_retrier_reaches_the_catcher() {
    let definition = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
        "Catch": [{"ErrorEquals": ["Custom.Failure"], "ResultPath": "$.error",
                   "Next": "Handled"}], "End": true},
        "Handled": {"Type": "Pass", "End": true}}}"#;
    let responses = json!({"0": {"Throw": {"Error": "Custom.Failure", "Cause": "mocked"}}});
    let (_, _, description) = run_single(definition, responses);

    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(
        description.output,
        Some(json!({"error": {"Error": "Custom.Failure", "Cause": "mocked"}}))
    );
}

#[test]
fn attempts_count_every_visit_of_the_state_in_the_execution() {
    // A loop visits `Call` three times; each visit takes the next attempt.
    let definition = r#"{"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "f"}, "ResultSelector": {"n.$": "$.n"},
                 "Next": "Again"},
        "Again": {"Type": "Choice", "Default": "Done",
                  "Choices": [{"Variable": "$.n", "NumericLessThan": 3, "Next": "Call"}]},
        "Done": {"Type": "Succeed"}}}"#;
    let responses = json!({
        "0": {"Return": {"n": 1}},
        "1": {"Return": {"n": 2}},
        "2": {"Return": {"n": 3}},
    });
    let (_, _, description) = run_single(definition, responses);
    assert_eq!(description.output, Some(json!({"n": 3})));
}

#[test]
fn a_map_iteration_takes_attempts_in_iteration_order_with_max_concurrency_one() {
    let definition = r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map",
        "MaxConcurrency": 1, "ItemsPath": "$.items", "End": true,
        "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
            "End": true}}}}}}"#;
    let config = json!({
        "StateMachines": {"M": {"TestCases": {"Case": {"Call": "Mock"}}}},
        "MockedResponses": {"Mock": {"0-1": {"Return": "early"}, "2": {"Return": "late"}}},
    });
    let mut engine = Engine::new();
    let machine = engine
        .create_state_machine("M", definition, MachineType::Standard)
        .unwrap();
    let case = MockConfig::from_json(&config.to_string())
        .unwrap()
        .test_case("M", "Case")
        .unwrap();
    let arn = engine
        .start_test_case(&machine, &case, None, json!({"items": [1, 2, 3]}))
        .unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(description.output, Some(json!(["early", "early", "late"])));
}

const CALLBACK: &str = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
    "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters": {"FunctionName": "f", "Payload": {"token.$": "$$.Task.Token"}},
    "TimeoutSeconds": 300,
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
    "Caught": {"Type": "Pass", "End": true}}}"#;

#[test]
fn a_mocked_callback_task_succeeds_with_return_without_waiting_for_a_callback() {
    let responses = json!({"0": {"Return": {"approved": true}}});
    let (engine, arn, description) = run_single(CALLBACK, responses);

    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(description.output, Some(json!({"approved": true})));
    assert_eq!(
        description.stop_date,
        Some(description.start_date),
        "no wait"
    );
    let history = history_json(&engine, &arn);
    let scheduled = history
        .iter()
        .find(|e| e["type"] == "TaskScheduled")
        .unwrap();
    let parameters: Value = serde_json::from_str(
        scheduled["taskScheduledEventDetails"]["parameters"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert!(
        parameters["Payload"]["token"].as_str().unwrap().len() >= 22,
        "a token is still generated"
    );
    assert!(!types(&engine, &arn).contains(&"TaskSubmitted".to_owned()));
}

#[test]
fn a_mocked_callback_task_fails_with_throw() {
    let responses = json!({"0": {"Throw": {"Error": "Rejected", "Cause": "no"}}});
    let (_, _, description) = run_single(CALLBACK, responses);

    assert_eq!(description.status, ExecutionStatus::Succeeded);
    assert_eq!(
        description.output,
        Some(json!({"Error": "Rejected", "Cause": "no"}))
    );
}

#[test]
fn return_null_is_a_null_result_not_a_missing_one() {
    let definition = r#"{"StartAt": "Call", "States": {"Call": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
        "End": true}}}"#;
    let (_, _, description) = run_single(definition, json!({"0": {"Return": null}}));
    assert_eq!(description.output, Some(Value::Null));
}

#[test]
fn a_state_inside_a_parallel_branch_can_be_mocked() {
    let definition = r#"{"StartAt": "Both", "States": {"Both": {"Type": "Parallel",
        "End": true, "Branches": [
            {"StartAt": "Call", "States": {"Call": {"Type": "Task",
             "Resource": "arn:aws:states:::lambda:invoke",
             "Parameters": {"FunctionName": "f"}, "End": true}}},
            {"StartAt": "Other", "States": {"Other": {"Type": "Pass", "End": true}}}]}}}"#;
    let (_, _, description) = run_single(definition, json!({"0": {"Return": "mocked"}}));
    assert_eq!(description.output, Some(json!(["mocked", {}])));
}

#[test]
fn the_reader_exposes_each_attempt_of_a_mocked_response() {
    let config = example_config();
    let case = config
        .test_case("LambdaSQSIntegration", "RetryPath")
        .unwrap();
    let retry = case.mocked("LambdaState").unwrap();

    assert_eq!(retry.name(), "MockedLambdaRetry");
    assert_eq!(retry.attempts(), 4);
    assert!(matches!(
        retry.response(2),
        Some(MockResponse::Throw { error, .. }) if error == "Lambda.TimeoutException"
    ));
    assert!(matches!(retry.response(3), Some(MockResponse::Return(_))));
    assert_eq!(retry.response(4), None);
    assert_eq!(
        case.mocked_states().map(|(s, _)| s).collect::<Vec<_>>(),
        ["LambdaState", "SQSState"]
    );
    assert_eq!(
        config.machines().collect::<Vec<_>>(),
        ["LambdaSQSIntegration"]
    );
}

/// The problems of a config that has the documented shape but is wrong.
fn problems(config: Value) -> Vec<MockProblem> {
    match MockConfig::from_json(&config.to_string()) {
        Err(MockConfigError::Invalid { problems }) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn problem(pointer: &str, kind: MockProblemKind) -> MockProblem {
    MockProblem {
        pointer: pointer.to_owned(),
        kind,
    }
}

#[test]
fn bad_attempt_keys_are_each_reported_at_their_pointer() {
    let ok = json!({"Return": 1});
    for key in [
        "a",
        "1-",
        "-1",
        "+1",
        " 1",
        "1-2-3",
        "0x1",
        "99999999999",
        "",
    ] {
        let config = json!({"MockedResponses": {"R": {"0": ok, key: ok}}});
        let at = format!("/MockedResponses/R/{key}");
        let kind = MockProblemKind::BadAttempts {
            key: key.to_owned(),
        };
        assert_eq!(problems(config), [problem(&at, kind)], "key {key:?}");
    }
}

#[test]
fn range_errors_name_the_keys_involved() {
    let ok = json!({"Return": 1});
    let cases = [
        (
            json!({"0": ok, "3-1": ok}),
            problem(
                "/MockedResponses/R/3-1",
                MockProblemKind::ReversedRange { key: "3-1".into() },
            ),
        ),
        (
            json!({"0-2": ok, "2": ok}),
            problem(
                "/MockedResponses/R/2",
                MockProblemKind::Overlap {
                    key: "2".into(),
                    other: "0-2".into(),
                },
            ),
        ),
        (
            json!({"0": ok, "2-3": ok}),
            problem(
                "/MockedResponses/R/2-3",
                MockProblemKind::MissingAttempt { attempt: 1 },
            ),
        ),
        (
            json!({"1": ok}),
            problem(
                "/MockedResponses/R/1",
                MockProblemKind::MissingAttempt { attempt: 0 },
            ),
        ),
        (
            json!({}),
            problem("/MockedResponses/R", MockProblemKind::NoAttempts),
        ),
        (
            json!({"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "C"}}}),
            problem("/MockedResponses/R/0", MockProblemKind::ReturnAndThrow),
        ),
        (
            json!({"0": {}}),
            problem("/MockedResponses/R/0", MockProblemKind::NoOutcome),
        ),
    ];
    for (responses, expected) in cases {
        let config = json!({"MockedResponses": {"R": responses}});
        assert_eq!(problems(config), [expected]);
    }
}

#[test]
fn ranges_out_of_file_order_are_accepted() {
    let config = json!({"MockedResponses": {"R": {
        "3": {"Return": "d"}, "0": {"Return": "a"}, "1-2": {"Return": "b"}}}});
    assert!(MockConfig::from_json(&config.to_string()).is_ok());
}

#[test]
fn an_unknown_mocked_response_is_reported_at_the_test_case() {
    let config = json!({
        "StateMachines": {"M": {"TestCases": {"Case": {"A/B": "Missing", "C": "Bad"}}}},
        "MockedResponses": {"Bad": {"x": {"Return": 1}}},
    });
    assert_eq!(
        problems(config),
        [
            problem(
                "/MockedResponses/Bad/x",
                MockProblemKind::BadAttempts { key: "x".into() }
            ),
            problem(
                "/StateMachines/M/TestCases/Case/A~1B",
                MockProblemKind::UnknownResponse {
                    name: "Missing".into()
                }
            ),
        ],
        "a response with its own problem is not reported again where it is used"
    );
}

#[test]
fn a_config_of_the_wrong_shape_is_a_syntax_error_with_its_location() {
    let cases = [
        ("not json", "expected"),
        (
            r#"{"MockedResponse": {}}"#,
            "unknown field `MockedResponse`",
        ),
        (
            r#"{"StateMachines": {"M": {"Cases": {}}}}"#,
            "unknown field `Cases`",
        ),
        (
            r#"{"MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}"#,
            "missing field `Cause`",
        ),
        (
            r#"{"StateMachines": {"M": {"TestCases": {"C": {"S": 1}}}}}"#,
            "invalid type",
        ),
    ];
    for (text, expected) in cases {
        match MockConfig::from_json(text) {
            Err(MockConfigError::Syntax { reason }) => {
                assert!(reason.contains(expected), "{reason}");
                assert!(reason.contains("line 1 column"), "{reason}");
            }
            other => panic!("{text}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn an_unreadable_file_names_its_path() {
    let error = MockConfig::from_file("/no/such/mock.json").unwrap_err();
    assert!(matches!(&error, MockConfigError::Read { path, .. } if path == "/no/such/mock.json"));
    assert!(
        error
            .to_string()
            .starts_with("cannot read mock config `/no/such/mock.json`")
    );
}

#[test]
fn unknown_machines_and_test_cases_list_what_exists() {
    let config = example_config();
    let error = config.test_case("Other", "HappyPath").unwrap_err();
    assert_eq!(
        error.to_string(),
        "mock config has no state machine `Other`; it has `LambdaSQSIntegration`"
    );
    let error = config
        .test_case("LambdaSQSIntegration", "SadPath")
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "state machine `LambdaSQSIntegration` has no test case `SadPath` in the mock config; \
         it has `HappyPath`, `RetryPath`, `HybridPath`"
    );
}

#[test]
fn starting_an_unknown_test_case_is_refused() {
    let (mut engine, machine) = example_engine();
    let error = engine
        .start_execution(&format!("{machine}#SadPath"), None, json!({}))
        .unwrap_err();
    assert!(matches!(
        error,
        StartError::TestCase(MockConfigError::UnknownTestCase { .. })
    ));
    assert!(engine.executions().is_empty());
}

#[test]
fn a_test_case_arn_without_a_loaded_config_is_refused() {
    let mut engine = Engine::new();
    let machine = engine
        .create_state_machine("M", RETRYING_LAMBDA, MachineType::Standard)
        .unwrap();
    let error = engine
        .start_execution(&format!("{machine}#Case"), None, json!({}))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "no mock config is loaded; call `Engine::set_mock_config` before starting \
             `{machine}#Case`"
        )
    );
}

#[test]
fn a_test_case_must_mock_task_states_of_the_machine() {
    let definition = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Call"},
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "f"}, "End": true}}}"#;
    let config = json!({
        "StateMachines": {"M": {"TestCases": {"Case": {"P": "R", "Cal": "R", "Call": "R"}}}},
        "MockedResponses": {"R": {"0": {"Return": 1}}},
    });
    let mut engine = Engine::new();
    let machine = engine
        .create_state_machine("M", definition, MachineType::Standard)
        .unwrap();
    engine.set_mock_config(MockConfig::from_json(&config.to_string()).unwrap());
    let error = engine
        .start_execution(&format!("{machine}#Case"), None, json!({}))
        .unwrap_err();
    let StartError::TestCase(MockConfigError::Invalid { problems }) = error else {
        panic!("expected problems, got {error:?}");
    };
    assert_eq!(
        problems,
        [
            problem(
                "/StateMachines/M/TestCases/Case/P",
                MockProblemKind::NotATask {
                    state: "P".into(),
                    kind: "Pass".into()
                }
            ),
            problem(
                "/StateMachines/M/TestCases/Case/Cal",
                MockProblemKind::UnknownState {
                    state: "Cal".into(),
                    machine: "M".into()
                }
            ),
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "/StateMachines/M/TestCases/Case/P: `P` is a Pass state; only Task states can be mocked"
    );
}

#[test]
fn executions_without_a_test_case_are_not_mocked() {
    let (mut engine, machine) = example_engine();
    let arn = engine.start_execution(&machine, None, json!({})).unwrap();
    let description = engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        description.error.as_deref(),
        Some("Lambda.ResourceNotFoundException")
    );
}
