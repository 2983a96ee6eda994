//! The demo: writes what a deploy needs (ASL, JSON Schemas, definition substitutions), then
//! runs the post's six scenarios on the local engine in virtual time and reports them.
//!
//! `cargo run --release -p loan-processor [-- --out DIR] [--json]`

use std::path::PathBuf;
use std::process::ExitCode;

use loan_processor::files;
use loan_processor::local::{Report, history_table};
use serde_json::json;

/// The failure scenario whose history the demo shows.
const SHOWN_HISTORY: &str = "late-callback";

const USAGE: &str = "usage: loan-processor [--out DIR] [--json]

Writes loan-processor.asl.json, mock-valuation.asl.json, their JSON Schemas and
definition-substitutions.json to DIR (default target/loan-processor/), then runs the six
scenarios of the task-token failures post on the local engine in virtual time.
  --out DIR   where to write the files
  --json      print the report as JSON instead of a table";

struct Args {
    out: PathBuf,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::from("target/loan-processor"),
        json: false,
    };
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        match arg.as_str() {
            "--json" => args.json = true,
            "--out" => args.out = given.next().ok_or("`--out` needs a folder")?.into(),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    Ok(args)
}

#[allow(clippy::print_stdout, clippy::print_stderr)] // The demo's output is its purpose.
fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let written = match files::write_all(&args.out) {
        Ok(written) => written,
        Err(error) => {
            eprintln!("cannot write to {}: {error}", args.out.display());
            return ExitCode::FAILURE;
        }
    };

    let runtime = tokio::runtime::Builder::new_current_thread().build();
    let report = runtime
        .map_err(|e| e.to_string())
        .and_then(|rt| rt.block_on(Report::run_all()));
    let report = match report {
        Ok(report) => report,
        Err(error) => {
            eprintln!("the scenarios did not run: {error}");
            return ExitCode::FAILURE;
        }
    };

    let shown = report.scenario(SHOWN_HISTORY);
    if args.json {
        let history = shown.map(|s| &s.history);
        let document = json!({
            "files": written,
            "scenarios": report.scenarios,
            "totalWallMicros": report.total_wall_micros,
            "history": { "scenario": SHOWN_HISTORY, "events": history },
        });
        println!("{document:#}");
        return ExitCode::SUCCESS;
    }

    println!("Wrote {} files to {}:", written.len(), args.out.display());
    for file in written
        .iter()
        .filter(|f| !f.to_string_lossy().contains(".schemas"))
    {
        println!("  {}", file.display());
    }
    println!("  (and the JSON Schemas in <machine>.schemas/)\n");
    println!("The six scenarios of the task-token failures post, on the local engine:\n");
    print!("{}", report.table());
    if let Some(shown) = shown {
        println!(
            "\nEvent history of `{SHOWN_HISTORY}` ({}):\n",
            shown.execution_arn
        );
        print!("{}", history_table(&shown.history));
    }
    ExitCode::SUCCESS
}
