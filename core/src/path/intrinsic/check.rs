//! Checks on intrinsic calls beyond their syntax: argument counts, literal arguments that
//! AWS always rejects, and `States.Format` templates.
//!
//! Only literals are checked: the values of paths and nested calls are known at run time.

use super::{IntrinsicArg, IntrinsicCall, IntrinsicFunction};
use crate::path::PathError;

/// AWS's limit on the text given to `States.Base64Encode`, `States.Base64Decode` and
/// `States.Hash`.
const MAX_TEXT_CHARS: usize = 10_000;

/// AWS's limit on the items `States.ArrayRange` produces.
const MAX_RANGE_ITEMS: i128 = 1_000;

/// The algorithms `States.Hash` accepts. Compared ignoring case: whether AWS does is not
/// known, so only a name that matches none of these in any case is reported.
const HASH_ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// One piece of a `States.Format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePiece {
    /// Literal text, its `\{`, `\}` and `\\` escapes resolved.
    Text(String),
    /// `{}`: the next value.
    Placeholder,
}

/// Splits a `States.Format` template (as [`IntrinsicArg::String`] holds it, or as read from
/// the input when the template is a path) into text and `{}` placeholders.
///
/// The error is a reason in a few words: a `{` not followed by `}`, which AWS rejects on
/// every run, or a stray backslash.
pub fn split_format_template(template: &str) -> Result<Vec<TemplatePiece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped @ ('{' | '}' | '\\'))) => text.push(escaped),
                Some((_, other)) => {
                    return Err(format!(
                        "unknown escape `\\{other}` at offset {at} of the template"
                    ));
                }
                None => return Err("the template ends with `\\`".to_owned()),
            },
            '{' => {
                if !matches!(chars.next(), Some((_, '}'))) {
                    return Err(format!(
                        "the `{{` at offset {at} of the template is not followed by `}}`; \
                         write `\\{{` for a literal brace"
                    ));
                }
                if !text.is_empty() {
                    pieces.push(TemplatePiece::Text(std::mem::take(&mut text)));
                }
                pieces.push(TemplatePiece::Placeholder);
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(TemplatePiece::Text(text));
    }
    Ok(pieces)
}

/// Checks the argument count.
pub(super) fn arity(call: &IntrinsicCall) -> Result<(), PathError> {
    if call.function.arity().contains(&call.args.len()) {
        return Ok(());
    }
    Err(PathError::Arity {
        function: call.function,
        expected: call.function.arity_text(),
        found: call.args.len(),
    })
}

/// What a literal in one argument position must be.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Any,
    /// A string.
    Text,
    /// A string of at most [`MAX_TEXT_CHARS`].
    ShortText,
    /// Anything, but a string no longer than [`MAX_TEXT_CHARS`].
    HashData,
    /// A string holding a JSON text, or blank.
    Json,
    /// A `States.Format` template matching the values after it.
    Template,
    /// One of [`HASH_ALGORITHMS`].
    Algorithm,
    /// No literal is an array.
    Array,
    /// No literal is an object.
    Object,
    Boolean,
    Number,
    Integer,
    PositiveInteger,
    NonNegativeInteger,
    NonZeroInteger,
}

fn expectations(function: IntrinsicFunction) -> &'static [Expect] {
    use Expect::*;
    use IntrinsicFunction as F;

    match function {
        F::Format => &[Template],
        F::StringToJson => &[Json],
        F::JsonToString | F::Array | F::Uuid => &[],
        F::ArrayPartition => &[Array, PositiveInteger],
        F::ArrayContains | F::ArrayLength | F::ArrayUnique => &[Array],
        F::ArrayRange => &[Integer, Integer, NonZeroInteger],
        F::ArrayGetItem => &[Array, NonNegativeInteger],
        F::Base64Encode | F::Base64Decode => &[ShortText],
        F::Hash => &[HashData, Algorithm],
        F::JsonMerge => &[Object, Object, Boolean],
        F::MathRandom => &[Integer, Integer, Integer],
        F::MathAdd => &[Number, Number],
        F::StringSplit => &[Text, Text],
    }
}

/// Checks the literal arguments; the argument count is already known to be right.
pub(super) fn arguments(call: &IntrinsicCall) -> Result<(), PathError> {
    let expectations = expectations(call.function);
    for (index, arg) in call.args.iter().enumerate() {
        let expect = expectations.get(index).copied().unwrap_or(Expect::Any);
        literal(expect, arg, call).map_err(|reason| PathError::Argument {
            function: call.function,
            position: index + 1,
            reason,
        })?;
    }

    if call.function == IntrinsicFunction::ArrayRange {
        range_size(call)?;
    }
    Ok(())
}

