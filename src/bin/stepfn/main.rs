//! The `stepfn` command-line tool.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod run;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build, check and run AWS Step Functions state machines.
#[derive(Debug, Parser)]
#[command(name = "stepfn", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check Amazon States Language definitions as AWS would, and more strictly.
    Validate(validate::Args),
    /// Run a definition in the local engine on a virtual clock; print the outcome as JSON.
    Run(run::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Run(args) => run::run(&args),
    }
}
