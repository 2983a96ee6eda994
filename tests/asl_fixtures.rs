//! The ASL fixture corpus against the validator: every valid definition has no error, every
//! invalid one has exactly the errors its sidecar lists, and both have at least the warnings
//! their sidecars list.
//!
//! `tests/fixtures/asl/valid/<name>.asl.json` may have a `<name>.expected.json` sidecar to
//! set `machine_type` and list expected `warnings`; `tests/fixtures/asl/invalid/<name>.asl.json`
//! must have one:
//! `{"machine_type": "STANDARD"|"EXPRESS", "errors": [{"code", "pointer"}], "warnings": [...]}`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stepfn::MachineType;
use stepfn::core::validate::{self, Options, Report};

type Pairs = BTreeSet<(String, String)>;

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/asl")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".asl.json"))
        .collect();
    files.sort();
    files
}

fn name(file: &Path) -> String {
    let file_name = file.file_name().unwrap_or_default().to_string_lossy();
    file_name.trim_end_matches(".asl.json").to_owned()
}

fn sidecar(file: &Path) -> Result<Option<Value>, String> {
    let path = file.with_file_name(format!("{}.expected.json", name(file)));
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read sidecar: {e}"))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("sidecar is not JSON: {e}"))
}

fn options(sidecar: Option<&Value>) -> Result<Options, String> {
    let machine_type = match sidecar.and_then(|s| s.get("machine_type")) {
        None => MachineType::Standard,
        Some(Value::String(t)) if t == "STANDARD" => MachineType::Standard,
        Some(Value::String(t)) if t == "EXPRESS" => MachineType::Express,
        Some(other) => {
            return Err(format!(
                "sidecar machine_type {other} is not STANDARD or EXPRESS"
            ));
        }
    };
    Ok(Options::for_machine_type(machine_type))
}

fn expected(sidecar: &Value, field: &str) -> Result<Pairs, String> {
    let Some(list) = sidecar.get(field) else {
        return Ok(Pairs::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| format!("sidecar `{field}` is not an array"))?;
    list.iter()
        .map(|entry| {
            let code = entry.get("code").and_then(Value::as_str);
            let pointer = entry.get("pointer").and_then(Value::as_str);
            match (code, pointer) {
                (Some(code), Some(pointer)) => Ok((code.to_owned(), pointer.to_owned())),
                _ => Err(format!(
                    "sidecar `{field}` entry {entry} lacks a string code or pointer"
                )),
            }
        })
        .collect()
}

fn pairs(report: &Report, errors: bool) -> Pairs {
    report
        .findings
        .iter()
        .filter(|f| f.is_error() == errors)
        .map(|f| (f.code.to_string(), f.pointer.clone()))
        .collect()
}

fn run(file: &Path, options: &Options) -> Result<Report, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let catch = std::panic::catch_unwind(|| validate::validate_str(&text, options));
    catch.map_err(|_| "the validator panicked".to_owned())
}

fn shown(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let _ = write!(out, "\n      {finding}");
    }
    out
}

fn check_valid(file: &Path) -> Result<(), String> {
    let sidecar = sidecar(file)?;
    let report = run(file, &options(sidecar.as_ref())?)?;
    if !report.is_valid() {
        return Err(format!("expected no errors, found:{}", shown(&report)));
    }
    let Some(sidecar) = sidecar else {
        return Ok(());
    };
    let want_warnings = expected(&sidecar, "warnings")?;
    let warnings = pairs(&report, false);
    let missing: Vec<_> = want_warnings.difference(&warnings).collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "warnings missing {missing:?}\n    all findings:{}",
        shown(&report)
    ))
}

fn check_invalid(file: &Path) -> Result<(), String> {
    let sidecar = sidecar(file)?.ok_or("has no .expected.json sidecar")?;
    let report = run(file, &options(Some(&sidecar))?)?;
    let want_errors = expected(&sidecar, "errors")?;
    let want_warnings = expected(&sidecar, "warnings")?;
    let errors = pairs(&report, true);
    let warnings = pairs(&report, false);

    let mut problems = String::new();
    if errors != want_errors {
        let missing: Vec<_> = want_errors.difference(&errors).collect();
        let extra: Vec<_> = errors.difference(&want_errors).collect();
        let _ = write!(
            problems,
            "\n    errors: missing {missing:?}, unexpected {extra:?}"
        );
    }
    let missing: Vec<_> = want_warnings.difference(&warnings).collect();
    if !missing.is_empty() {
        let _ = write!(problems, "\n    warnings missing {missing:?}");
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{problems}\n    all findings:{}", shown(&report)))
}

#[test]
fn every_fixture_gets_exactly_the_findings_it_expects() {
    let valid = corpus("valid");
    let invalid = corpus("invalid");
    assert!(!valid.is_empty(), "no valid fixtures found");

    let mut failures = Vec::new();
    for (kind, files, check) in [
        (
            "valid",
            &valid,
            check_valid as fn(&Path) -> Result<(), String>,
        ),
        ("invalid", &invalid, check_invalid),
    ] {
        for file in files {
            if let Err(problem) = check(file) {
                failures.push(format!("{kind}/{}: {problem}", name(file)));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures disagree with the validator:\n{}",
        failures.len(),
        valid.len() + invalid.len(),
        failures.join("\n")
    );
}
