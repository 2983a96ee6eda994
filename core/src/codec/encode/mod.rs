//! The writer: the model back to ASL JSON, every object's keys in one fixed order.
//!
//! The canonical orders (absent fields are skipped; of two exclusive fields only the one
//! the model holds is written, in the place given to the pair):
//! - machine: `Comment, Version, QueryLanguage, TimeoutSeconds, StartAt, States`;
//! - state: `Type, Comment, QueryLanguage`, the type's own fields, then
//!   `InputPath, Parameters, ResultSelector, ResultPath, OutputPath, Arguments, Output,
//!   Assign, Retry, Catch, Next|End`. The type's own fields:
//!   - Task: `Resource, Credentials, TimeoutSeconds|…Path, HeartbeatSeconds|…Path`;
//!   - Pass: `Result`; Choice: `Choices, Default`;
//!   - Wait: `Seconds|Timestamp|SecondsPath|TimestampPath`;
//!   - Fail: `Error|ErrorPath, Cause|CausePath`; Parallel: `Branches`;
//!   - Map: `ItemReader, ItemsPath, Items, ItemSelector, ItemBatcher, MaxConcurrency|…Path,
//!     ToleratedFailurePercentage|…Path, ToleratedFailureCount|…Path, Label,
//!     ItemProcessor|Iterator, ResultWriter` (its deprecated `Parameters` goes in the common
//!     place);
//! - branch: `Comment, QueryLanguage, StartAt, States`; processor: `Comment, QueryLanguage,
//!   ProcessorConfig, StartAt, States`;
//! - Retrier: `Comment, ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate,
//!   MaxDelaySeconds, JitterStrategy`; Catcher: `Comment, ErrorEquals, ResultPath, Output,
//!   Assign, Next`;
//! - Choice rule: `Comment, Variable, <operator>|And|Or|Not|Condition, Output, Assign, Next`;
//! - `ItemReader`: `Resource, ReaderConfig, Parameters, Arguments`; `ReaderConfig`: `InputType,
//!   CSVHeaderLocation, CSVHeaders, CSVDelimiter, ManifestType, MaxItems|…Path`;
//!   `ItemBatcher`: `BatchInput, MaxItemsPerBatch|…Path, MaxInputBytesPerBatch|…Path`;
//!   `ResultWriter`: `Resource, WriterConfig, Parameters, Arguments`; `WriterConfig`:
//!   `OutputType, Transformation`; `ProcessorConfig`: `Mode, ExecutionType`.

mod nested;
mod state;

use serde_json::{Map, Number, Value};

use crate::model::{
    IntSource, Nullable, NumberSource, QueryLanguage, StateMachine, States, Template,
};
use crate::path::Path;

/// Writes a machine.
pub(crate) fn machine(machine: &StateMachine) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Comment", machine.comment.as_deref());
    put_str(&mut out, "Version", machine.version.as_deref());
    put_language(&mut out, machine.query_language);
    if let Some(timeout) = machine.timeout_seconds {
        out.insert("TimeoutSeconds".to_owned(), timeout.into());
    }
    put_scope(&mut out, &machine.start_at, &machine.states);
    Value::Object(out)
}

/// `StartAt` and `States`, the states in model order.
fn put_scope(out: &mut Map<String, Value>, start_at: &str, states: &States) {
    out.insert("StartAt".to_owned(), start_at.into());
    let mut written = Map::with_capacity(states.len());
    for (name, state) in states {
        written.insert(name.clone(), state::state(state));
    }
    out.insert("States".to_owned(), Value::Object(written));
}

fn put_str(out: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        out.insert(key.to_owned(), value.into());
    }
}

fn put_language(out: &mut Map<String, Value>, language: Option<QueryLanguage>) {
    put_str(out, "QueryLanguage", language.map(QueryLanguage::as_str));
}

fn put_template(out: &mut Map<String, Value>, key: &str, template: Option<&Template>) {
    if let Some(template) = template {
        out.insert(key.to_owned(), template.to_value());
    }
}

fn put_path(out: &mut Map<String, Value>, key: &str, path: Option<&Path>) {
    if let Some(path) = path {
        out.insert(key.to_owned(), path.to_string().into());
    }
}

fn put_nullable(out: &mut Map<String, Value>, key: &str, path: Option<&Nullable<Path>>) {
    match path {
        Some(Nullable::Null) => {
            out.insert(key.to_owned(), Value::Null);
        }
        Some(Nullable::Value(path)) => put_path(out, key, Some(path)),
        None => {}
    }
}

/// `key` or `keyPath`, whichever the source is.
fn put_int(out: &mut Map<String, Value>, key: &str, source: Option<&IntSource>) {
    match source {
        Some(IntSource::Value(value)) => {
            out.insert(key.to_owned(), (*value).into());
        }
        Some(IntSource::Path(path)) => {
            out.insert(format!("{key}Path"), path.to_string().into());
        }
        Some(IntSource::Expr(expr)) => {
            out.insert(key.to_owned(), expr.to_template_string().into());
        }
        None => {}
    }
}

fn put_number(out: &mut Map<String, Value>, key: &str, source: Option<&NumberSource>) {
    match source {
        Some(NumberSource::Value(value)) => {
            out.insert(key.to_owned(), float(*value));
        }
        Some(NumberSource::Path(path)) => {
            out.insert(format!("{key}Path"), path.to_string().into());
        }
        Some(NumberSource::Expr(expr)) => {
            out.insert(key.to_owned(), expr.to_template_string().into());
        }
        None => {}
    }
}

/// A float as JSON; NaN and infinities, which JSON cannot hold, become `null`.
fn float(value: f64) -> Value {
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}