fn literal(expect: Expect, arg: &IntrinsicArg, call: &IntrinsicCall) -> Result<(), String> {
    if matches!(arg, IntrinsicArg::Path(_) | IntrinsicArg::Call(_)) {
        return Ok(());
    }
    let text = match arg {
        IntrinsicArg::String(text) => Some(text.as_str()),
        _ => None,
    };

    match expect {
        Expect::Any => Ok(()),
        Expect::HashData => text.map_or(Ok(()), short_text),
        Expect::Text => text.map(|_| ()).ok_or_else(|| expected("a string", arg)),
        Expect::ShortText => text
            .ok_or_else(|| expected("a string", arg))
            .and_then(short_text),
        Expect::Json => {
            let text = text.ok_or_else(|| expected("a string", arg))?;
            if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
                // AWS reads a blank string as `null`.
                return Ok(());
            }
            serde_json::from_str::<serde::de::IgnoredAny>(text)
                .map(|_| ())
                .map_err(|error| format!("the string is not JSON: {error}"))
        }
        Expect::Template => {
            let text = text.ok_or_else(|| expected("a string", arg))?;
            template(text, call.args.len() - 1)
        }
        Expect::Algorithm => {
            let text = text.ok_or_else(|| expected("a string", arg))?;
            if HASH_ALGORITHMS
                .iter()
                .any(|name| name.eq_ignore_ascii_case(text))
            {
                Ok(())
            } else {
                Err(format!(
                    "unknown hash algorithm `{text}`; expected one of {}",
                    HASH_ALGORITHMS.join(", ")
                ))
            }
        }
        Expect::Array => Err(expected("an array", arg)),
        Expect::Object => Err(expected("an object", arg)),
        Expect::Boolean => match arg {
            IntrinsicArg::Bool(_) => Ok(()),
            _ => Err(expected("`true` or `false`", arg)),
        },
        Expect::Number => match arg {
            IntrinsicArg::Number(_) => Ok(()),
            _ => Err(expected("a number", arg)),
        },
        Expect::Integer => integer(arg).map(|_| ()),
        Expect::PositiveInteger => bounded(arg, |n| n > 0, "an integer above 0"),
        Expect::NonNegativeInteger => bounded(arg, |n| n >= 0, "an integer of 0 or more"),
        Expect::NonZeroInteger => bounded(arg, |n| n != 0, "an integer other than 0"),
    }
}

fn expected(what: &str, found: &IntrinsicArg) -> String {
    let found = match found {
        IntrinsicArg::String(_) => "a string".to_owned(),
        IntrinsicArg::Number(number) => format!("`{number}`"),
        IntrinsicArg::Bool(value) => format!("`{value}`"),
        IntrinsicArg::Null => "`null`".to_owned(),
        IntrinsicArg::Path(_) | IntrinsicArg::Call(_) => "a computed value".to_owned(),
    };
    format!("expected {what}, found {found}")
}

fn short_text(text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        Err(format!(
            "the string has {chars} characters; AWS allows at most 10,000"
        ))
    } else {
        Ok(())
    }
}

fn template(text: &str, values: usize) -> Result<(), String> {
    let placeholders = split_format_template(text)?
        .iter()
        .filter(|piece| **piece == TemplatePiece::Placeholder)
        .count();
    if placeholders == values {
        return Ok(());
    }
    Err(format!(
        "the template has {placeholders} `{{}}` placeholder{} but {values} value{} follow{}",
        plural(placeholders),
        plural(values),
        if values == 1 { "s" } else { "" },
    ))
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The value of an integer literal; a float with no fraction counts.
fn integer(arg: &IntrinsicArg) -> Result<i64, String> {
    let IntrinsicArg::Number(number) = arg else {
        return Err(expected("an integer", arg));
    };
    if let Some(value) = number.as_i64() {
        return Ok(value);
    }
    match number.as_f64() {
        Some(value) if value.fract() == 0.0 && value.abs() < 9.2e18 => Ok(value as i64),
        _ => Err(expected("an integer", arg)),
    }
}

fn bounded(arg: &IntrinsicArg, accept: fn(i64) -> bool, what: &str) -> Result<(), String> {
    let value = integer(arg)?;
    if accept(value) {
        Ok(())
    } else {
        Err(expected(what, arg))
    }
}

/// `States.ArrayRange` with three integer literals may produce at most 1,000 items.
fn range_size(call: &IntrinsicCall) -> Result<(), PathError> {
    let [start, end, step] = call.args.as_slice() else {
        return Ok(());
    };
    let (Ok(start), Ok(end), Ok(step)) = (integer(start), integer(end), integer(step)) else {
        return Ok(());
    };
    let (span, step) = (i128::from(end) - i128::from(start), i128::from(step));
    let items = if step == 0 || (span != 0 && (span > 0) != (step > 0)) {
        0
    } else {
        span / step + 1
    };
    if items <= MAX_RANGE_ITEMS {
        return Ok(());
    }
    Err(PathError::Argument {
        function: call.function,
        position: 2,
        reason: format!("the range has {items} items; AWS allows at most 1,000"),
    })
}
