//! `stepfn run`: the JSON it prints, mocked test cases, the virtual clock, and the runs it
//! refuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const MOCK_FIXTURES: &str = "local/tests/fixtures/mock-config";

fn stepfn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepfn"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the stepfn binary runs")
}

/// Runs `stepfn run ARGS`, expects exit 0 and returns the one JSON object printed.
fn run(args: &[&str]) -> Value {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    let output = stepfn(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

/// Runs `stepfn run ARGS`, expects exit 1 and returns stderr.
fn refused(args: &[&str]) -> String {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    let output = stepfn(&all);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    stderr(&output)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_run")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` to `name` in a fresh directory and returns the path as a string.
fn write(dir: &str, name: &str, text: &str) -> String {
    let path = tempdir(dir).join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

const LOAN_MOCKS: &str = r#"{
  "StateMachines": {"loan-processor": {"TestCases": {
    "Valued": {"RequestValuation": "Valuation"},
    "Refused": {"RequestValuation": "ValuationFailed"},
    "NoReply": {"RequestValuation": "ValuationTimedOut"}}}},
  "MockedResponses": {
    "Valuation": {"0": {"Return": {"value": 250000}}},
    "ValuationFailed": {"0": {"Throw": {"Error": "ValuationFailed", "Cause": "no comparables"}}},
    "ValuationTimedOut": {"0": {"Throw": {"Error": "States.Timeout", "Cause": ""}}}}}"#;

#[test]
fn a_pass_machine_prints_succeeded_and_its_output() {
    let report = run(&["tests/fixtures/asl/valid/pass-static-result.asl.json"]);
    assert_eq!(
        report,
        json!({"status": "SUCCEEDED", "output": "checkout-started"})
    );
}

#[test]
fn a_task_without_a_handler_fails_the_execution_and_still_exits_0() {
    let report = run(&[
        "examples/asl/loan-processor.asl.json",
        "--input",
        r#"{"applicant": "Ada"}"#,
    ]);
    assert_eq!(report["status"], "FAILED");
    assert_eq!(report["error"], "Lambda.ResourceNotFoundException");
    assert!(
        report["cause"]
            .as_str()
            .unwrap()
            .contains("Function not found")
    );
    assert!(report.get("output").is_none());
}

#[test]
fn each_test_case_of_a_mock_config_drives_the_bundled_loan_processor() {
    let mocks = write("loan-mocks", "mocks.json", LOAN_MOCKS);
    let cases = [
        (
            "Valued",
            json!({"status": "SUCCEEDED", "output": {"value": 250000}}),
        ),
        (
            "Refused",
            json!({"status": "FAILED", "error": "ValuationFailed",
                   "cause": "The valuation service could not value the property"}),
        ),
        (
            "NoReply",
            json!({"status": "FAILED", "error": "ValuationTimedOut",
                   "cause": "No valuation callback within 30 seconds"}),
        ),
    ];
    for (case, expected) in cases {
        let report = run(&[
            "examples/asl/loan-processor.asl.json",
            "--mock-config",
            &mocks,
            "--test-case",
            case,
        ]);
        assert_eq!(report, expected, "test case {case}");
    }
}

#[test]
fn the_aws_docs_example_runs_its_retry_path_with_history() {
    let report = run(&[
        &format!("{MOCK_FIXTURES}/LambdaSQSIntegration.asl.json"),
        "--mock-config",
        &format!("{MOCK_FIXTURES}/LambdaSQSIntegration.mock.json"),
        "--test-case",
        "RetryPath",
        "--history",
    ]);
    assert_eq!(report["status"], "SUCCEEDED");
    let events = report["events"].as_array().unwrap();
    let failed = events.iter().filter(|e| e["type"] == "TaskFailed").count();
    assert_eq!(failed, 3);
    assert_eq!(events[0]["type"], "ExecutionStarted");
    assert_eq!(events.last().unwrap()["type"], "ExecutionSucceeded");
    let elapsed = events.last().unwrap()["timestamp"].as_f64().unwrap()
        - events[0]["timestamp"].as_f64().unwrap();
    assert_eq!(
        elapsed, 14.0,
        "retry delays 2 + 4 + 8 s on the virtual clock"
    );
}

#[test]
fn a_wait_of_one_year_passes_on_the_virtual_clock() {
    let mocks = write(
        "year-mocks",
        "mocks.json",
        r#"{"StateMachines": {"mock-valuation": {"TestCases": {"Reply": {
              "SendResponse": "Sent"}}}},
            "MockedResponses": {"Sent": {"0": {"Return": {"Payload": {"sent": true}}}}}}"#,
    );
    let started = std::time::Instant::now();
    let report = run(&[
        "examples/asl/mock-valuation.asl.json",
        "--input",
        r#"{"delaySeconds": 31536000}"#,
        "--mock-config",
        &mocks,
        "--test-case",
        "Reply",
        "--history",
    ]);
    assert!(started.elapsed().as_secs() < 30, "no wall-clock wait");
    assert_eq!(report["output"], json!({"sent": true}));
    let events = report["events"].as_array().unwrap();
    let elapsed = events.last().unwrap()["timestamp"].as_f64().unwrap()
        - events[0]["timestamp"].as_f64().unwrap();
    assert_eq!(elapsed, 31_536_000.0);
}

