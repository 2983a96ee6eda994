//! `SendError`: every way answering a task token can fail, typed.

use std::fmt;

/// A field of a callback request, named as Step Functions names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `taskToken`.
    TaskToken,
    /// `output` of `SendTaskSuccess`, measured in bytes.
    Output,
    /// `error` of `SendTaskFailure`, measured in characters.
    Error,
    /// `cause` of `SendTaskFailure`, measured in characters.
    Cause,
}

impl Field {
    /// The request field's name: `taskToken`, `output`, `error` or `cause`.
    pub fn name(self) -> &'static str {
        match self {
            Field::TaskToken => "taskToken",
            Field::Output => "output",
            Field::Error => "error",
            Field::Cause => "cause",
        }
    }

    /// What the field's limit counts: `bytes` or `characters`.
    pub fn unit(self) -> &'static str {
        match self {
            Field::Output => "bytes",
            _ => "characters",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a callback (`SendTaskSuccess`, `SendTaskFailure`, `SendTaskHeartbeat`) was not
/// delivered. Transports return it for one attempt; the client returns it after its retries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// `TaskTimedOut`: the task of this token has ended. The callback came late, or the
    /// token was already answered (a duplicate): Step Functions does not tell the two apart.
    /// After a retried transient failure it may also mean that an earlier attempt of this
    /// very call got through.
    #[error("the task of this token has ended (late or duplicate callback): {message}")]
    TaskTimedOut {
        /// Step Functions' message.
        message: String,
    },
    /// `InvalidToken`: the token is malformed or was never issued.
    #[error("the task token is not valid: {message}")]
    InvalidToken {
        /// Step Functions' message.
        message: String,
    },
    /// `TaskDoesNotExist`: the token's activity or task is unknown.
    #[error("the task of this token does not exist: {message}")]
    TaskDoesNotExist {
        /// Step Functions' message.
        message: String,
    },
    /// `InvalidOutput`: the output is not valid JSON (or could not be serialized).
    #[error("the output is not valid JSON: {message}")]
    InvalidOutput {
        /// Why.
        message: String,
    },
    /// A field is over its limit; nothing was sent.
    #[error("`{field}` is {size} {unit}; Step Functions accepts at most {limit}", unit = field.unit())]
    PayloadTooLarge {
        /// The field.
        field: Field,
        /// Its size, in the field's unit ([`Field::unit`]).
        size: usize,
        /// The limit, in the same unit.
        limit: usize,
    },
    /// Step Functions kept throttling the call until the retries ran out.
    #[error("Step Functions throttled the call, {attempts} attempt(s): {message}")]
    Throttled {
        /// The last answer's message.
        message: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// Step Functions refused the call with another error code (`ValidationException`,
    /// `KmsAccessDeniedException`, ...). Not retried.
    #[error("Step Functions rejected the call with `{code}`: {message}")]
    Rejected {
        /// The error code.
        code: String,
        /// Step Functions' message.
        message: String,
    },
    /// The call did not get an answer from Step Functions (connection, timeout, server
    /// error, credentials). Retried when `transient`.
    #[error("the call did not reach Step Functions, {attempts} attempt(s): {message}")]
    Transport {
        /// What went wrong.
        message: String,
        /// Whether trying again may help (connection lost, 5xx, timeout).
        transient: bool,
        /// How many attempts were made.
        attempts: u32,
    },
}

/// Error codes that mean "slow down", across AWS services (the SDKs' throttling list).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "KmsThrottlingException",
];

impl SendError {
    /// The error Step Functions' error `code` stands for, for transports that receive codes.
    /// Unknown codes become [`SendError::Rejected`].
    pub fn from_code(code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        match code {
            "TaskTimedOut" => SendError::TaskTimedOut { message },
            "InvalidToken" => SendError::InvalidToken { message },
            "TaskDoesNotExist" => SendError::TaskDoesNotExist { message },
            "InvalidOutput" => SendError::InvalidOutput { message },
            _ if THROTTLING_CODES.contains(&code) => SendError::throttled(message),
            _ => SendError::Rejected {
                code: code.to_owned(),
                message,
            },
        }
    }

    /// One throttled attempt.
    pub fn throttled(message: impl Into<String>) -> Self {
        SendError::Throttled {
            message: message.into(),
            attempts: 1,
        }
    }

    /// One attempt that got no answer; `transient` when trying again may help.
    pub fn transport(message: impl Into<String>, transient: bool) -> Self {
        SendError::Transport {
            message: message.into(),
            transient,
            attempts: 1,
        }
    }

    /// The error's code: Step Functions' code where it has one (`TaskTimedOut`,
    /// `InvalidToken`, ...), else `PayloadTooLarge` or `TransportFailure`.
    pub fn code(&self) -> &str {
        match self {
            SendError::TaskTimedOut { .. } => "TaskTimedOut",
            SendError::InvalidToken { .. } => "InvalidToken",
            SendError::TaskDoesNotExist { .. } => "TaskDoesNotExist",
            SendError::InvalidOutput { .. } => "InvalidOutput",
            SendError::PayloadTooLarge { .. } => "PayloadTooLarge",
            SendError::Throttled { .. } => "ThrottlingException",
            SendError::Rejected { code, .. } => code,
            SendError::Transport { .. } => "TransportFailure",
        }
    }

    /// Whether the same call may succeed if made again: throttling and transient failures.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            SendError::Throttled { .. }
                | SendError::Transport {
                    transient: true,
                    ..
                }
        )
    }

    /// Whether Step Functions has consumed or refused the token for good, so that no later
    /// callback with it can succeed: the task ended, or the token is invalid or unknown.
    pub fn token_is_spent(&self) -> bool {
        matches!(
            self,
            SendError::TaskTimedOut { .. }
                | SendError::InvalidToken { .. }
                | SendError::TaskDoesNotExist { .. }
        )
    }

    pub(crate) fn after_attempts(self, n: u32) -> Self {
        match self {
            SendError::Throttled { message, .. } => SendError::Throttled {
                message,
                attempts: n,
            },
            SendError::Transport {
                message, transient, ..
            } => SendError::Transport {
                message,
                transient,
                attempts: n,
            },
            other => other,
        }
    }
}
