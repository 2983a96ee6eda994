//! Retriers and Catchers.

use super::{ErrorName, Nullable, Template};
use crate::path::Path;

/// How retry delays are randomised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum JitterStrategy {
    /// Exactly the computed delay.
    #[default]
    None,
    /// A delay drawn uniformly from zero to the computed delay.
    Full,
}

impl JitterStrategy {
    /// `FULL` or `NONE`.
    pub fn as_str(self) -> &'static str {
        match self {
            JitterStrategy::None => "NONE",
            JitterStrategy::Full => "FULL",
        }
    }
}

/// One entry of `Retry`.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrier {
    /// `Comment`.
    pub comment: Option<String>,
    /// `ErrorEquals`.
    pub error_equals: Vec<ErrorName>,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: Option<u64>,
    /// `MaxAttempts` (default 3; 0 means never retry).
    pub max_attempts: Option<u64>,
    /// `BackoffRate` (default 2.0).
    pub backoff_rate: Option<f64>,
    /// `MaxDelaySeconds`: a cap on the computed delay.
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy` (default `NONE`).
    pub jitter_strategy: Option<JitterStrategy>,
}

impl Retrier {
    /// A retrier for these errors with AWS's defaults.
    pub fn new(error_equals: impl IntoIterator<Item = impl Into<ErrorName>>) -> Retrier {
        Retrier {
            comment: None,
            error_equals: error_equals.into_iter().map(Into::into).collect(),
            interval_seconds: None,
            max_attempts: None,
            backoff_rate: None,
            max_delay_seconds: None,
            jitter_strategy: None,
        }
    }

    /// `IntervalSeconds`, defaulted.
    pub fn interval(&self) -> u64 {
        self.interval_seconds.unwrap_or(1)
    }

    /// `MaxAttempts`, defaulted.
    pub fn attempts(&self) -> u64 {
        self.max_attempts.unwrap_or(3)
    }

    /// `BackoffRate`, defaulted.
    pub fn backoff(&self) -> f64 {
        self.backoff_rate.unwrap_or(2.0)
    }

    /// The delay before retry `n` (1-based) before jitter:
    /// `min(IntervalSeconds * BackoffRate^(n-1), MaxDelaySeconds)`.
    pub fn delay_seconds(&self, n: u32) -> f64 {
        let exponent = i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX);
        let delay = self.interval() as f64 * self.backoff().powi(exponent);
        match self.max_delay_seconds {
            Some(cap) => delay.min(cap as f64),
            None => delay,
        }
    }
}

/// One entry of `Catch`.
#[derive(Debug, Clone, PartialEq)]
pub struct Catcher {
    /// `Comment`.
    pub comment: Option<String>,
    /// `ErrorEquals`.
    pub error_equals: Vec<ErrorName>,
    /// `Next`.
    pub next: String,
    /// JSONPath `ResultPath` for the error output (default `$`).
    pub result_path: Option<Nullable<Path>>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
}

impl Catcher {
    /// A catcher of these errors going to `next`.
    pub fn new(
        error_equals: impl IntoIterator<Item = impl Into<ErrorName>>,
        next: impl Into<String>,
    ) -> Catcher {
        Catcher {
            comment: None,
            error_equals: error_equals.into_iter().map(Into::into).collect(),
            next: next.into(),
            result_path: None,
            output: None,
            assign: None,
        }
    }
}
