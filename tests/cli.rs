//! The `stepfn` binary: exit codes and the shape of its output.

use std::path::Path;
use std::process::{Command, Output};

fn stepfn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepfn"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the stepfn binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn validate_accepts_the_bundled_examples() {
    let output = stepfn(&[
        "validate",
        "examples/asl/loan-processor.asl.json",
        "examples/asl/mock-valuation.asl.json",
    ]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(stdout(&output).matches(": valid (0 errors").count(), 2);
}

#[test]
fn validate_exits_non_zero_with_code_and_pointer_on_an_invalid_file() {
    let dir = tempdir("invalid");
    let file = dir.join("heartbeat.asl.json");
    std::fs::write(
        &file,
        r#"{"StartAt": "Call", "States": {"Call": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"Payload": {"token.$": "$$.Task.Token"}},
            "TimeoutSeconds": 30, "HeartbeatSeconds": 30, "End": true}}}"#,
    )
    .unwrap();

    let output = stepfn(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .contains("error[heartbeat-not-below-timeout] /States/Call/HeartbeatSeconds:"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn validate_reports_line_and_column_of_malformed_json() {
    let dir = tempdir("malformed");
    let file = dir.join("broken.asl.json");
    std::fs::write(&file, "{\n  \"StartAt\": \"A\",\n  \"States\": {\n").unwrap();

    let output = stepfn(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error[invalid-json]"), "{text}");
    assert!(text.contains("line 4"), "{text}");
}

#[test]
fn validate_warns_about_what_aws_accepts_and_fails_on_it_only_when_asked() {
    let file = "tests/fixtures/asl/valid/missing-task-token-no-parameters.asl.json";
    let output = stepfn(&["validate", file]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("warning[missing-task-token] /States/AwaitApproval"),
        "{text}"
    );
    assert!(text.contains("valid (0 errors, 2 warnings)"), "{text}");

    let output = stepfn(&["validate", "--deny-warnings", file]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn validate_express_rejects_a_callback_task() {
    let output = stepfn(&[
        "validate",
        "--express",
        "examples/asl/loan-processor.asl.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .contains("error[express-unsupported-pattern] /States/RequestValuation/Resource"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn validate_json_format_lists_findings_per_file() {
    let output = stepfn(&[
        "validate",
        "--format",
        "json",
        "--express",
        "examples/asl/loan-processor.asl.json",
        "examples/asl/mock-valuation.asl.json",
    ]);
    let reports: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(reports[0]["valid"], false);
    assert_eq!(
        reports[0]["findings"][0]["code"],
        "express-unsupported-pattern"
    );
    assert_eq!(reports[0]["findings"][0]["severity"], "error");
    assert_eq!(reports[1]["valid"], true);
}

#[test]
fn validate_exits_2_when_a_file_cannot_be_read() {
    let output = stepfn(&["validate", "no/such/file.asl.json"]);
    assert_eq!(output.status.code(), Some(2));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
