//! `stepfn validate FILE...`: findings with codes and JSON pointers, exit 1 on any error
//! (and, with `--deny-warnings`, on any warning).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::json;
use stepfn::MachineType;
use stepfn::core::validate::{self, Options};

/// Arguments of `stepfn validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// ASL definition files (JSON).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Check the definitions as Express state machines (no callbacks, no `.sync`).
    #[arg(long)]
    express: bool,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Fail on warnings too: mistakes AWS accepts, such as a callback task that never
    /// sends its token or has no timeout.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per finding: `file: error[code] /pointer: message`.
    Text,
    /// One JSON array with an object per file.
    Json,
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let options = Options {
        machine_type: if args.express {
            MachineType::Express
        } else {
            MachineType::Standard
        },
        ..Options::default()
    };

    let mut any_invalid = false;
    let mut any_unreadable = false;
    let mut reports = Vec::new();
    for file in &args.files {
        let shown = file.display();
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("{shown}: cannot read: {error}");
                any_unreadable = true;
                continue;
            }
        };

        let report = validate::validate_str(&text, &options);
        let errors = report.findings.iter().filter(|f| f.is_error()).count();
        let warnings = report.findings.len() - errors;
        any_invalid |= errors > 0 || (args.deny_warnings && warnings > 0);

        match args.format {
            Format::Text => {
                for finding in &report.findings {
                    println!("{shown}: {finding}");
                }
                let verdict = if errors == 0 { "valid" } else { "invalid" };
                println!("{shown}: {verdict} ({errors} errors, {warnings} warnings)");
            }
            Format::Json => reports.push(json!({
                "file": shown.to_string(),
                "valid": errors == 0,
                "findings": report.findings,
            })),
        }
    }

    if args.format == Format::Json {
        println!("{}", serde_json::Value::Array(reports));
    }
    if any_unreadable {
        ExitCode::from(2)
    } else if any_invalid {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
