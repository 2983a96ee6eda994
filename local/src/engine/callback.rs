//! The task-token API (`SendTaskSuccess`, `SendTaskFailure`, `SendTaskHeartbeat`) with
//! AWS's errors and limits, and the activity worker API.

use std::time::Duration;

use serde_json::Value;

use super::{Engine, TimerKind, TokenState};
use crate::errors::{CallbackError, LookupError};
use crate::failure::Failure;
use crate::history::{ActivityStarted, EventDetails};

const MAX_TOKEN: usize = 2048;
const MAX_OUTPUT: usize = 262_144;
const MAX_ERROR: usize = 256;
const MAX_CAUSE: usize = 32_768;

/// A unit of work handed to an activity worker.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityTask {
    /// The token to answer with.
    pub task_token: String,
    /// The task's input.
    pub input: Value,
}

fn too_long(field: &str, limit: usize) -> CallbackError {
    CallbackError::Validation {
        message: format!(
            "Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {limit}"
        ),
    }
}

impl Engine {
    fn open_task(&self, token: &str) -> Result<u64, CallbackError> {
        if token.is_empty() {
            return Err(CallbackError::Validation {
                message: "Value at 'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1".to_owned(),
            });
        }
        if token.chars().count() > MAX_TOKEN {
            return Err(too_long("taskToken", MAX_TOKEN));
        }
        match self.tokens.get(token) {
            None => Err(CallbackError::InvalidToken),
            Some(TokenState::Closed) => Err(CallbackError::TaskTimedOut),
            Some(TokenState::Open(task)) => Ok(*task),
        }
    }

    /// `SendTaskSuccess`: ends the task with `output` (JSON text). Late and duplicate calls
    /// get `TaskTimedOut`; text that is not JSON gets `InvalidOutput` and changes nothing.
    pub fn send_task_success(&mut self, token: &str, output: &str) -> Result<(), CallbackError> {
        let task = self.open_task(token)?;
        if output.len() > MAX_OUTPUT {
            return Err(too_long("output", MAX_OUTPUT));
        }
        let value: Value =
            serde_json::from_str(output).map_err(|e| CallbackError::InvalidOutput {
                reason: e.to_string(),
            })?;
        tracing::info!(task, "task success sent");
        self.end_task(task, Ok(value), false);
        Ok(())
    }

    /// `SendTaskFailure`: ends the task with an error and a cause, each optional.
    pub fn send_task_failure(
        &mut self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), CallbackError> {
        let task = self.open_task(token)?;
        if error.is_some_and(|e| e.chars().count() > MAX_ERROR) {
            return Err(too_long("error", MAX_ERROR));
        }
        if cause.is_some_and(|c| c.chars().count() > MAX_CAUSE) {
            return Err(too_long("cause", MAX_CAUSE));
        }
        tracing::info!(task, error, "task failure sent");
        let failure = Failure::optional(error.map(str::to_owned), cause.map(str::to_owned));
        self.end_task(task, Err(failure), false);
        Ok(())
    }

    /// `SendTaskHeartbeat`: restarts the task's heartbeat clock (not its total timeout).
    /// Writes no history event.
    pub fn send_task_heartbeat(&mut self, token: &str) -> Result<(), CallbackError> {
        let id = self.open_task(token)?;
        let now = self.now;
        let Some(task) = self.tasks.get_mut(&id) else {
            return Err(CallbackError::TaskTimedOut);
        };
        task.beat += 1;
        if let Some(seconds) = task.heartbeat {
            let beat = task.beat;
            self.add_timer(
                now.after(Duration::from_secs(seconds)),
                TimerKind::Heartbeat { task: id, beat },
            );
        }
        Ok(())
    }

    /// `CreateActivity`: returns the activity's ARN (activities a machine names are created
    /// with it).
    pub fn create_activity(&mut self, name: &str) -> String {
        let arn = format!(
            "arn:aws:states:{}:{}:activity:{name}",
            self.config.region, self.config.account
        );
        self.activities.entry(arn.clone()).or_default();
        arn
    }

    /// `GetActivityTask`: the oldest waiting task of the activity, if any. Its timeout and
    /// heartbeat clocks start now.
    pub fn get_activity_task(
        &mut self,
        activity_arn: &str,
        worker_name: Option<&str>,
    ) -> Result<Option<ActivityTask>, LookupError> {
        let queue = self.activities.get_mut(activity_arn).ok_or_else(|| {
            LookupError::ActivityDoesNotExist {
                arn: activity_arn.to_owned(),
            }
        })?;
        let Some(id) = queue.pop_front() else {
            return Ok(None);
        };
        let Some(task) = self.tasks.get(&id) else {
            return Ok(None);
        };
        let (strand_id, token, input) = (
            task.strand,
            task.token.clone().unwrap_or_default(),
            task.input.clone(),
        );
        if let Some(mut strand) = self.strands.get_mut(strand_id).and_then(Option::take) {
            let started = ActivityStarted {
                worker_name: worker_name.map(str::to_owned),
            };
            self.emit(&mut strand, EventDetails::ActivityStarted(started));
            self.strands[strand_id] = Some(strand);
        }
        self.arm_task_timers(id);
        Ok(Some(ActivityTask {
            task_token: token,
            input,
        }))
    }
}
