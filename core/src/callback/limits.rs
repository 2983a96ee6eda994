//! The limits Step Functions puts on callback requests, checked before anything is sent.
//!
//! AWS's service model: `output` at most 262,144 bytes of UTF-8 JSON, `error` at most 256
//! characters, `cause` at most 32,768 characters, `taskToken` 1 to 2,048 characters (checked
//! when a [`TaskToken`](super::TaskToken) is made).

use super::error::{Field, SendError};

pub use super::token::MAX_TOKEN_LEN;

/// The largest `output` of `SendTaskSuccess`, in bytes of UTF-8.
pub const MAX_OUTPUT_BYTES: usize = 262_144;

/// The longest `error` of `SendTaskFailure`, in characters.
pub const MAX_ERROR_CHARS: usize = 256;

/// The longest `cause` of `SendTaskFailure`, in characters.
pub const MAX_CAUSE_CHARS: usize = 32_768;

/// Checks the JSON text of a task's output against [`MAX_OUTPUT_BYTES`].
pub fn check_output(json: &str) -> Result<(), SendError> {
    within(Field::Output, json.len(), MAX_OUTPUT_BYTES)
}

/// Checks an error name against [`MAX_ERROR_CHARS`].
pub fn check_error(error: &str) -> Result<(), SendError> {
    within(Field::Error, error.chars().count(), MAX_ERROR_CHARS)
}

/// Checks a cause against [`MAX_CAUSE_CHARS`].
pub fn check_cause(cause: &str) -> Result<(), SendError> {
    // Counting characters only matters past the byte count: a string of at most
    // MAX_CAUSE_CHARS bytes has at most that many characters.
    if cause.len() <= MAX_CAUSE_CHARS {
        return Ok(());
    }
    within(Field::Cause, cause.chars().count(), MAX_CAUSE_CHARS)
}

fn within(field: Field, size: usize, limit: usize) -> Result<(), SendError> {
    if size <= limit {
        Ok(())
    } else {
        Err(SendError::PayloadTooLarge { field, size, limit })
    }
}
