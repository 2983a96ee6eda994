//! `TaskToken<T>`: a task token that knows which task it belongs to.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CallbackTask;

/// The longest token AWS accepts (the API reference; older documents said 1,024).
pub const MAX_TOKEN_LEN: usize = 2048;

/// Why a string is not a task token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token is empty.
    #[error("task token is empty")]
    Empty,
    /// The token is longer than AWS allows.
    #[error("task token is {len} characters long; AWS allows at most 2048")]
    TooLong {
        /// Its length in characters.
        len: usize,
    },
    /// The token has a character no Step Functions token has (white space, control).
    #[error("task token has a character that no task token has ({found:?} at {offset})")]
    BadCharacter {
        /// The character.
        found: char,
        /// Its byte offset.
        offset: usize,
    },
}

/// The task token of callback task `T`, as found in `T`'s payload (`$$.Task.Token`).
///
/// Serialized as a plain string. Deserializing checks its length and form, so a webhook
/// that reads a malformed token gets a clear error instead of a failed call to AWS. `Debug`
/// and `Display` show only the token's ends: tokens are credentials.
pub struct TaskToken<T: CallbackTask> {
    token: String,
    task: PhantomData<fn() -> T>,
}

impl<T: CallbackTask> TaskToken<T> {
    /// Checks `token` and ties it to task `T`.
    pub fn new(token: impl Into<String>) -> Result<Self, TokenError> {
        let token = token.into();
        check(&token)?;
        Ok(TaskToken {
            token,
            task: PhantomData,
        })
    }

    /// The whole token, to send to Step Functions.
    pub fn expose(&self) -> &str {
        &self.token
    }

    /// The name of the task this token belongs to.
    pub fn state_name(&self) -> &'static str {
        T::STATE_NAME
    }
}

fn check(token: &str) -> Result<(), TokenError> {
    if token.is_empty() {
        return Err(TokenError::Empty);
    }
    let len = token.chars().count();
    if len > MAX_TOKEN_LEN {
        return Err(TokenError::TooLong { len });
    }
    match token
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || c.is_control())
    {
        Some((offset, found)) => Err(TokenError::BadCharacter { found, offset }),
        None => Ok(()),
    }
}

impl<T: CallbackTask> Clone for TaskToken<T> {
    fn clone(&self) -> Self {
        TaskToken {
            token: self.token.clone(),
            task: PhantomData,
        }
    }
}

impl<T: CallbackTask> PartialEq for TaskToken<T> {
    fn eq(&self, other: &Self) -> bool {
        self.token == other.token
    }
}

impl<T: CallbackTask> Eq for TaskToken<T> {}

impl<T: CallbackTask> std::hash::Hash for TaskToken<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.token.hash(state);
    }
}

impl<T: CallbackTask> fmt::Display for TaskToken<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chars: Vec<char> = self.token.chars().collect();
        if chars.len() <= 12 {
            write!(f, "{}…", chars.iter().take(4).collect::<String>())
        } else {
            let head: String = chars[..6].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            write!(f, "{head}…{tail}")
        }
    }
}

impl<T: CallbackTask> fmt::Debug for TaskToken<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TaskToken<{}>({self})", T::STATE_NAME)
    }
}

impl<T: CallbackTask> Serialize for TaskToken<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.token)
    }
}

impl<'de, T: CallbackTask> Deserialize<'de> for TaskToken<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let token = String::deserialize(deserializer)?;
        TaskToken::new(token).map_err(serde::de::Error::custom)
    }
}

impl<T: CallbackTask> std::str::FromStr for TaskToken<T> {
    type Err = TokenError;

    fn from_str(token: &str) -> Result<Self, TokenError> {
        TaskToken::new(token)
    }
}
