//! The discrete-event loop: the timer queue ordered by (virtual time, sequence), the run
//! queue of strands, and the clock controls (`run_until_idle`, `advance`, ...).

use std::cmp::Ordering;
use std::fmt;
use std::time::Duration;

use super::strand::Outcome;
use super::{Engine, ExecutionDescription, Phase, Resume};
use crate::errors::{LookupError, RunError};
use crate::integrations::Action;
use crate::time::Instant;

/// Something due at a virtual time.
pub(crate) struct Timer {
    pub(crate) at: Instant,
    pub(crate) seq: u64,
    pub(crate) kind: TimerKind,
}

/// What a timer does when it fires.
pub(crate) enum TimerKind {
    Resume {
        strand: usize,
        generation: u64,
        resume: Resume,
    },
    TaskTimeout {
        task: u64,
    },
    Heartbeat {
        task: u64,
        beat: u64,
    },
    TaskResult {
        task: u64,
    },
    ExecutionTimeout {
        exec: usize,
    },
    Action(Action),
}

impl fmt::Debug for TimerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimerKind::Resume { strand, .. } => write!(f, "Resume({strand})"),
            TimerKind::TaskTimeout { task } => write!(f, "TaskTimeout({task})"),
            TimerKind::Heartbeat { task, .. } => write!(f, "Heartbeat({task})"),
            TimerKind::TaskResult { task } => write!(f, "TaskResult({task})"),
            TimerKind::ExecutionTimeout { exec } => write!(f, "ExecutionTimeout({exec})"),
            TimerKind::Action(_) => f.write_str("Action"),
        }
    }
}

impl fmt::Debug for Timer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timer({}, #{}, {:?})", self.at, self.seq, self.kind)
    }
}

// The heap is a max-heap: the earliest (time, sequence) must compare greatest.
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl Eq for Timer {}

impl Engine {
    pub(crate) fn add_timer(&mut self, at: Instant, kind: TimerKind) {
        self.timer_seq += 1;
        self.timers.push(Timer {
            at,
            seq: self.timer_seq,
            kind,
        });
    }

    /// Runs `action` on the engine `delay` after now (virtual time).
    pub fn schedule(&mut self, delay: Duration, action: impl FnOnce(&mut Engine) + Send + 'static) {
        let at = self.now.after(delay);
        self.add_timer(at, TimerKind::Action(Box::new(action)));
    }

    /// Runs every strand that can run at the current virtual time, including timers due
    /// now, until nothing can.
    pub fn run_until_idle(&mut self) {
        loop {
            while let Some(id) = self.run_queue.pop_front() {
                self.steps += 1;
                self.step(id);
            }
            match self.timers.peek() {
                Some(timer) if timer.at <= self.now => {
                    if let Some(timer) = self.timers.pop() {
                        self.fire(timer.kind);
                    }
                }
                _ => break,
            }
        }
    }

    /// Moves the clock forward by `duration`, firing every timer on the way in order and
    /// running to idle after each.
    pub fn advance(&mut self, duration: Duration) {
        let target = self.now.after(duration);
        self.run_until_idle();
        while self.timers.peek().is_some_and(|t| t.at <= target) {
            if let Some(timer) = self.timers.pop() {
                self.now = self.now.max(timer.at);
                self.fire(timer.kind);
                self.run_until_idle();
            }
        }
        self.now = target;
        self.run_until_idle();
    }

    /// Moves the clock to the next timer, fires it and runs to idle. Returns the new time,
    /// or `None` when no timer is pending.
    pub fn advance_to_next_timer(&mut self) -> Option<Instant> {
        self.run_until_idle();
        let timer = self.timers.pop()?;
        self.now = self.now.max(timer.at);
        self.fire(timer.kind);
        self.run_until_idle();
        Some(self.now)
    }

    /// Runs until the execution ends, advancing the clock as needed. Fails when it waits for
    /// something only the caller can send, or when the step budget runs out.
    pub fn run_to_completion(
        &mut self,
        execution_arn: &str,
    ) -> Result<ExecutionDescription, RunError> {
        let index = self.execution_position(execution_arn)?;
        let budget_end = self.steps.saturating_add(self.config.max_steps);
        loop {
            self.run_until_idle();
            if !self.executions[index].is_running() {
                return Ok(self.executions[index].describe());
            }
            if self.steps >= budget_end {
                return Err(RunError::StepLimit {
                    arn: execution_arn.to_owned(),
                    steps: self.config.max_steps,
                });
            }
            if self.advance_to_next_timer().is_none() {
                return Err(RunError::Stuck {
                    arn: execution_arn.to_owned(),
                });
            }
        }
    }

    pub(crate) fn execution_position(&self, arn: &str) -> Result<usize, LookupError> {
        self.execution_index
            .get(arn)
            .copied()
            .ok_or_else(|| LookupError::ExecutionDoesNotExist {
                arn: arn.to_owned(),
            })
    }

    fn fire(&mut self, kind: TimerKind) {
        match kind {
            TimerKind::Resume {
                strand,
                generation,
                resume,
            } => {
                let live = self.strands.get_mut(strand).and_then(Option::as_mut);
                if let Some(s) = live.filter(|s| s.generation == generation) {
                    s.phase = Phase::Resume(resume);
                    self.run_queue.push_back(strand);
                }
            }
            TimerKind::TaskTimeout { task } => self.task_timed_out(task, false),
            TimerKind::Heartbeat { task, beat } => {
                if self.tasks.get(&task).is_some_and(|t| t.beat == beat) {
                    self.task_timed_out(task, true);
                }
            }
            TimerKind::TaskResult { task } => self.deliver_delayed_result(task),
            TimerKind::ExecutionTimeout { exec } => self.execution_timed_out(exec),
            TimerKind::Action(action) => action(self),
        }
    }

    /// Runs one step of a strand.
    fn step(&mut self, id: usize) {
        let Some(mut strand) = self.strands.get_mut(id).and_then(Option::take) else {
            return;
        };
        let exec = strand.exec;
        if !self.executions[exec].is_running() {
            return;
        }
        let arn = &self.executions[exec].arn;
        let execution_span = tracing::info_span!("execution", execution = %arn);
        let _in_execution = execution_span.enter();
        let state_span = tracing::info_span!("state", execution = %arn, state = %strand.state);
        let _in_state = state_span.enter();
        let phase = std::mem::replace(&mut strand.phase, Phase::Blocked);
        let outcome = match phase {
            Phase::Enter => self.enter(&mut strand),
            Phase::Resume(resume) => self.resume(&mut strand, resume),
            Phase::Blocked => Outcome::Blocked,
        };
        match outcome {
            Outcome::Blocked => self.strands[id] = Some(strand),
            Outcome::Next => {
                strand.phase = Phase::Enter;
                self.strands[id] = Some(strand);
                self.run_queue.push_back(id);
            }
            Outcome::End(output) => self.strand_succeeded(strand, output),
            Outcome::Fail(failure) => self.strand_failed(strand, failure),
        }
        if self.executions[exec].over_limit && self.executions[exec].is_running() {
            self.history_limit_reached(exec);
        }
    }
}
