//! The JSONPath input/output pipeline: InputPath, Parameters, ResultSelector, ResultPath,
//! OutputPath, with their `null` forms and AWS's failure texts.

use serde_json::{Map, Value};
use stepfn_core::model::{Nullable, PredefinedError, Template};
use stepfn_core::path::Path;

use crate::failure::Failure;
use crate::jsonpath::{self, Data};
use crate::payload::{self, Site, compact};
use crate::random::Entropy;

/// The largest payload a state may pass on, in bytes of JSON text.
pub(crate) const MAX_PAYLOAD: usize = 262_144;

/// `InputPath` or `OutputPath` applied to `value`: absent keeps it, `null` gives `{}`.
pub(crate) fn filter(
    field: &Option<Nullable<Path>>,
    value: &Value,
    context: &Value,
    vars: &Map<String, Value>,
    site: Site<'_>,
) -> Result<Value, Failure> {
    match field {
        None => Ok(value.clone()),
        Some(Nullable::Null) => Ok(Value::Object(Map::new())),
        Some(Nullable::Value(path)) => {
            let data = Data {
                input: value,
                context,
                vars,
            };
            select(path, data, site)
        }
    }
}

/// A path that must select something, failing with AWS's `Invalid path` text.
pub(crate) fn select(path: &Path, data: Data<'_>, site: Site<'_>) -> Result<Value, Failure> {
    jsonpath::select(path, data).map_err(|failure| {
        site.runtime(&format!(
            "Invalid path '{}' : {}",
            jsonpath::display(path),
            failure.message()
        ))
    })
}

/// A payload template evaluated against `input`, or `input` itself when there is none.
pub(crate) fn template(
    template: Option<&Template>,
    input: &Value,
    context: &Value,
    vars: &Map<String, Value>,
    rng: &mut Entropy,
    site: Site<'_>,
) -> Result<Value, Failure> {
    match template {
        None => Ok(input.clone()),
        Some(template) => {
            let data = Data {
                input,
                context,
                vars,
            };
            payload::evaluate(template, data, rng, site)
        }
    }
}

/// `ResultPath`: absent replaces the input by the result, `null` keeps the input.
pub(crate) fn result_path(
    field: &Option<Nullable<Path>>,
    raw_input: &Value,
    result: Value,
    site: Site<'_>,
) -> Result<Value, Failure> {
    match field {
        None => Ok(result),
        Some(Nullable::Null) => Ok(raw_input.clone()),
        Some(Nullable::Value(path)) => {
            jsonpath::set(raw_input.clone(), path, result).map_err(|shown| {
                Failure::predefined(
                    PredefinedError::ResultPathMatchFailure,
                    format!(
                        "An error occurred while executing the state '{}' (entered at the event id \
                     #{}). Unable to apply ReferencePath {shown} to input '{}'",
                        site.state,
                        site.entered_event,
                        compact(raw_input)
                    ),
                )
            })
        }
    }
}

/// `States.DataLimitExceeded` when `value` is over 256 KiB of JSON text.
pub(crate) fn check_size(value: &Value, state: &str) -> Result<(), Failure> {
    if compact(value).len() > MAX_PAYLOAD {
        return Err(Failure::predefined(
            PredefinedError::DataLimitExceeded,
            format!(
                "The state/task '{state}' returned a result with a size exceeding the maximum \
                 number of bytes service limit."
            ),
        ));
    }
    Ok(())
}
