//! What a deploy step needs, written to one folder: both machines' ASL, their JSON Schemas
//! and the list of definition substitutions each expects.

use std::io;
use std::path::{Path, PathBuf};

use loan_processor_workflows::{LoanProcessor, MockValuation};
use serde_json::{Value, json};
use stepfn::Workflow;
use stepfn::build::write_if_changed;

/// The file name of the loan processor's ASL.
pub const LOAN_PROCESSOR_ASL: &str = "loan-processor.asl.json";
/// The file name of the mock valuation service's ASL.
pub const MOCK_VALUATION_ASL: &str = "mock-valuation.asl.json";
/// The file listing each machine's `DefinitionSubstitutions` placeholders.
pub const SUBSTITUTIONS: &str = "definition-substitutions.json";

/// Writes the ASL files, `<stem>.schemas/<role>.schema.json` for each machine, and
/// [`SUBSTITUTIONS`] to `dir`; returns every file, written or already right.
pub fn write_all(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    files.extend(write_machine::<LoanProcessor>(dir, "loan-processor")?);
    files.extend(write_machine::<MockValuation>(dir, "mock-valuation")?);

    let path = dir.join(SUBSTITUTIONS);
    write_if_changed(&path, &pretty(&substitutions())?)?;
    files.push(path);
    Ok(files)
}

/// Each machine's ASL file and the placeholders its `DefinitionSubstitutions` must fill.
pub fn substitutions() -> Value {
    json!({
        LOAN_PROCESSOR_ASL: {
            "machine": LoanProcessor::NAME,
            "type": "STANDARD",
            "substitutions": LoanProcessor::SUBSTITUTIONS,
        },
        MOCK_VALUATION_ASL: {
            "machine": MockValuation::NAME,
            "type": "EXPRESS",
            "substitutions": MockValuation::SUBSTITUTIONS,
        },
    })
}

fn write_machine<W: Workflow>(dir: &Path, stem: &str) -> io::Result<Vec<PathBuf>> {
    let asl = dir.join(format!("{stem}.asl.json"));
    write_if_changed(&asl, &format!("{}\n", W::asl()))?;
    let mut files = vec![asl];

    for (role, schema) in W::schemas() {
        let path = dir.join(format!("{stem}.schemas/{role}.schema.json"));
        write_if_changed(&path, &pretty(&schema)?)?;
        files.push(path);
    }
    Ok(files)
}

fn pretty(value: &Value) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    Ok(format!("{text}\n"))
}
