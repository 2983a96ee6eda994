//! `Outcome`: what became of one callback request, typed.

use std::fmt;

use stepfn_core::callback::SendError;

/// What became of one callback request. Every outcome but [`Outcome::Succeeded`] and
/// [`Outcome::Failed`] is a failure, published to the error sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `SendTaskSuccess` was delivered.
    Succeeded {
        /// The business reference.
        reference: String,
    },
    /// `SendTaskFailure` was delivered with this ASL error.
    Failed {
        /// The business reference.
        reference: String,
        /// The ASL error name sent.
        error: String,
    },
    /// The body is not JSON, or not a reply this webhook understands.
    BadRequest {
        /// Why, as serde or the reply mapping said.
        reason: String,
    },
    /// No token is stored under the reference.
    UnknownReference {
        /// The business reference.
        reference: String,
    },
    /// The token was already used by an earlier callback: a duplicate, found without
    /// calling Step Functions.
    Duplicate {
        /// The business reference.
        reference: String,
    },
    /// Step Functions answered `TaskTimedOut`: the task ended before this callback.
    Late {
        /// The business reference.
        reference: String,
        /// Step Functions' answer.
        error: SendError,
    },
    /// The token or the reply was refused for good: `InvalidToken`, `TaskDoesNotExist`,
    /// `InvalidOutput`, a limit, or a stored token of another task.
    Invalid {
        /// The business reference.
        reference: String,
        /// Why.
        error: SendError,
    },
    /// The store or Step Functions could not be reached (after retries); the token is left
    /// unclaimed, so the sender may try again.
    Unavailable {
        /// The business reference.
        reference: String,
        /// What failed.
        reason: String,
    },
}

impl Outcome {
    /// A short code for the outcome: `succeeded`, `failed`, `bad-request`,
    /// `unknown-reference`, `duplicate`, `late`, `invalid` or `unavailable`.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Succeeded { .. } => "succeeded",
            Outcome::Failed { .. } => "failed",
            Outcome::BadRequest { .. } => "bad-request",
            Outcome::UnknownReference { .. } => "unknown-reference",
            Outcome::Duplicate { .. } => "duplicate",
            Outcome::Late { .. } => "late",
            Outcome::Invalid { .. } => "invalid",
            Outcome::Unavailable { .. } => "unavailable",
        }
    }

    /// Whether the callback reached its task (with success or with a failure).
    pub fn is_delivered(&self) -> bool {
        matches!(self, Outcome::Succeeded { .. } | Outcome::Failed { .. })
    }

    /// The business reference, when the body named one.
    pub fn reference(&self) -> Option<&str> {
        match self {
            Outcome::BadRequest { .. } => None,
            Outcome::Succeeded { reference }
            | Outcome::Failed { reference, .. }
            | Outcome::UnknownReference { reference }
            | Outcome::Duplicate { reference }
            | Outcome::Late { reference, .. }
            | Outcome::Invalid { reference, .. }
            | Outcome::Unavailable { reference, .. } => Some(reference),
        }
    }

    /// The HTTP status the webhook answers with. A duplicate gets 200: the callback it
    /// repeats was taken, and an at-least-once sender must not deliver it again.
    pub fn status(&self) -> u16 {
        match self {
            Outcome::Succeeded { .. } | Outcome::Failed { .. } | Outcome::Duplicate { .. } => 200,
            Outcome::BadRequest { .. } => 400,
            Outcome::UnknownReference { .. } => 404,
            Outcome::Late { .. } => 410,
            Outcome::Invalid { .. } => 422,
            Outcome::Unavailable { .. } => 503,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Succeeded { reference } => {
                write!(f, "the task of `{reference}` was sent its output")
            }
            Outcome::Failed { reference, error } => {
                write!(f, "the task of `{reference}` was failed with `{error}`")
            }
            Outcome::BadRequest { reason } => write!(f, "the reply cannot be read: {reason}"),
            Outcome::UnknownReference { reference } => {
                write!(f, "no task token is stored for reference `{reference}`")
            }
            Outcome::Duplicate { reference } => write!(
                f,
                "duplicate callback for `{reference}`: its task token was already used"
            ),
            Outcome::Late { reference, error } => {
                write!(f, "late callback for `{reference}`: {error}")
            }
            Outcome::Invalid { reference, error } => {
                write!(f, "callback for `{reference}` refused: {error}")
            }
            Outcome::Unavailable { reference, reason } => {
                write!(
                    f,
                    "callback for `{reference}` not delivered, try again: {reason}"
                )
            }
        }
    }
}
