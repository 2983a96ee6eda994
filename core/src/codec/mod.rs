//! Reading ASL JSON into the model, and writing it back.
//!
//! [`decode_str`] and [`decode_value`] check the shape of a definition (types, required and
//! unknown fields, closed sets of values, paths, Choice rules) and report every problem as
//! a [`Finding`], in source order. They recover from each one with a neutral placeholder
//! (a broken optional field is left out, a state without a valid `Type` stands in as a
//! Pass or a Succeed, a missing transition as `End`, ...), so a machine comes back whenever
//! the root is an object and the validator can look for further, independent mistakes in
//! it. Rules that
//! need the whole machine (state names, transitions, ranges, query-language mixing) are the
//! validator's.
//!
//! [`to_value`] and [`to_string_pretty`] write a machine back with a fixed key order per
//! kind of object, so output is byte-identical from run to run: `Comment, Version,
//! QueryLanguage, TimeoutSeconds, StartAt, States` at the top; in a state `Type, Comment,
//! QueryLanguage`, the type's own fields, then `InputPath, Parameters, ResultSelector,
//! ResultPath, OutputPath, Arguments, Output, Assign, Retry, Catch, Next`/`End`. States
//! and template keys keep their model order. For every definition read without errors,
//! reading the written form gives the same model again.

mod decode;
mod encode;
mod fields;
mod serde_impl;

pub use serde_impl::DecodeError;

use serde_json::Value;

use crate::model::StateMachine;
use crate::validate::{Code, Finding};

/// What reading a definition gives: the machine, and every problem of shape found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The machine, with placeholders where the definition is broken; `None` only when the
    /// text is not JSON or its root is not an object.
    pub machine: Option<StateMachine>,
    /// The findings, in source order.
    pub findings: Vec<Finding>,
}

impl Decoded {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }
}

/// Reads a definition from JSON text. Text that is not JSON gives one `invalid-json`
/// finding whose message has the line and column. A state defined twice in one `States`,
/// or a key written twice in a payload template, is reported (JSON parsers keep one of the
/// two silently).
pub fn decode_str(text: &str) -> Decoded {
    match decode::parse(text) {
        Ok((value, repeated)) => decode(&value, &repeated),
        Err(error) => Decoded {
            machine: None,
            findings: vec![invalid_json(&error)],
        },
    }
}

/// Reads a definition from a JSON value.
pub fn decode_value(value: &Value) -> Decoded {
    decode(value, &[])
}

fn decode(value: &Value, repeated: &[Vec<decode::Step>]) -> Decoded {
    let Value::Object(object) = value else {
        let message = "a state machine definition must be a JSON object".to_owned();
        return Decoded {
            machine: None,
            findings: vec![Finding::error(Code::InvalidType, "", message)],
        };
    };
    let mut decoder = decode::Decoder::default();
    let machine = decoder.machine(object);
    decoder.repeated_keys(value, repeated);
    Decoded {
        machine: Some(machine),
        findings: decoder.finish(),
    }
}

/// Writes a machine as a JSON value, keys in canonical order.
pub fn to_value(machine: &StateMachine) -> Value {
    encode::machine(machine)
}

/// Writes a machine as JSON text: two-space indents, keys in canonical order, a final
/// newline.
pub fn to_string_pretty(machine: &StateMachine) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(machine))
        .unwrap_or_else(|_| unreachable!("a `Value` with string keys always serializes"));
    text.push('\n');
    text
}

fn invalid_json(error: &serde_json::Error) -> Finding {
    // serde_json appends " at line L column C" to its messages; say it once, up front.
    let text = error.to_string();
    let reason = text.split(" at line ").next().unwrap_or(&text);
    let message = format!(
        "invalid JSON at line {}, column {}: {reason}",
        error.line(),
        error.column()
    );
    Finding::error(Code::InvalidJson, "", message)
}
