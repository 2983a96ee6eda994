//! Typed JSONPath, reference paths, context paths, variables and intrinsic function calls.
//!
//! ASL keeps these as strings; stepfn parses them once, when a definition is read, so the
//! validator and the engine work on structure instead of re-parsing text.

mod intrinsic;
mod jsonpath;

pub use intrinsic::{
    IntrinsicArg, IntrinsicCall, IntrinsicFunction, MAX_NESTING, TemplatePiece,
    split_format_template,
};
pub use jsonpath::{Path, PathRoot, Segment, UnionMember};

use std::fmt;

/// Why a path or an intrinsic call could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// The text is not a JSONPath.
    #[error("invalid path `{text}`: {reason}")]
    Syntax {
        /// The text that failed.
        text: String,
        /// What is wrong, in a few words.
        reason: String,
    },
    /// A reference path (which must select one node) uses a wildcard, filter, slice,
    /// union or recursive descent.
    #[error("`{text}` is not a reference path: it may select more than one node")]
    NotReference {
        /// The text that failed.
        text: String,
    },
    /// The text looks like an intrinsic call (`States.X(...)`) but does not parse.
    #[error("invalid intrinsic function call `{text}`: {reason}")]
    Intrinsic {
        /// The text that failed.
        text: String,
        /// What is wrong, in a few words.
        reason: String,
    },
    /// `States.X` is not an intrinsic function.
    #[error("unknown intrinsic function `{name}`")]
    UnknownFunction {
        /// The function name as written.
        name: String,
    },
    /// An intrinsic function is called with the wrong number of arguments.
    #[error("`{function}` takes {expected} {noun}, found {found}", noun = arguments_noun(expected))]
    Arity {
        /// The function.
        function: IntrinsicFunction,
        /// The accepted count, e.g. `2`, `2 or 3` or `at least 1`.
        expected: &'static str,
        /// The count found.
        found: usize,
    },
    /// A literal argument of an intrinsic call that AWS rejects on every run: a
    /// `States.Format` template whose `{}` placeholders do not match the values after it, an
    /// unknown `States.Hash` algorithm, a `States.ArrayRange` step of 0, a string where an
    /// integer or an array is needed, ...
    #[error("argument {position} of `{function}` is invalid: {reason}")]
    Argument {
        /// The function.
        function: IntrinsicFunction,
        /// Which argument, counting from 1.
        position: usize,
        /// What is wrong, in a few words.
        reason: String,
    },
    /// Intrinsic calls nest deeper than AWS allows (10).
    #[error("intrinsic function calls nest {depth} deep; AWS allows at most 10")]
    TooDeep {
        /// The depth found.
        depth: usize,
    },
}

fn arguments_noun(expected: &str) -> &'static str {
    if expected.ends_with(" 1") || expected == "1" {
        "argument"
    } else {
        "arguments"
    }
}

/// The value of a `"key.$"` field, of `ErrorPath`/`CausePath` and of similar fields: a path
/// (to the input, the context object or a variable) or an intrinsic function call.
#[derive(Debug, Clone, PartialEq)]
pub enum Dynamic {
    /// `$.a.b`, `$$.Task.Token`, `$myVar.field`.
    Path(Path),
    /// `States.Format('{}', $.name)`.
    Intrinsic(IntrinsicCall),
}

impl Dynamic {
    /// Parses a path or an intrinsic call.
    pub fn parse(text: &str) -> Result<Dynamic, PathError> {
        if text.trim_start().starts_with("States.") {
            IntrinsicCall::parse(text).map(Dynamic::Intrinsic)
        } else {
            Path::parse(text).map(Dynamic::Path)
        }
    }

    /// Every path this value reads, including the arguments of intrinsic calls.
    pub fn paths(&self) -> Vec<&Path> {
        match self {
            Dynamic::Path(path) => vec![path],
            Dynamic::Intrinsic(call) => call.paths(),
        }
    }
}

impl fmt::Display for Dynamic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dynamic::Path(path) => path.fmt(f),
            Dynamic::Intrinsic(call) => call.fmt(f),
        }
    }
}
