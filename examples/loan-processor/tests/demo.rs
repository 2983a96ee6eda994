//! The demo binary: its files and its `--json` report.

use std::process::Command;

use serde_json::Value;

#[test]
fn the_json_report_has_the_six_scenarios_with_the_expected_statuses() {
    let out = std::env::temp_dir().join(format!("loan-processor-demo-{}", std::process::id()));
    let output = Command::new(env!("CARGO_BIN_EXE_loan-processor"))
        .args(["--json", "--out"])
        .arg(&out)
        .output()
        .expect("the demo runs");
    assert!(output.status.success(), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");

    let rows: Vec<(&str, &str, Option<&str>)> = report["scenarios"]
        .as_array()
        .expect("scenarios")
        .iter()
        .map(|s| {
            assert!(s["notifications"].is_array());
            let name = s["scenario"].as_str().unwrap_or_default();
            (
                name,
                s["status"].as_str().unwrap_or_default(),
                s["error"].as_str(),
            )
        })
        .collect();
    let timed_out = Some("ValuationServiceTimedOut");
    assert_eq!(
        rows,
        [
            ("prompt", "SUCCEEDED", None),
            ("no-callback", "FAILED", timed_out),
            ("late-callback", "FAILED", timed_out),
            ("duplicate-callback", "SUCCEEDED", None),
            ("failed-valuation", "FAILED", Some("ValuationFailed")),
            ("unknown-reference", "FAILED", timed_out),
        ]
    );

    for file in [
        "loan-processor.asl.json",
        "mock-valuation.asl.json",
        "definition-substitutions.json",
        "loan-processor.schemas/input.schema.json",
        "loan-processor.schemas/RequestValuation.payload.schema.json",
    ] {
        assert!(out.join(file).is_file(), "{file} written");
    }
    let substitutions: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("definition-substitutions.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        substitutions["loan-processor.asl.json"]["substitutions"],
        serde_json::json!(["ErrorTopicArn", "ValuationRequestFunctionArn"])
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn an_unknown_argument_is_refused_with_the_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_loan-processor"))
        .arg("--frobnicate")
        .output()
        .expect("the demo runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage: loan-processor"));
}
