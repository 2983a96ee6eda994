//! The validator: every rule of the ASL spec and of AWS's own definition checks.
//!
//! [`validate`] checks a model, as the macros and the engine build it; [`validate_str`] and
//! [`validate_value`] first read JSON with the codec and add the whole-document checks. Each
//! rule reports a [`Finding`] with a stable [`Code`]; the pointer each code uses is given in
//! the code's documentation.
//!
//! Where AWS's behaviour was not written down, the rules lean towards accepting: a validator
//! that rejects a definition AWS accepts is worse than one that misses a mistake.

mod finding;
mod graph;
mod language;
mod map;
mod numbers;
mod order;
mod payload;
mod retry;
mod site;
mod task;
mod timestamp;
mod walk;

pub use finding::{Code, Finding, Severity};

use serde_json::Value;

use crate::model::{MachineType, StateMachine};

/// The largest definition AWS accepts, in bytes of JSON text (a hard quota).
pub const MAX_DEFINITION_BYTES: usize = 1_048_576;

/// The default limit on Parallel and Map states nested in one another.
///
/// AWS has a `TOO_DEEPLY_NESTED` diagnostic but documents no number. Real definitions rarely
/// nest more than four levels; 16 leaves room for generated ones while keeping recursion in
/// the validator and the engine bounded.
pub const DEFAULT_MAX_NESTING_DEPTH: usize = 16;

/// What the validator needs to know beyond the definition itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Standard or Express: Express machines cannot wait for callbacks or run `.sync` jobs.
    pub machine_type: MachineType,
    /// How many Parallel/Map states may nest in one another; a state whose branches or
    /// processor would sit deeper is reported as `nesting-too-deep` and not looked into.
    pub max_nesting_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            machine_type: MachineType::Standard,
            max_nesting_depth: DEFAULT_MAX_NESTING_DEPTH,
        }
    }
}

impl Options {
    /// The default options for a machine of this type.
    pub fn for_machine_type(machine_type: MachineType) -> Options {
        Options {
            machine_type,
            ..Options::default()
        }
    }
}

/// What [`validate_str`] and [`validate_value`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The definition as read; `None` when the text is not JSON or not a machine at all.
    pub machine: Option<StateMachine>,
    /// Every finding, in document order where practical.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether AWS would accept the definition: no finding of error severity.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }

    /// The error-severity findings.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_error())
    }
}

/// Checks a model against every semantic rule: transitions, names, retriers and catchers,
/// numbers, query languages, payloads, resources and Map configuration.
///
/// Shape problems (a missing `Resource`, a path that does not parse) are the codec's; a model
/// built in Rust cannot have most of them.
pub fn validate(machine: &StateMachine, options: &Options) -> Vec<Finding> {
    let mut findings = walk::check_machine(machine, options, false);
    order::sort(machine, &mut findings);
    findings
}

/// Reads a JSON definition and checks it: the codec's findings, the size quota and every
/// rule of [`validate`].
pub fn validate_str(text: &str, options: &Options) -> Report {
    check_decoded(crate::codec::decode_str(text), text.len(), options)
}

/// Like [`validate_str`], for a definition already parsed as JSON. The size quota applies
/// to the compact JSON text of `value`.
pub fn validate_value(value: &Value, options: &Options) -> Report {
    let mut size = ByteCount(0);
    // Writing a `Value` to a counter cannot fail: its keys are strings, its numbers finite.
    let _ = serde_json::to_writer(&mut size, value);
    check_decoded(crate::codec::decode_value(value), size.0, options)
}

fn check_decoded(decoded: crate::codec::Decoded, size: usize, options: &Options) -> Report {
    let mut findings = decoded.findings;
    if size > MAX_DEFINITION_BYTES {
        findings.push(too_large(size));
    }
    if let Some(machine) = &decoded.machine {
        findings.extend(walk::check_machine(machine, options, true));
        order::sort(machine, &mut findings);
    }
    Report {
        machine: decoded.machine,
        findings,
    }
}

/// Counts the bytes written to it.
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn too_large(bytes: usize) -> Finding {
    Finding::error(
        Code::DefinitionTooLarge,
        "",
        format!("the definition is {bytes} bytes; AWS accepts at most {MAX_DEFINITION_BYTES}"),
    )
}