#[test]
fn a_callback_that_never_comes_times_out_on_the_virtual_clock() {
    let report = run(&[
        "tests/fixtures/asl/valid/sqs-send-message-wait-for-task-token.asl.json",
        "--input",
        r#"{"warehouseId": "w-1", "order": {"id": 7}, "priority": "high"}"#,
        "--history",
    ]);
    assert_eq!(report["status"], "FAILED");
    assert_eq!(report["error"], "States.Timeout");
    assert_eq!(report["cause"], Value::Null);
    let events = report["events"].as_array().unwrap();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert!(types.contains(&"TaskSubmitted") && types.contains(&"TaskTimedOut"));
    let elapsed = events.last().unwrap()["timestamp"].as_f64().unwrap()
        - events[0]["timestamp"].as_f64().unwrap();
    assert_eq!(elapsed, 7200.0, "the heartbeat (7200 s) runs out first");
}

#[test]
fn a_callback_without_any_timeout_reports_running_with_a_note() {
    let file = write(
        "no-timeout",
        "await.asl.json",
        r#"{"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
            "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
            "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
                           "Message": {"token.$": "$$.Task.Token"}}, "End": true}}}"#,
    );
    let report = run(&[&file]);
    assert_eq!(report["status"], "RUNNING");
    assert!(
        report["note"]
            .as_str()
            .unwrap()
            .contains("waits for a callback")
    );
    assert!(report.get("output").is_none() && report.get("error").is_none());
}

const NAME_ECHO: &str = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass",
    "Parameters": {"machine.$": "$$.StateMachine.Name", "execution.$": "$$.Execution.Id"},
    "End": true}}}"#;

#[test]
fn the_machine_is_named_after_the_file_unless_a_name_is_given() {
    let asl = write("names", "order-flow.asl.json", NAME_ECHO);
    let plain = write("names", "billing.json", NAME_ECHO);
    assert_eq!(run(&[&asl])["output"]["machine"], "order-flow");
    assert_eq!(run(&[&plain])["output"]["machine"], "billing");
    assert_eq!(
        run(&[&asl, "--name", "Checkout"])["output"]["machine"],
        "Checkout"
    );
}

#[test]
fn express_runs_an_express_machine() {
    let file = write("express", "echo.asl.json", NAME_ECHO);
    let report = run(&[&file, "--express"]);
    let execution = report["output"]["execution"].as_str().unwrap();
    assert!(execution.contains(":express:echo:"), "{execution}");
}

#[test]
fn the_input_can_come_from_a_file() {
    let definition = write(
        "input-file",
        "echo.asl.json",
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    let input = write("input-file", "input.json", r#"{"from": "file"}"#);
    let report = run(&[&definition, "--input", &format!("@{input}")]);
    assert_eq!(report["output"], json!({"from": "file"}));
}

#[test]
fn runs_that_cannot_happen_exit_1_with_a_message() {
    let invalid = write(
        "refusals",
        "invalid.asl.json",
        r#"{"StartAt": "Missing", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    let mocks = write("refusals", "mocks.json", LOAN_MOCKS);
    let loan = "examples/asl/loan-processor.asl.json";
    let cases: [(Vec<&str>, &str); 7] = [
        (
            vec!["no/such/file.asl.json"],
            "cannot read `no/such/file.asl.json`",
        ),
        (vec![loan, "--input", "{oops"], "`--input` is not JSON"),
        (
            vec![loan, "--input", "@no/such/input.json"],
            "cannot read the input file",
        ),
        (vec![&invalid], "is not a valid state machine definition"),
        (vec![loan, "--express"], "express-unsupported-pattern"),
        (
            vec![loan, "--mock-config", &mocks, "--test-case", "Lost"],
            "has no test case `Lost` in the mock config; it has `Valued`, `Refused`, `NoReply`",
        ),
        (
            vec![
                loan,
                "--mock-config",
                &mocks,
                "--test-case",
                "Valued",
                "--name",
                "Other",
            ],
            "mock config has no state machine `Other`; it has `loan-processor`",
        ),
    ];
    for (args, expected) in cases {
        let message = refused(&args);
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(message.starts_with("stepfn run: "), "{message}");
    }
}

#[test]
fn an_invalid_definition_prints_every_finding() {
    let file = write(
        "findings",
        "two.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"},
            "B": {"Type": "Wait", "End": true}}}"#,
    );
    let message = refused(&[&file]);
    assert!(message.lines().count() >= 3, "{message}");
    assert!(message.contains("/States/A/Next"), "{message}");
}

#[test]
fn a_mock_config_with_problems_lists_them_by_pointer() {
    let mocks = write(
        "bad-mocks",
        "mocks.json",
        r#"{"StateMachines": {"loan-processor": {"TestCases": {"T": {
              "RequestValuation": "Nope"}}}},
            "MockedResponses": {"R": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}"#,
    );
    let message = refused(&[
        "examples/asl/loan-processor.asl.json",
        "--mock-config",
        &mocks,
        "--test-case",
        "T",
    ]);
    assert!(
        message.contains("/MockedResponses/R/2: attempts `2` overlap"),
        "{message}"
    );
    assert!(
        message.contains("/StateMachines/loan-processor/TestCases/T/RequestValuation"),
        "{message}"
    );
}

#[test]
fn a_test_case_needs_a_mock_config_and_the_other_way_round() {
    let output = stepfn(&[
        "run",
        "examples/asl/loan-processor.asl.json",
        "--test-case",
        "Valued",
    ]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
    assert!(stderr(&output).contains("--mock-config"));
}

#[test]
fn every_valid_fixture_runs_to_a_reported_status() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/asl/valid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".asl.json"))
        .collect();
    files.sort();
    assert!(files.len() > 20);
    for file in files {
        let report = run(&[file.to_str().unwrap()]);
        let status = report["status"].as_str().unwrap();
        assert!(
            ["SUCCEEDED", "FAILED", "TIMED_OUT", "RUNNING"].contains(&status),
            "{}: {report}",
            file.display()
        );
    }
}
