//! Error names: the predefined `States.*` errors as a closed enum, and custom names.

use std::fmt;

macro_rules! predefined {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// The errors Step Functions itself raises or matches, `States.*`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum PredefinedError {
            $($(#[doc = $doc])* $variant,)*
        }

        impl PredefinedError {
            /// Every predefined error.
            pub const ALL: &'static [PredefinedError] = &[$(PredefinedError::$variant,)*];

            /// The full name, `States.Timeout`.
            pub fn name(self) -> &'static str {
                match self {
                    $(PredefinedError::$variant => $name,)*
                }
            }

            /// The predefined error with this full name.
            pub fn from_name(name: &str) -> Option<PredefinedError> {
                match name {
                    $($name => Some(PredefinedError::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

predefined! {
    /// `States.ALL`: matches any error except `States.DataLimitExceeded` and `States.Runtime`.
    All => "States.ALL",
    /// `States.Timeout`: a task or the execution ran past its timeout, or missed a heartbeat.
    Timeout => "States.Timeout",
    /// `States.HeartbeatTimeout`: a task missed its heartbeat (a matcher only).
    HeartbeatTimeout => "States.HeartbeatTimeout",
    /// `States.TaskFailed`: a task failed.
    TaskFailed => "States.TaskFailed",
    /// `States.Permissions`: the role may not run the task.
    Permissions => "States.Permissions",
    /// `States.ResultPathMatchFailure`: `ResultPath` cannot be applied to the input.
    ResultPathMatchFailure => "States.ResultPathMatchFailure",
    /// `States.ParameterPathFailure`: a `.$` field's path selects nothing.
    ParameterPathFailure => "States.ParameterPathFailure",
    /// `States.QueryEvaluationError`: a JSONata expression failed.
    QueryEvaluationError => "States.QueryEvaluationError",
    /// `States.BranchFailed`: a Parallel branch failed.
    BranchFailed => "States.BranchFailed",
    /// `States.NoChoiceMatched`: no Choice rule matched and there is no `Default`.
    NoChoiceMatched => "States.NoChoiceMatched",
    /// `States.IntrinsicFailure`: an intrinsic function failed.
    IntrinsicFailure => "States.IntrinsicFailure",
    /// `States.ExceedToleratedFailureThreshold`: a Map's failures passed its threshold.
    ExceedToleratedFailureThreshold => "States.ExceedToleratedFailureThreshold",
    /// `States.ItemReaderFailed`: a distributed Map could not read its items.
    ItemReaderFailed => "States.ItemReaderFailed",
    /// `States.ResultWriterFailed`: a distributed Map could not write its results.
    ResultWriterFailed => "States.ResultWriterFailed",
    /// `States.DataLimitExceeded`: a payload over 256 KiB; not matched by `States.ALL`.
    DataLimitExceeded => "States.DataLimitExceeded",
    /// `States.Runtime`: a runtime error such as a bad path; not matched by `States.ALL`.
    Runtime => "States.Runtime",
    /// `States.Http.Socket`: an HTTP task's socket timed out.
    HttpSocket => "States.Http.Socket",
}

/// An error name in `ErrorEquals`, or raised by a state or a callback.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorName {
    /// One of the `States.*` errors.
    Predefined(PredefinedError),
    /// Any other name (`ValuationFailed`, `Lambda.ServiceException`).
    Custom(String),
}

impl ErrorName {
    /// The name as ASL writes it.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorName::Predefined(error) => error.name(),
            ErrorName::Custom(name) => name,
        }
    }

    /// Whether this is `States.ALL`.
    pub fn is_all(&self) -> bool {
        *self == ErrorName::Predefined(PredefinedError::All)
    }

    /// Whether the name claims the reserved `States.` prefix without being an error AWS
    /// raises. Besides the predefined names, HTTP tasks raise `States.Http.StatusCode.<code>`
    /// for every failing status (developer guide, "Call HTTPS APIs").
    pub fn is_reserved_misuse(&self) -> bool {
        let ErrorName::Custom(name) = self else {
            return false;
        };
        let Some(rest) = name.strip_prefix("States.") else {
            return false;
        };
        let status = rest.strip_prefix("Http.StatusCode.");
        !status.is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl From<&str> for ErrorName {
    fn from(name: &str) -> Self {
        match PredefinedError::from_name(name) {
            Some(error) => ErrorName::Predefined(error),
            None => ErrorName::Custom(name.to_owned()),
        }
    }
}

impl From<PredefinedError> for ErrorName {
    fn from(error: PredefinedError) -> Self {
        ErrorName::Predefined(error)
    }
}

impl fmt::Display for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for PredefinedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
