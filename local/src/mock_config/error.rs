//! What can be wrong with a mock configuration, each problem located by a JSON pointer.

/// Why a mock configuration could not be read, or a test case could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MockConfigError {
    /// The file could not be read.
    #[error("cannot read mock config `{path}`: {reason}")]
    Read {
        /// The path given.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The text is not JSON, or not of the documented shape (the reason says where).
    #[error("mock config is not of the documented shape: {reason}")]
    Syntax {
        /// serde's message, with the line and column.
        reason: String,
    },
    /// The shape is right but references, attempt ranges or states are wrong; every
    /// independent problem is listed, in file order.
    #[error("mock config has {} {}: {}", .problems.len(), plural(.problems.len()), list(.problems))]
    Invalid {
        /// The problems found.
        problems: Vec<MockProblem>,
    },
    /// `StateMachines` has no entry for this machine.
    #[error("mock config has no state machine `{machine}`{}", names(.known))]
    UnknownMachine {
        /// The machine's name.
        machine: String,
        /// The machines it has.
        known: Vec<String>,
    },
    /// The machine has no such test case.
    #[error("state machine `{machine}` has no test case `{case}` in the mock config{}", names(.known))]
    UnknownTestCase {
        /// The machine's name.
        machine: String,
        /// The test case asked for.
        case: String,
        /// The test cases it has.
        known: Vec<String>,
    },
    /// An execution asked for a test case (`<machine arn>#<case>`) but the engine has no
    /// mock config.
    #[error("no mock config is loaded; call `Engine::set_mock_config` before starting `{arn}`")]
    NotLoaded {
        /// The ARN with its `#<case>` suffix.
        arn: String,
    },
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "problem" } else { "problems" }
}

fn list(problems: &[MockProblem]) -> String {
    let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    texts.join("; ")
}

fn names(names: &[String]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    format!("; it has {}", quoted.join(", "))
}

/// One problem of a mock configuration and where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {kind}")]
pub struct MockProblem {
    /// The JSON pointer of the offending member, e.g. `/MockedResponses/Retry/1-2`.
    pub pointer: String,
    /// What is wrong.
    pub kind: MockProblemKind,
}

/// What is wrong with one member of a mock configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MockProblemKind {
    /// A test case maps a state to a mocked response `MockedResponses` does not define.
    #[error("no mocked response is named `{name}`; define it under `MockedResponses`")]
    UnknownResponse {
        /// The name used.
        name: String,
    },
    /// An attempt key is neither a number nor a range of numbers.
    #[error("`{key}` is not an attempt number or range; write `\"0\"` or `\"1-2\"`")]
    BadAttempts {
        /// The key.
        key: String,
    },
    /// A range ends before it starts.
    #[error("range `{key}` ends before it starts")]
    ReversedRange {
        /// The key.
        key: String,
    },
    /// Two keys of one mocked response cover the same attempt.
    #[error("attempts `{key}` overlap attempts `{other}`")]
    Overlap {
        /// The later key.
        key: String,
        /// The earlier key it overlaps.
        other: String,
    },
    /// An attempt between 0 and the last covered one has no response.
    #[error("no response for attempt {attempt}; cover every attempt from 0 on without gaps")]
    MissingAttempt {
        /// The first attempt without a response.
        attempt: u32,
    },
    /// A mocked response has no attempts at all.
    #[error("no attempts; add `\"0\": {{\"Return\": ...}}`")]
    NoAttempts,
    /// An attempt has both `Return` and `Throw`.
    #[error("both `Return` and `Throw`; keep one")]
    ReturnAndThrow,
    /// An attempt has neither `Return` nor `Throw`.
    #[error("neither `Return` nor `Throw`; add one")]
    NoOutcome,
    /// A test case mocks a state the machine does not have.
    #[error("`{state}` is not a state of `{machine}`")]
    UnknownState {
        /// The state named.
        state: String,
        /// The machine.
        machine: String,
    },
    /// A test case mocks a state that is not a Task.
    #[error("`{state}` is a {kind} state; only Task states can be mocked")]
    NotATask {
        /// The state named.
        state: String,
        /// Its type.
        kind: String,
    },
}

/// A JSON pointer from its unescaped segments (RFC 6901: `~` as `~0`, `/` as `~1`).
pub(crate) fn pointer(segments: &[&str]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    out
}
