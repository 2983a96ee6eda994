//! Reading and writing ASL: every valid fixture and every generated machine reads back to
//! the same model, the writer is deterministic, and the reader never panics.

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;
use stepfn_core::codec::{decode_str, decode_value, to_string_pretty, to_value};
use stepfn_core::model::*;

mod roundtrip {
    pub(crate) mod machines;
}

use roundtrip::machines::machine;

fn valid_fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/asl/valid");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".asl.json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_valid_fixture_reads_without_findings_and_round_trips() {
    let files = valid_fixtures();
    assert!(!files.is_empty(), "no fixtures found");
    let mut failures = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable fixture");
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let first = decode_str(&text);
        if !first.findings.is_empty() {
            let lines: Vec<String> = first.findings.iter().map(ToString::to_string).collect();
            failures.push(format!("{name}:\n  {}", lines.join("\n  ")));
            continue;
        }
        let machine = first.machine.expect("a machine when there are no findings");
        let written = to_string_pretty(&machine);
        let second = decode_str(&written);
        if second.findings.is_empty() && second.machine.as_ref() == Some(&machine) {
            assert_eq!(
                to_string_pretty(&machine),
                written,
                "{name}: writer is not stable"
            );
        } else {
            failures.push(format!("{name}: reads back differently\n{written}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn writer_uses_the_canonical_key_order() {
    let text = r#"{
      "States": {
        "T": {"End": true, "Retry": [{"MaxAttempts": 2, "ErrorEquals": ["States.ALL"]}],
              "ResultPath": "$.r", "Resource": "arn:aws:states:::sns:publish",
              "Comment": "c", "Type": "Task"}
      },
      "StartAt": "T",
      "Comment": "top"
    }"#;
    let machine = decode_str(text).machine.expect("machine");
    let expected = r#"{
  "Comment": "top",
  "StartAt": "T",
  "States": {
    "T": {
      "Type": "Task",
      "Comment": "c",
      "Resource": "arn:aws:states:::sns:publish",
      "ResultPath": "$.r",
      "Retry": [
        {
          "ErrorEquals": [
            "States.ALL"
          ],
          "MaxAttempts": 2
        }
      ],
      "End": true
    }
  }
}
"#;
    assert_eq!(to_string_pretty(&machine), expected);
}

#[test]
fn serde_and_json_shortcuts_agree_with_the_codec() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
    let machine = StateMachine::from_json(text).expect("valid");
    let via_serde: StateMachine = serde_json::from_str(text).expect("valid through serde");
    assert_eq!(machine, via_serde);
    assert_eq!(
        serde_json::to_value(&machine).expect("serializes"),
        to_value(&machine)
    );
    assert_eq!(machine.to_json(), to_string_pretty(&machine));
}

#[test]
fn serde_rejects_a_definition_with_errors_and_lists_the_findings() {
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "End": true, "Nxt": 1}}}"#;
    let error = serde_json::from_str::<StateMachine>(text).expect_err("invalid");
    let message = error.to_string();
    assert!(
        message.contains("/States/A: missing field `Resource`"),
        "{message}"
    );
    assert!(message.contains("/States/A/Nxt"), "{message}");

    let error = StateMachine::from_json(text).expect_err("invalid");
    assert_eq!(error.findings.len(), 2);
    assert_eq!(error.to_string().lines().count(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_machines_read_back_unchanged(machine in machine()) {
        let written = to_value(&machine);
        let decoded = decode_value(&written);
        prop_assert!(decoded.findings.is_empty(), "{:?}\n{:#}", decoded.findings, written);
        prop_assert_eq!(decoded.machine.as_ref(), Some(&machine));
    }

    #[test]
    fn writing_twice_gives_the_same_bytes(machine in machine()) {
        let first = to_string_pretty(&machine);
        prop_assert_eq!(&first, &to_string_pretty(&machine));
        prop_assert!(first.ends_with("}\n"), "no final newline");
        let again = decode_str(&first).machine.expect("machine");
        prop_assert_eq!(to_string_pretty(&again), first);
    }
}
