//! `stepfn run FILE`: one execution in the local engine, on a virtual clock, printed as one
//! JSON object; exit 0 whatever the execution's status, 1 when it could not run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use stepfn::MachineType;
use stepfn::local::{
    CreateError, Engine, ExecutionDescription, ExecutionStatus, MockConfig, MockConfigError,
    RunError, StartError,
};

/// Arguments of `stepfn run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The ASL definition file (JSON).
    file: PathBuf,
    /// The execution input: JSON text, or `@FILE` to read it from a file.
    #[arg(long, default_value = "{}")]
    input: String,
    /// A mock configuration file in AWS Step Functions Local's format.
    #[arg(long, value_name = "FILE", requires = "test_case")]
    mock_config: Option<PathBuf>,
    /// The test case of the mock configuration to run.
    #[arg(long, value_name = "NAME", requires = "mock_config")]
    test_case: Option<String>,
    /// The machine's name, for the mock configuration and the ARNs in `$$` (default: the
    /// file's name without `.asl.json` or `.json`).
    #[arg(long)]
    name: Option<String>,
    /// Add the execution history (`GetExecutionHistory`'s events) to the output.
    #[arg(long)]
    history: bool,
    /// Create the machine as an Express state machine.
    #[arg(long)]
    express: bool,
}

/// Why the run could not happen: the lines to print on stderr.
struct Refusal(Vec<String>);

impl<E: std::fmt::Display> From<E> for Refusal {
    fn from(error: E) -> Self {
        Refusal(vec![error.to_string()])
    }
}

pub(crate) fn run(args: &Args) -> ExitCode {
    match execute(args) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(Refusal(lines)) => {
            for line in lines {
                eprintln!("stepfn run: {line}");
            }
            ExitCode::FAILURE
        }
    }
}

fn execute(args: &Args) -> Result<Value, Refusal> {
    let shown = args.file.display();
    let definition =
        std::fs::read_to_string(&args.file).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let input = input(&args.input)?;
    let name = match &args.name {
        Some(name) => name.clone(),
        None => machine_name(&args.file),
    };

    let mut engine = Engine::new();
    let machine_type = if args.express {
        MachineType::Express
    } else {
        MachineType::Standard
    };
    let machine = engine
        .create_state_machine(&name, definition, machine_type)
        .map_err(|e| refuse_definition(e, &shown.to_string()))?;
    let execution = match (&args.mock_config, &args.test_case) {
        (Some(path), Some(case)) => {
            let config = MockConfig::from_file(path).map_err(refuse_mocks)?;
            let test_case = config.test_case(&name, case).map_err(refuse_mocks)?;
            engine
                .start_test_case(&machine, &test_case, None, input)
                .map_err(refuse_start)?
        }
        _ => engine.start_execution(&machine, None, input)?,
    };

    let (description, note) = drive(&mut engine, &execution)?;
    let mut report = outcome(&description, note);
    if args.history {
        let events = serde_json::to_value(engine.history(&execution)?)?;
        report.insert("events".to_owned(), events);
    }
    Ok(Value::Object(report))
}

/// `--input`: JSON text, or `@path` for a file of JSON.
fn input(argument: &str) -> Result<Value, Refusal> {
    let (text, origin) = match argument.strip_prefix('@') {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the input file `{path}`: {e}"))?;
            (text, format!("the input file `{path}`"))
        }
        None => (argument.to_owned(), "`--input`".to_owned()),
    };
    serde_json::from_str(&text).map_err(|e| Refusal(vec![format!("{origin} is not JSON: {e}")]))
}

/// The file's name without `.asl.json` or `.json`.
fn machine_name(file: &Path) -> String {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for suffix in [".asl.json", ".json"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            return stem.to_owned();
        }
    }
    name
}

/// Runs the execution until it ends or nothing more can happen on its own.
fn drive(
    engine: &mut Engine,
    execution: &str,
) -> Result<(ExecutionDescription, Option<String>), Refusal> {
    let note = match engine.run_to_completion(execution) {
        Ok(description) => return Ok((description, None)),
        Err(RunError::Stuck { .. }) => "the execution waits for a callback or an activity \
             worker and no timer is left that could move it on; nothing can end it"
            .to_owned(),
        Err(RunError::StepLimit { steps, .. }) => {
            format!("the execution did not end within {steps} steps; does it loop forever?")
        }
        Err(error @ RunError::Lookup(_)) => return Err(error.into()),
    };
    Ok((engine.describe_execution(execution)?, Some(note)))
}

/// `{"status", "output"}`, `{"status", "error", "cause"}` or `{"status", "note"}`.
fn outcome(description: &ExecutionDescription, note: Option<String>) -> Map<String, Value> {
    let mut report = Map::new();
    report.insert("status".to_owned(), json!(description.status));
    match description.status {
        ExecutionStatus::Succeeded => {
            let output = description.output.clone().unwrap_or(Value::Null);
            report.insert("output".to_owned(), output);
        }
        ExecutionStatus::Running => {}
        _ => {
            report.insert("error".to_owned(), json!(description.error));
            report.insert("cause".to_owned(), json!(description.cause));
        }
    }
    if let Some(note) = note {
        report.insert("note".to_owned(), Value::String(note));
    }
    report
}

fn refuse_definition(error: CreateError, file: &str) -> Refusal {
    match error {
        CreateError::InvalidDefinition { findings } => {
            let mut lines = vec![format!("`{file}` is not a valid state machine definition")];
            lines.extend(findings.iter().map(|f| format!("{file}: {f}")));
            Refusal(lines)
        }
        CreateError::InvalidName { name } => Refusal(vec![format!(
            "`{name}` is not a valid state machine name; pass one with `--name`"
        )]),
        other => other.into(),
    }
}

fn refuse_mocks(error: MockConfigError) -> Refusal {
    match error {
        MockConfigError::Invalid { problems } => {
            let mut lines = vec!["the mock config is not valid".to_owned()];
            lines.extend(problems.iter().map(ToString::to_string));
            Refusal(lines)
        }
        other => other.into(),
    }
}

fn refuse_start(error: StartError) -> Refusal {
    match error {
        StartError::TestCase(error) => refuse_mocks(error),
        other => other.into(),
    }
}
