//! The state being checked, with what the rules need to know about its surroundings.

use crate::model::{QueryLanguage, State};

use super::{Code, Finding};

/// One state as the walker meets it.
pub(super) struct Site<'a> {
    /// The state's JSON pointer, `/States/A` or `/States/P/Branches/0/States/A`.
    pub(super) pointer: &'a str,
    /// The state's name.
    pub(super) name: &'a str,
    /// The state.
    pub(super) state: &'a State,
    /// The state's own `QueryLanguage`, else the machine's. AWS does not let a Parallel or
    /// Map pass its language on to the states inside it (floci-io/floci#2968 measured this).
    pub(super) language: QueryLanguage,
    /// Whether the state runs in an Express execution: an Express machine, or the child
    /// workflow of a distributed Map with `ExecutionType: EXPRESS`.
    pub(super) express: bool,
}

impl Site<'_> {
    /// The pointer of a field of this state; `suffix` starts with `/`.
    pub(super) fn at(&self, suffix: &str) -> String {
        let mut pointer = String::with_capacity(self.pointer.len() + suffix.len());
        pointer.push_str(self.pointer);
        pointer.push_str(suffix);
        pointer
    }
}

/// Where findings go.
#[derive(Debug, Default)]
pub(super) struct Sink {
    pub(super) findings: Vec<Finding>,
}

impl Sink {
    pub(super) fn error(&mut self, code: Code, pointer: String, message: String) {
        self.findings.push(Finding::error(code, pointer, message));
    }

    pub(super) fn warning(&mut self, code: Code, pointer: String, message: String) {
        self.findings.push(Finding::warning(code, pointer, message));
    }
}

/// Appends `/` and `key` escaped as a JSON pointer token (RFC 6901) to `pointer`.
pub(super) fn push_token(pointer: &mut String, key: &str) {
    pointer.push('/');
    if !key.contains(['~', '/']) {
        pointer.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}
