// Intrinsic function calls (`States::format(..)`) turned into core's `IntrinsicCall`, whose
// parser checks them (argument counts, literal arguments), so the macro and core agree.

use stepfn_core::path::{IntrinsicArg, IntrinsicCall, IntrinsicFunction, PathError};

use crate::model::{Intrinsic, Value};
use crate::rename::Rename;
use crate::verify::core_path;

/// The Rust name of a function: `States.JsonToString` is `json_to_string`, `States.UUID`
/// is `uuid`.
pub(crate) fn rust_name(function: IntrinsicFunction) -> String {
    let name = function.name().trim_start_matches("States.");
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let after_lower = previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        if c.is_ascii_uppercase() && after_lower {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
        previous = Some(c);
    }
    out
}

/// The function whose Rust name is `name`.
pub(crate) fn function_named(name: &str) -> Option<IntrinsicFunction> {
    IntrinsicFunction::ALL
        .into_iter()
        .find(|function| rust_name(*function) == name)
}

/// The call as core parses it from its ASL text: an error is what AWS would reject.
pub(crate) fn call(intrinsic: &Intrinsic, rename: Rename) -> Result<IntrinsicCall, PathError> {
    IntrinsicCall::parse(&draft(intrinsic, rename).to_string())
}

fn draft(intrinsic: &Intrinsic, rename: Rename) -> IntrinsicCall {
    IntrinsicCall {
        function: intrinsic.function,
        args: intrinsic
            .args
            .iter()
            .map(|arg| argument(arg, rename))
            .collect(),
    }
}

fn argument(value: &Value, rename: Rename) -> IntrinsicArg {
    match value {
        Value::Path(path) => IntrinsicArg::Path(core_path(path, rename)),
        Value::Str(lit) => IntrinsicArg::String(lit.value()),
        Value::Int(lit) => lit
            .base10_parse::<u64>()
            .map_or(IntrinsicArg::Null, |n| IntrinsicArg::Number(n.into())),
        Value::Float(lit) => lit
            .base10_parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(IntrinsicArg::Null, IntrinsicArg::Number),
        Value::Bool(lit) => IntrinsicArg::Bool(lit.value),
        Value::Null(_) => IntrinsicArg::Null,
        Value::Intrinsic(inner) => IntrinsicArg::Call(draft(inner, rename)),
        // The parser rejects struct literals as arguments.
        Value::Struct(_) => IntrinsicArg::Null,
    }
}

/// What a call returns, as the name of a generated check: the literal check of its JSON
/// type, or `any` where the type depends on the arguments.
pub(crate) fn result_check(function: IntrinsicFunction) -> &'static str {
    use IntrinsicFunction as F;
    match function {
        F::Format | F::JsonToString | F::Base64Encode | F::Base64Decode | F::Hash | F::Uuid => {
            "text_literal"
        }
        F::ArrayLength | F::MathRandom | F::MathAdd => "number_literal",
        F::ArrayContains => "bool_literal",
        _ => "any",
    }
}
