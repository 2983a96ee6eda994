//! Intrinsic function calls (`States.Format(...)` and the rest), JSONPath states only.

use std::fmt;

use super::{Path, PathError};

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

/// One argument of an intrinsic call.
#[derive(Debug, Clone, PartialEq)]
pub enum IntrinsicArg {
    /// `'text'` (escapes already resolved).
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
#[derive(Debug, Clone, PartialEq)]
pub struct IntrinsicCall {
    /// Which function.
    pub function: IntrinsicFunction,
    /// The arguments, in order.
    pub args: Vec<IntrinsicArg>,
}

impl IntrinsicCall {
    /// Parses `States.Name(args...)`, checking the function name, the argument count and
    /// the nesting depth (at most 10).
    pub fn parse(text: &str) -> Result<IntrinsicCall, PathError> {
        let _ = text;
        todo!("intrinsic parser")
    }

    /// Every path read by this call and its nested calls.
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = Vec::new();
        for arg in &self.args {
            match arg {
                IntrinsicArg::Path(path) => out.push(path),
                IntrinsicArg::Call(call) => out.extend(call.paths()),
                _ => {}
            }
        }
        out
    }
}

impl fmt::Display for IntrinsicCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!("intrinsic rendering")
    }
}

impl fmt::Display for IntrinsicFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!("function name")
    }
}
