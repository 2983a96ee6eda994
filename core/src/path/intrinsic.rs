//! Intrinsic function calls (`States.Format(...)` and the rest), JSONPath states only.

use std::fmt::{self, Write as _};
use std::ops::RangeInclusive;

use super::{Path, PathError};

mod check;
mod parse;

pub use check::{TemplatePiece, split_format_template};

/// How deep AWS lets intrinsic calls nest within one field.
pub const MAX_NESTING: usize = 10;

/// The intrinsic functions AWS Step Functions provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntrinsicFunction {
    /// `States.Format(template, args...)`.
    Format,
    /// `States.StringToJson(string)`.
    StringToJson,
    /// `States.JsonToString(path)`.
    JsonToString,
    /// `States.Array(values...)`.
    Array,
    /// `States.ArrayPartition(array, size)`.
    ArrayPartition,
    /// `States.ArrayContains(array, value)`.
    ArrayContains,
    /// `States.ArrayRange(start, end, step)`.
    ArrayRange,
    /// `States.ArrayGetItem(array, index)`.
    ArrayGetItem,
    /// `States.ArrayLength(array)`.
    ArrayLength,
    /// `States.ArrayUnique(array)`.
    ArrayUnique,
    /// `States.Base64Encode(string)`.
    Base64Encode,
    /// `States.Base64Decode(string)`.
    Base64Decode,
    /// `States.Hash(data, algorithm)`.
    Hash,
    /// `States.JsonMerge(a, b, deep)`.
    JsonMerge,
    /// `States.MathRandom(start, end[, seed])`.
    MathRandom,
    /// `States.MathAdd(a, b)`.
    MathAdd,
    /// `States.StringSplit(string, delimiters)`.
    StringSplit,
    /// `States.UUID()`.
    Uuid,
}

impl IntrinsicFunction {
    /// Every intrinsic function, in the order of the AWS documentation's categories.
    pub const ALL: [IntrinsicFunction; 18] = [
        IntrinsicFunction::Format,
        IntrinsicFunction::StringToJson,
        IntrinsicFunction::JsonToString,
        IntrinsicFunction::Array,
        IntrinsicFunction::ArrayPartition,
        IntrinsicFunction::ArrayContains,
        IntrinsicFunction::ArrayRange,
        IntrinsicFunction::ArrayGetItem,
        IntrinsicFunction::ArrayLength,
        IntrinsicFunction::ArrayUnique,
        IntrinsicFunction::Base64Encode,
        IntrinsicFunction::Base64Decode,
        IntrinsicFunction::Hash,
        IntrinsicFunction::JsonMerge,
        IntrinsicFunction::MathRandom,
        IntrinsicFunction::MathAdd,
        IntrinsicFunction::StringSplit,
        IntrinsicFunction::Uuid,
    ];

    /// The name as written in ASL, e.g. `"States.Format"`.
    pub fn name(self) -> &'static str {
        match self {
            IntrinsicFunction::Format => "States.Format",
            IntrinsicFunction::StringToJson => "States.StringToJson",
            IntrinsicFunction::JsonToString => "States.JsonToString",
            IntrinsicFunction::Array => "States.Array",
            IntrinsicFunction::ArrayPartition => "States.ArrayPartition",
            IntrinsicFunction::ArrayContains => "States.ArrayContains",
            IntrinsicFunction::ArrayRange => "States.ArrayRange",
            IntrinsicFunction::ArrayGetItem => "States.ArrayGetItem",
            IntrinsicFunction::ArrayLength => "States.ArrayLength",
            IntrinsicFunction::ArrayUnique => "States.ArrayUnique",
            IntrinsicFunction::Base64Encode => "States.Base64Encode",
            IntrinsicFunction::Base64Decode => "States.Base64Decode",
            IntrinsicFunction::Hash => "States.Hash",
            IntrinsicFunction::JsonMerge => "States.JsonMerge",
            IntrinsicFunction::MathRandom => "States.MathRandom",
            IntrinsicFunction::MathAdd => "States.MathAdd",
            IntrinsicFunction::StringSplit => "States.StringSplit",
            IntrinsicFunction::Uuid => "States.UUID",
        }
    }

    /// The function named `name` (`"States.Format"`; case-sensitive, as in AWS).
    pub fn from_name(name: &str) -> Option<IntrinsicFunction> {
        IntrinsicFunction::ALL
            .into_iter()
            .find(|function| function.name() == name)
    }

    /// How many arguments the function takes (`usize::MAX` as the end means no limit).
    pub fn arity(self) -> RangeInclusive<usize> {
        match self {
            IntrinsicFunction::Format => 1..=usize::MAX,
            IntrinsicFunction::Array => 0..=usize::MAX,
            IntrinsicFunction::Uuid => 0..=0,
            IntrinsicFunction::StringToJson
            | IntrinsicFunction::JsonToString
            | IntrinsicFunction::ArrayLength
            | IntrinsicFunction::ArrayUnique
            | IntrinsicFunction::Base64Encode
            | IntrinsicFunction::Base64Decode => 1..=1,
            IntrinsicFunction::ArrayPartition
            | IntrinsicFunction::ArrayContains
            | IntrinsicFunction::ArrayGetItem
            | IntrinsicFunction::Hash
            | IntrinsicFunction::MathAdd
            | IntrinsicFunction::StringSplit => 2..=2,
            IntrinsicFunction::MathRandom => 2..=3,
            IntrinsicFunction::ArrayRange | IntrinsicFunction::JsonMerge => 3..=3,
        }
    }

    /// The accepted argument count in words, as [`PathError::Arity`] shows it.
    fn arity_text(self) -> &'static str {
        match self {
            IntrinsicFunction::Format => "at least 1",
            IntrinsicFunction::Array => "any number of",
            IntrinsicFunction::MathRandom => "2 or 3",
            other => match other.arity().start() {
                0 => "0",
                1 => "1",
                2 => "2",
                _ => "3",
            },
        }
    }
}

