//! Payload templates: building `Parameters`, `ResultSelector`, `ItemSelector`, `Assign`
//! values from their `"key.$"` paths and intrinsic calls.

use serde_json::{Map, Value};
use stepfn_core::model::{Template, TemplateValue};
use stepfn_core::path::Dynamic;

use crate::failure::Failure;
use crate::intrinsics;
use crate::jsonpath::{self, Data, PathFailure};
use crate::random::Entropy;

/// Where an evaluation happens, for the texts of `States.Runtime` causes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site<'a> {
    pub(crate) state: &'a str,
    pub(crate) entered_event: u64,
}

impl Site<'_> {
    pub(crate) fn runtime(&self, detail: &str) -> Failure {
        Failure::runtime(self.state, self.entered_event, detail)
    }
}

/// Builds the JSON of `template`.
pub(crate) fn evaluate(
    template: &Template,
    data: Data<'_>,
    rng: &mut Entropy,
    site: Site<'_>,
) -> Result<Value, Failure> {
    Ok(match template {
        Template::Null => Value::Null,
        Template::Bool(b) => Value::Bool(*b),
        Template::Number(n) => Value::Number(n.clone()),
        Template::String(s) => Value::String(s.clone()),
        Template::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(evaluate(item, data, rng, site)?);
            }
            Value::Array(out)
        }
        Template::Object(entries) => {
            let mut out = Map::with_capacity(entries.len());
            for entry in entries {
                let value = match &entry.value {
                    TemplateValue::Static(inner) => evaluate(inner, data, rng, site)?,
                    TemplateValue::Dynamic(dynamic) => {
                        let field = format!("{}.$", entry.key);
                        dynamic_value(dynamic, data, rng, site, &field)?
                    }
                };
                out.insert(entry.key.clone(), value);
            }
            Value::Object(out)
        }
    })
}

/// The value of one `.$` field (or of `ErrorPath`/`CausePath`).
pub(crate) fn dynamic_value(
    dynamic: &Dynamic,
    data: Data<'_>,
    rng: &mut Entropy,
    site: Site<'_>,
    field: &str,
) -> Result<Value, Failure> {
    match dynamic {
        Dynamic::Intrinsic(call) => intrinsics::evaluate(call, data, rng),
        Dynamic::Path(path) => jsonpath::select(path, data).map_err(|failure| {
            let shown = jsonpath::display(path);
            match failure {
                PathFailure::NoResults(_) | PathFailure::MissingProperty(_) => {
                    let source = match path.root() {
                        stepfn_core::path::PathRoot::Context => data.context,
                        _ => data.input,
                    };
                    site.runtime(&format!(
                        "The JSONPath '{shown}' specified for the field '{field}' could not be \
                         found in the input '{}'",
                        compact(source)
                    ))
                }
                PathFailure::UnknownVariable(_) => site.runtime(&format!(
                    "The JSONPath '{shown}' specified for the field '{field}' references an \
                     undefined variable"
                )),
            }
        }),
    }
}

/// Compact JSON text, as history events and causes carry it.
pub(crate) fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
