//! Evaluating intrinsic function calls (`States.Format`, `States.Hash`, ...) with AWS's
//! argument rules; every misuse is a `States.IntrinsicFailure`.

use std::borrow::Cow;

use base64::Engine as _;
use serde_json::{Map, Number, Value};
use sha1::Digest;
use stepfn_core::model::PredefinedError;
use stepfn_core::path::{IntrinsicArg, IntrinsicCall, IntrinsicFunction as F};

use crate::failure::Failure;
use crate::jsonpath::{self, Data};
use crate::random::Entropy;

const MAX_STRING: usize = 10_000;
const MAX_RANGE: usize = 1000;

/// The function's name as ASL writes it.
pub(crate) fn name(function: F) -> &'static str {
    match function {
        F::Format => "States.Format",
        F::StringToJson => "States.StringToJson",
        F::JsonToString => "States.JsonToString",
        F::Array => "States.Array",
        F::ArrayPartition => "States.ArrayPartition",
        F::ArrayContains => "States.ArrayContains",
        F::ArrayRange => "States.ArrayRange",
        F::ArrayGetItem => "States.ArrayGetItem",
        F::ArrayLength => "States.ArrayLength",
        F::ArrayUnique => "States.ArrayUnique",
        F::Base64Encode => "States.Base64Encode",
        F::Base64Decode => "States.Base64Decode",
        F::Hash => "States.Hash",
        F::JsonMerge => "States.JsonMerge",
        F::MathRandom => "States.MathRandom",
        F::MathAdd => "States.MathAdd",
        F::StringSplit => "States.StringSplit",
        F::Uuid => "States.UUID",
    }
}

/// Evaluates `call` against `data`; random functions draw from `rng`.
pub(crate) fn evaluate(
    call: &IntrinsicCall,
    data: Data<'_>,
    rng: &mut Entropy,
) -> Result<Value, Failure> {
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        args.push(match arg {
            IntrinsicArg::String(s) => Value::String(s.clone()),
            IntrinsicArg::Number(n) => Value::Number(n.clone()),
            IntrinsicArg::Bool(b) => Value::Bool(*b),
            IntrinsicArg::Null => Value::Null,
            IntrinsicArg::Path(path) => jsonpath::select(path, data).map_err(|e| {
                fail(
                    call.function,
                    &format!(
                        "invalid path '{}': {}",
                        jsonpath::display(path),
                        e.message()
                    ),
                )
            })?,
            IntrinsicArg::Call(inner) => evaluate(inner, data, rng)?,
        });
    }
    apply(call.function, &args, rng).map_err(|reason| fail(call.function, &reason))
}

// DIVERGENCE: the error is AWS's (States.IntrinsicFailure) but the cause texts are ours;
// AWS's wording for each misuse is not recorded anywhere we could check.
fn fail(function: F, reason: &str) -> Failure {
    Failure::predefined(
        PredefinedError::IntrinsicFailure,
        format!("Invalid arguments in {}: {reason}", name(function)),
    )
}