/// One argument of an intrinsic call.
#[derive(Debug, Clone, PartialEq)]
pub enum IntrinsicArg {
    /// `'text'`, escapes resolved. The template of `States.Format` (its first argument)
    /// is the one exception: there `\{`, `\}` and `\\` are kept as written, because they are
    /// the template's own escapes (`\{` is a literal brace, `{}` a placeholder); see
    /// [`split_format_template`].
    String(String),
    /// `42`, `-1.5`.
    Number(serde_json::Number),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `$.a`, `$$.Execution.Id`, `$var`.
    Path(Path),
    /// A nested call.
    Call(IntrinsicCall),
}

/// A parsed intrinsic call.
///
/// `Display` writes the canonical text (`States.Name(a, b)`, strings re-escaped), which
/// parses back to an equal call.
#[derive(Debug, Clone, PartialEq)]
pub struct IntrinsicCall {
    /// Which function.
    pub function: IntrinsicFunction,
    /// The arguments, in order.
    pub args: Vec<IntrinsicArg>,
}

impl IntrinsicCall {
    /// Parses `States.Name(args...)`, checking the function name, the argument count, the
    /// nesting depth (at most [`MAX_NESTING`]) and the literal arguments that AWS always
    /// rejects (a `States.Format` template whose placeholders do not match its values, an
    /// unknown `States.Hash` algorithm, a zero `States.ArrayRange` step, ...).
    pub fn parse(text: &str) -> Result<IntrinsicCall, PathError> {
        parse::read(text)
    }

    /// Every path read by this call and its nested calls.
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = Vec::new();
        self.collect_paths(&mut out);
        out
    }

    fn collect_paths<'a>(&'a self, out: &mut Vec<&'a Path>) {
        for arg in &self.args {
            match arg {
                IntrinsicArg::Path(path) => out.push(path),
                IntrinsicArg::Call(call) => call.collect_paths(out),
                _ => {}
            }
        }
    }
}

/// Writes a string literal; `template` keeps the `States.Format` escapes as they are.
fn write_string(f: &mut fmt::Formatter<'_>, text: &str, template: bool) -> fmt::Result {
    f.write_char('\'')?;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' if template && matches!(chars.peek(), Some('{' | '}' | '\\')) => {
                f.write_char('\\')?;
                if let Some(next) = chars.next() {
                    f.write_char(next)?;
                }
            }
            '\\' => f.write_str("\\\\")?,
            '{' | '}' if !template => {
                f.write_char('\\')?;
                f.write_char(c)?;
            }
            c => f.write_char(c)?,
        }
    }
    f.write_char('\'')
}

impl fmt::Display for IntrinsicCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.function.name())?;
        f.write_char('(')?;
        for (position, arg) in self.args.iter().enumerate() {
            if position > 0 {
                f.write_str(", ")?;
            }
            match arg {
                IntrinsicArg::String(text) => {
                    let template = position == 0 && self.function == IntrinsicFunction::Format;
                    write_string(f, text, template)?;
                }
                IntrinsicArg::Number(number) => write!(f, "{number}")?,
                IntrinsicArg::Bool(value) => write!(f, "{value}")?,
                IntrinsicArg::Null => f.write_str("null")?,
                IntrinsicArg::Path(path) => write!(f, "{path}")?,
                IntrinsicArg::Call(call) => write!(f, "{call}")?,
            }
        }
        f.write_char(')')
    }
}

impl fmt::Display for IntrinsicFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
