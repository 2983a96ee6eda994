//! The errors of the engine's API: creating machines, starting executions, answering
//! callbacks and driving the clock.

use stepfn_core::Finding;

use crate::mock_config::MockConfigError;

/// Why a state machine could not be created.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CreateError {
    /// The definition is not valid ASL; every error finding is listed.
    #[error("invalid state machine definition: {}", summary(.findings))]
    InvalidDefinition {
        /// The error findings of the decoder and the validator.
        findings: Vec<Finding>,
    },
    /// The name is empty, too long or uses a forbidden character.
    #[error("invalid state machine name `{name}`")]
    InvalidName {
        /// The name given.
        name: String,
    },
    /// A machine with this name exists with another definition.
    #[error("state machine `{arn}` already exists")]
    AlreadyExists {
        /// The existing machine's ARN.
        arn: String,
    },
}

fn summary(findings: &[Finding]) -> String {
    let texts: Vec<String> = findings.iter().map(ToString::to_string).collect();
    texts.join("; ")
}

/// Why an execution could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    /// No machine has this ARN.
    #[error("state machine `{arn}` does not exist")]
    StateMachineDoesNotExist {
        /// The ARN given.
        arn: String,
    },
    /// An execution with this name already ran on the machine.
    #[error("execution `{arn}` already exists")]
    ExecutionAlreadyExists {
        /// The existing execution's ARN.
        arn: String,
    },
    /// The execution name is empty, too long or uses a forbidden character.
    #[error("invalid execution name `{name}`")]
    InvalidName {
        /// The name given.
        name: String,
    },
    /// The input is over 262,144 bytes.
    #[error("execution input is {size} bytes; the limit is 262144")]
    InputTooLarge {
        /// Its size in bytes.
        size: usize,
    },
    /// The test case asked for is unknown or does not fit the machine.
    #[error(transparent)]
    TestCase(#[from] MockConfigError),
}

/// The errors of `SendTaskSuccess`, `SendTaskFailure` and `SendTaskHeartbeat`, with AWS's
/// codes and messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// The task of this token has already ended (late or duplicate callback).
    #[error("Task Timed Out: 'Provided task does not exist anymore'")]
    TaskTimedOut,
    /// The token was never issued or is not a token at all.
    #[error("Invalid Token: 'Invalid token'")]
    InvalidToken,
    /// `output` is not JSON; the execution is untouched.
    #[error("Invalid Output: {reason}")]
    InvalidOutput {
        /// Why the text is not JSON.
        reason: String,
    },
    /// A length limit is broken (token 1..2048, output 262144 bytes, error 256, cause 32768).
    #[error("1 validation error detected: {message}")]
    Validation {
        /// Which value broke which limit.
        message: String,
    },
}

impl CallbackError {
    /// The AWS error code: `TaskTimedOut`, `InvalidToken`, `InvalidOutput` or
    /// `ValidationException`.
    pub fn code(&self) -> &'static str {
        match self {
            CallbackError::TaskTimedOut => "TaskTimedOut",
            CallbackError::InvalidToken => "InvalidToken",
            CallbackError::InvalidOutput { .. } => "InvalidOutput",
            CallbackError::Validation { .. } => "ValidationException",
        }
    }
}

/// Why an execution or activity could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No execution has this ARN.
    #[error("execution `{arn}` does not exist")]
    ExecutionDoesNotExist {
        /// The ARN given.
        arn: String,
    },
    /// No activity has this ARN.
    #[error("activity `{arn}` does not exist")]
    ActivityDoesNotExist {
        /// The ARN given.
        arn: String,
    },
}

/// Why `run_to_completion` stopped before the execution ended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// No execution has this ARN.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The execution waits for a callback or an activity worker and no timer is left that
    /// could move it on.
    #[error("execution `{arn}` is waiting for a callback and no timer is left; send one")]
    Stuck {
        /// The execution.
        arn: String,
    },
    /// The configured step budget ran out (an endless loop?).
    #[error("execution `{arn}` did not end within {steps} steps")]
    StepLimit {
        /// The execution.
        arn: String,
        /// The budget.
        steps: u64,
    },
}