fn apply(function: F, args: &[Value], rng: &mut Entropy) -> Result<Value, String> {
    match function {
        F::Format => format(args),
        F::StringToJson => string_to_json(string(args, 0)?),
        F::JsonToString => {
            let value = arg(args, 0)?;
            serde_json::to_string(value)
                .map(Value::String)
                .map_err(|e| e.to_string())
        }
        F::Array => Ok(Value::Array(args.to_vec())),
        F::ArrayPartition => {
            let (items, size) = (array(args, 0)?, integer(args, 1)?);
            if size <= 0 {
                return Err("the chunk size must be greater than 0".to_owned());
            }
            let chunks = items
                .chunks(size as usize)
                .map(|c| Value::Array(c.to_vec()));
            Ok(Value::Array(chunks.collect()))
        }
        F::ArrayContains => {
            let (items, needle) = (array(args, 0)?, arg(args, 1)?);
            Ok(Value::Bool(items.contains(needle)))
        }
        F::ArrayRange => range(args),
        F::ArrayGetItem => {
            let (items, index) = (array(args, 0)?, integer(args, 1)?);
            let item = usize::try_from(index).ok().and_then(|i| items.get(i));
            item.cloned()
                .ok_or_else(|| format!("index {index} is out of bounds"))
        }
        F::ArrayLength => Ok(Value::from(array(args, 0)?.len())),
        F::ArrayUnique => {
            let mut unique: Vec<Value> = Vec::new();
            for item in array(args, 0)? {
                if !unique.contains(item) {
                    unique.push(item.clone());
                }
            }
            Ok(Value::Array(unique))
        }
        F::Base64Encode => {
            let text = limited(string(args, 0)?)?;
            Ok(Value::String(
                base64::engine::general_purpose::STANDARD.encode(text),
            ))
        }
        F::Base64Decode => {
            let text = limited(string(args, 0)?)?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| format!("the string is not base64 ({e})"))?;
            String::from_utf8(bytes)
                .map(Value::String)
                .map_err(|_| "the decoded bytes are not UTF-8".to_owned())
        }
        F::Hash => hash(args),
        F::JsonMerge => {
            let (left, right) = (object(args, 0)?, object(args, 1)?);
            let deep = arg(args, 2)?
                .as_bool()
                .ok_or("the third argument must be a boolean")?;
            let mut merged = left.clone();
            merge(&mut merged, right, deep);
            Ok(Value::Object(merged))
        }
        F::MathRandom => {
            let (start, end) = (integer(args, 0)?, integer(args, 1)?);
            if start >= end {
                return Err("the start must be less than the end".to_owned());
            }
            let mut seeded = args
                .get(2)
                .map(|_| integer(args, 2))
                .transpose()?
                .map(|s| Entropy::seeded(s as u64));
            let rng = seeded.as_mut().unwrap_or(rng);
            Ok(Value::from(rng.between(start, end - 1)))
        }
        F::MathAdd => {
            let (a, b) = (rounded_integer(args, 0)?, rounded_integer(args, 1)?);
            a.checked_add(b)
                .map(Value::from)
                .ok_or_else(|| "the sum overflows".to_owned())
        }
        F::StringSplit => {
            let (text, delimiters) = (string(args, 0)?, string(args, 1)?);
            let parts = text
                .split(|c| delimiters.contains(c))
                .filter(|p| !p.is_empty());
            Ok(Value::Array(
                parts.map(|p| Value::String(p.to_owned())).collect(),
            ))
        }
        F::Uuid => Ok(Value::String(rng.uuid_v4())),
    }
}

fn arg(args: &[Value], index: usize) -> Result<&Value, String> {
    args.get(index)
        .ok_or_else(|| format!("argument {} is missing", index + 1))
}

fn string(args: &[Value], index: usize) -> Result<&str, String> {
    arg(args, index)?
        .as_str()
        .ok_or_else(|| format!("argument {} must be a string", index + 1))
}

fn array(args: &[Value], index: usize) -> Result<&Vec<Value>, String> {
    arg(args, index)?
        .as_array()
        .ok_or_else(|| format!("argument {} must be an array", index + 1))
}

fn object(args: &[Value], index: usize) -> Result<&Map<String, Value>, String> {
    arg(args, index)?
        .as_object()
        .ok_or_else(|| format!("argument {} must be an object", index + 1))
}

fn integer(args: &[Value], index: usize) -> Result<i64, String> {
    let value = arg(args, index)?;
    let number = value.as_i64().or_else(|| {
        let f = value.as_f64()?;
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    });
    number.ok_or_else(|| format!("argument {} must be an integer", index + 1))
}

/// An argument of `States.MathAdd`: AWS rounds a number that is not an integer to the
/// nearest one, halves upwards as Java's `Math.round` does (2.5 to 3, -2.5 to -2, -0.5 to 0),
/// each argument on its own before the sum (1.5 + 1.51 is 2 + 2).
fn rounded_integer(args: &[Value], index: usize) -> Result<i64, String> {
    // 2^63: every integral float in [-2^63, 2^63) converts to an `i64` exactly.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    let value = arg(args, index)?;
    if let Some(number) = value.as_i64() {
        return Ok(number);
    }
    let number = value
        .as_f64()
        .ok_or_else(|| format!("argument {} must be a number", index + 1))?;
    let floor = number.floor();
    // `number - floor` is exact, except just above -1/2 where it can only round up to 1/2:
    // the comparison is right either way.
    let rounded = if number - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    };
    if (-LIMIT..LIMIT).contains(&rounded) {
        Ok(rounded as i64)
    } else {
        Err(format!("argument {} is out of range", index + 1))
    }
}

