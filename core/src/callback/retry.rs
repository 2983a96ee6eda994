//! `RetryPolicy`: bounded exponential backoff, with jitter, for throttled or transient calls.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How a delay is spread, so that many throttled callers do not retry in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jitter {
    /// The computed delay, as is.
    None,
    /// A delay drawn uniformly from zero to the computed delay ("full jitter").
    Full,
}

/// When a client tries a throttled or transient call again. The delay before retry `n`
/// (`n >= 1`) is `min(initial_delay * backoff_rate^(n-1), max_delay)`, then jittered.
/// The transport does the sleeping, so the client needs no runtime of its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; `1` never retries. `0` counts as `1`.
    pub max_attempts: u32,
    /// The delay before the first retry.
    pub initial_delay: Duration,
    /// The factor each further delay grows by; values below `1.0` count as `1.0`.
    pub backoff_rate: f64,
    /// The longest delay.
    pub max_delay: Duration,
    /// How each delay is spread.
    pub jitter: Jitter,
}

impl Default for RetryPolicy {
    /// Five attempts, 100 ms doubling up to 5 s, full jitter: at most about 1.5 s of
    /// sleeping, which keeps a webhook well inside its caller's timeout.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_delay: Duration::from_millis(100),
            backoff_rate: 2.0,
            max_delay: Duration::from_secs(5),
            jitter: Jitter::Full,
        }
    }
}

impl RetryPolicy {
    /// A policy that makes one attempt and never retries.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The delay before retry `retry` (the first retry is `1`), before jitter.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(63) as i32;
        let factor = self.backoff_rate.max(1.0).powi(exponent);
        let secs = self.initial_delay.as_secs_f64() * factor;
        let max = self.max_delay.as_secs_f64();
        if secs.is_finite() && secs < max {
            Duration::from_secs_f64(secs)
        } else {
            self.max_delay
        }
    }

    /// The delay to sleep before retry `retry`, jitter applied.
    pub fn delay(&self, retry: u32) -> Duration {
        let ceiling = self.backoff(retry);
        match self.jitter {
            Jitter::None => ceiling,
            Jitter::Full => ceiling.mul_f64(random_fraction()),
        }
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts.max(1)
    }
}

/// A number in `[0, 1)`. The standard library's randomly keyed hasher is random enough to
/// spread retries and saves core a dependency on a random number crate.
fn random_fraction() -> f64 {
    static DRAW: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(DRAW.fetch_add(1, Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}