/// `States.StringToJson`: a blank string (only JSON whitespace, or nothing) gives `null`, and
/// the integer `-0` is `0`, as AWS's Java parser reads them.
fn string_to_json(text: &str) -> Result<Value, String> {
    if text.trim_matches(is_json_whitespace).is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&without_negative_zero_integers(text))
        .map_err(|e| format!("the string is not JSON ({e})"))
}

fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `text` with the sign of each integer `-0` (not `-0.0` or `-0e1`) outside strings removed:
/// serde_json reads `-0` as the float `-0.0`, while Java reads the integer 0.
fn without_negative_zero_integers(text: &str) -> Cow<'_, str> {
    if !text.contains("-0") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    // The last character outside strings and whitespace: a number starts after none of them,
    // `[`, `,` or `:` (so that the invalid `1-0` stays invalid).
    let mut previous = None;
    for (at, c) in text.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '-'
            && matches!(previous, None | Some('[' | ',' | ':'))
            && bytes.get(at + 1) == Some(&b'0')
            && !matches!(bytes.get(at + 2), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
        {
            previous = Some(c);
            continue;
        } else if !is_json_whitespace(c) {
            in_string = c == '"';
            previous = Some(c);
        }
        out.push(c);
    }
    Cow::Owned(out)
}

fn limited(text: &str) -> Result<&str, String> {
    if text.chars().count() > MAX_STRING {
        return Err(format!("the input is over {MAX_STRING} characters"));
    }
    Ok(text)
}

fn format(args: &[Value]) -> Result<Value, String> {
    let template = string(args, 0)?;
    let values = &args[1..];
    let pieces: Vec<&str> = template.split("{}").collect();
    if pieces.len() - 1 != values.len() {
        return Err(format!(
            "the template has {} placeholders but {} values were given",
            pieces.len() - 1,
            values.len()
        ));
    }
    let mut out = String::from(pieces[0]);
    for (value, piece) in values.iter().zip(&pieces[1..]) {
        write_format_value(&mut out, value);
        out.push_str(piece);
    }
    Ok(Value::String(out))
}

/// Writes a value as `States.Format` shows it: a string as it is, another scalar as JSON,
/// and objects and arrays as Java's `Map` and `List` print themselves, their members written
/// the same way: `{Arg1=1, Arg2=[]}`, `{Id=arn:..., Name=machine}`, `[1, a, null]`.
fn write_format_value(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push_str(", ");
                }
                write_format_value(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (position, (key, member)) in members.iter().enumerate() {
                if position > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                write_format_value(out, member);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn range(args: &[Value]) -> Result<Value, String> {
    let (start, end, step) = (integer(args, 0)?, integer(args, 1)?, integer(args, 2)?);
    if step == 0 {
        return Err("the step must not be 0".to_owned());
    }
    let mut out = Vec::new();
    let mut value = start;
    while (step > 0 && value <= end) || (step < 0 && value >= end) {
        if out.len() == MAX_RANGE {
            return Err(format!("the range has more than {MAX_RANGE} items"));
        }
        out.push(Value::Number(Number::from(value)));
        value += step;
    }
    Ok(Value::Array(out))
}

fn hash(args: &[Value]) -> Result<Value, String> {
    let data = match arg(args, 0)? {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    limited(&data)?;
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match string(args, 1)? {
        "MD5" => md5::Md5::digest(bytes).to_vec(),
        "SHA-1" => sha1::Sha1::digest(bytes).to_vec(),
        "SHA-256" => sha2::Sha256::digest(bytes).to_vec(),
        "SHA-384" => sha2::Sha384::digest(bytes).to_vec(),
        "SHA-512" => sha2::Sha512::digest(bytes).to_vec(),
        other => {
            return Err(format!(
                "unknown algorithm '{other}'; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"
            ));
        }
    };
    Ok(Value::String(
        digest.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

fn merge(into: &mut Map<String, Value>, from: &Map<String, Value>, deep: bool) {
    for (key, value) in from {
        match (into.get_mut(key), value) {
            (Some(Value::Object(existing)), Value::Object(incoming)) if deep => {
                merge(existing, incoming, true);
            }
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}
