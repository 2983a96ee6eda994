//! Task states: resolving parameters and timeouts, the scheduled/started events, calling the
//! integration, and ending the task (result, failure, timeout) however it ends.

use std::time::Duration;

use serde_json::Value;
use stepfn_core::model::{IntSource, IntegrationPattern, ResourceKind, State, TaskState};

use super::strand::Outcome;
use super::{Engine, Phase, Resume, Strand, TimerKind, TokenState, pipeline};
use crate::failure::{Failure, FailureKind};
use crate::history::{
    ErrorInfo, EventDetails, FunctionScheduled, OutputInfo, TaskError, TaskOutput, TaskResource,
    TaskScheduled,
};
use crate::jsonpath::Data;
use crate::payload::compact;

/// Which family of history events a task writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventStyle {
    /// `TaskScheduled`, `TaskStarted`, `TaskSucceeded`, ...
    Service,
    /// `LambdaFunctionScheduled`, ... for a function ARN as the resource.
    Lambda,
    /// `ActivityScheduled`, ... for an activity ARN.
    Activity,
}

/// A task that has started and not ended.
#[derive(Debug)]
pub(crate) struct PendingTask {
    pub(crate) exec: usize,
    pub(crate) strand: usize,
    pub(crate) generation: u64,
    pub(crate) token: Option<String>,
    pub(crate) resource_type: String,
    pub(crate) resource: String,
    pub(crate) style: EventStyle,
    pub(crate) timeout: Option<u64>,
    pub(crate) heartbeat: Option<u64>,
    /// Bumped by each heartbeat; a heartbeat timer for an older beat does nothing.
    pub(crate) beat: u64,
    pub(crate) delayed: Option<Result<Value, Failure>>,
    pub(crate) input: Value,
    pub(crate) sync: Option<IntegrationPattern>,
}

impl Engine {
    /// Starts (or, on a retry, restarts) the Task state of `strand`.
    pub(crate) fn start_task(&mut self, strand: &mut Strand, state: &State) -> Outcome {
        let State::Task(task) = state else {
            return Outcome::Blocked;
        };
        let effective = strand.visit.effective.clone();
        let needs_token = task.resource.is_callback()
            || matches!(task.resource.kind(), ResourceKind::Activity { .. });
        let token = needs_token.then(|| self.rng.task_token());
        let context = self.context_of(strand, token.as_deref());
        let vars = self.vars_of(strand);
        let site = self.site(strand);
        let parameters = match pipeline::template(
            task.parameters.as_ref(),
            &effective,
            &context,
            &vars,
            &mut self.rng,
            site,
        ) {
            Ok(parameters) => parameters,
            Err(failure) => return self.fail_state(strand, state, failure),
        };
        let data = Data {
            input: &effective,
            context: &context,
            vars: &vars,
        };
        let timeout = match self.seconds(&task.timeout, data, strand) {
            Ok(seconds) => seconds,
            Err(failure) => return Outcome::Fail(failure),
        };
        let heartbeat = match self.seconds(&task.heartbeat, data, strand) {
            Ok(seconds) => seconds,
            Err(failure) => return Outcome::Fail(failure),
        };
        let (resource_type, resource, style) = describe_resource(task);
        let id = self.next_task;
        self.next_task += 1;
        let pending = PendingTask {
            exec: strand.exec,
            strand: strand.id,
            generation: strand.generation,
            token: token.clone(),
            resource_type,
            resource,
            style,
            timeout,
            heartbeat,
            beat: 0,
            delayed: None,
            input: parameters.clone(),
            sync: None,
        };
        self.emit_scheduled(strand, &pending, &parameters);
        if let Some(token) = &token {
            self.tokens.insert(token.clone(), TokenState::Open(id));
        }
        self.tasks.insert(id, pending);
        strand.visit.task = Some(id);
        if style == EventStyle::Activity {
            return self.invoke(strand, task, id, parameters);
        }
        // The task starts in a step of its own, as on AWS: when several branches or
        // iterations schedule tasks at once, every `TaskScheduled` comes before the first
        // `TaskStarted` (recorded for a Map of Lambda tasks).
        strand.phase = Phase::Resume(Resume::TaskStart(id));
        self.run_queue.push_back(strand.id);
        Outcome::Blocked
    }

    /// The second step of a task: `TaskStarted` (`LambdaFunctionStarted`), its clocks, and
    /// the call to the integration.
    pub(crate) fn begin_task(&mut self, strand: &mut Strand, state: &State, id: u64) -> Outcome {
        let (State::Task(task), Some(pending)) = (state, self.tasks.get(&id)) else {
            return Outcome::Blocked;
        };
        let started = match pending.style {
            EventStyle::Lambda => EventDetails::LambdaFunctionStarted,
            _ => EventDetails::TaskStarted(resource_of(pending)),
        };
        let parameters = pending.input.clone();
        self.emit(strand, started);
        self.arm_task_timers(id);
        self.invoke(strand, task, id, parameters)
    }

    /// `TimeoutSeconds`/`HeartbeatSeconds` or their `...Path` forms.
    fn seconds(
        &self,
        source: &Option<IntSource>,
        data: Data<'_>,
        strand: &Strand,
    ) -> Result<Option<u64>, Failure> {
        let site = self.site(strand);
        match source {
            None => Ok(None),
            Some(IntSource::Value(n)) => Ok(Some(*n)),
            Some(IntSource::Path(path)) => {
                let value = pipeline::select(path, data, site)?;
                match value.as_u64().filter(|n| *n > 0) {
                    Some(n) => Ok(Some(n)),
                    None => Err(site.runtime(&format!(
                        "The value of the path '{}' must be a positive integer, found {}",
                        crate::jsonpath::display(path),
                        compact(&value)
                    ))),
                }
            }
            Some(IntSource::Expr(_)) => {
                Err(site.runtime("JSONata is not supported yet by stepfn-local; use JSONPath"))
            }
        }
    }

    fn emit_scheduled(&mut self, strand: &mut Strand, task: &PendingTask, parameters: &Value) {
        match task.style {
            EventStyle::Service => {
                let scheduled = TaskScheduled {
                    resource_type: task.resource_type.clone(),
                    resource: task.resource.clone(),
                    region: self.config.region.clone(),
                    parameters: compact(parameters),
                    timeout_in_seconds: task.timeout,
                    heartbeat_in_seconds: task.heartbeat,
                };
                self.emit(strand, EventDetails::TaskScheduled(scheduled));
            }
            EventStyle::Lambda => {
                let scheduled = FunctionScheduled {
                    resource: task.resource.clone(),
                    input: compact(parameters),
                    input_details: Default::default(),
                    timeout_in_seconds: task.timeout,
                    heartbeat_in_seconds: None,
                };
                self.emit(strand, EventDetails::LambdaFunctionScheduled(scheduled));
            }
            EventStyle::Activity => {
                let scheduled = FunctionScheduled {
                    resource: task.resource.clone(),
                    input: compact(parameters),
                    input_details: Default::default(),
                    timeout_in_seconds: task.timeout,
                    heartbeat_in_seconds: task.heartbeat,
                };
                self.emit(strand, EventDetails::ActivityScheduled(scheduled));
            }
        }
    }

    /// Starts the timeout and heartbeat clocks of a task.
    pub(crate) fn arm_task_timers(&mut self, id: u64) {
        let Some(task) = self.tasks.get(&id) else {
            return;
        };
        let (timeout, heartbeat) = (task.timeout, task.heartbeat);
        if let Some(seconds) = timeout {
            let at = self.now.after(Duration::from_secs(seconds));
            self.add_timer(at, TimerKind::TaskTimeout { task: id });
        }
        if let Some(seconds) = heartbeat {
            let at = self.now.after(Duration::from_secs(seconds));
            self.add_timer(at, TimerKind::Heartbeat { task: id, beat: 0 });
        }
    }

    /// Ends a task that finished while its strand is running (a synchronous handler).
    pub(crate) fn end_task_inline(
        &mut self,
        strand: &mut Strand,
        id: u64,
        outcome: Result<Value, Failure>,
    ) -> Outcome {
        let Some(task) = self.close_task(id) else {
            return Outcome::Blocked;
        };
        let outcome = limit_result(&task, outcome);
        self.emit_outcome(strand, &task, &outcome, false);
        let states = strand.states.clone();
        let state = &states[&strand.state];
        match outcome {
            Ok(result) => self.complete(strand, state, result, None),
            Err(failure) => self.fail_state(strand, state, failure),
        }
    }

    /// Ends a task while its strand is blocked: records the outcome and wakes the strand.
    pub(crate) fn end_task(&mut self, id: u64, outcome: Result<Value, Failure>, timed_out: bool) {
        let Some(task) = self.close_task(id) else {
            return;
        };
        let Some(mut strand) = self.strands.get_mut(task.strand).and_then(Option::take) else {
            return;
        };
        if strand.generation != task.generation {
            self.strands[task.strand] = Some(strand);
            return;
        }
        let outcome = limit_result(&task, outcome);
        self.emit_outcome(&mut strand, &task, &outcome, timed_out);
        strand.phase = Phase::Resume(Resume::TaskDone(outcome));
        self.strands[task.strand] = Some(strand);
        self.run_queue.push_back(task.strand);
    }

    /// Forgets a task and closes its token: later callbacks get `TaskTimedOut`.
    pub(crate) fn close_task(&mut self, id: u64) -> Option<PendingTask> {
        let task = self.tasks.remove(&id)?;
        if let Some(token) = &task.token {
            self.tokens.insert(token.clone(), TokenState::Closed);
        }
        if task.style == EventStyle::Activity
            && let Some(queue) = self.activities.get_mut(&task.resource)
        {
            queue.retain(|queued| *queued != id);
        }
        Some(task)
    }

    pub(crate) fn task_timed_out(&mut self, id: u64, heartbeat: bool) {
        let kind = if heartbeat {
            FailureKind::HeartbeatTimeout
        } else {
            FailureKind::Timeout
        };
        if self.tasks.contains_key(&id) {
            tracing::info!(task = id, heartbeat, "task timed out");
            self.end_task(id, Err(Failure::timeout(kind)), true);
        }
    }

    pub(crate) fn deliver_delayed_result(&mut self, id: u64) {
        let outcome = self.tasks.get_mut(&id).and_then(|t| t.delayed.take());
        if let Some(outcome) = outcome {
            self.end_task(id, outcome, false);
        }
    }

    fn emit_outcome(
        &mut self,
        strand: &mut Strand,
        task: &PendingTask,
        outcome: &Result<Value, Failure>,
        timed_out: bool,
    ) {
        let details = match (task.style, outcome) {
            (EventStyle::Service, Ok(value)) => EventDetails::TaskSucceeded(TaskOutput {
                resource_type: task.resource_type.clone(),
                resource: task.resource.clone(),
                output: compact(value),
                output_details: Default::default(),
            }),
            (EventStyle::Service, Err(failure)) => {
                let error = TaskError {
                    resource_type: task.resource_type.clone(),
                    resource: task.resource.clone(),
                    error: failure.error.clone(),
                    cause: failure.cause.clone(),
                };
                if timed_out {
                    EventDetails::TaskTimedOut(error)
                } else {
                    EventDetails::TaskFailed(error)
                }
            }
            (style, Ok(value)) => {
                let info = OutputInfo {
                    output: compact(value),
                    output_details: Default::default(),
                };
                if style == EventStyle::Lambda {
                    EventDetails::LambdaFunctionSucceeded(info)
                } else {
                    EventDetails::ActivitySucceeded(info)
                }
            }
            (style, Err(failure)) => {
                let info = ErrorInfo {
                    error: failure.error.clone(),
                    cause: failure.cause.clone(),
                };
                match (style, timed_out) {
                    (EventStyle::Lambda, true) => EventDetails::LambdaFunctionTimedOut(info),
                    (EventStyle::Lambda, false) => EventDetails::LambdaFunctionFailed(info),
                    (_, true) => EventDetails::ActivityTimedOut(info),
                    (_, false) => EventDetails::ActivityFailed(info),
                }
            }
        };
        self.emit(strand, details);
    }
}

/// A task result over 256 KiB fails the task itself with `States.DataLimitExceeded`, which,
/// unlike the same error on a state's output, Retry and Catch (even `States.ALL`) see. The
/// cause names the integration (`lambda`) or, for a function or activity ARN, the ARN.
fn limit_result(task: &PendingTask, outcome: Result<Value, Failure>) -> Result<Value, Failure> {
    let Ok(result) = outcome else {
        return outcome;
    };
    let name = match task.style {
        EventStyle::Service => &task.resource_type,
        EventStyle::Lambda | EventStyle::Activity => &task.resource,
    };
    pipeline::check_size(&result, name).map_err(|failure| Failure {
        kind: FailureKind::TaskResultTooLarge,
        ..failure
    })?;
    Ok(result)
}

pub(crate) fn resource_of(task: &PendingTask) -> TaskResource {
    TaskResource {
        resource_type: task.resource_type.clone(),
        resource: task.resource.clone(),
    }
}

/// `resourceType`, `resource` and the event family of a task's resource.
fn describe_resource(task: &TaskState) -> (String, String, EventStyle) {
    let text = task.resource.as_str().to_owned();
    match task.resource.kind() {
        ResourceKind::Service {
            service,
            action,
            pattern,
        } => (
            service.clone(),
            format!("{action}{}", pattern.suffix()),
            EventStyle::Service,
        ),
        ResourceKind::Sdk {
            service,
            action,
            pattern,
        } => (
            format!("aws-sdk:{service}"),
            format!("{action}{}", pattern.suffix()),
            EventStyle::Service,
        ),
        ResourceKind::LambdaFunction { .. } => ("lambda".to_owned(), text, EventStyle::Lambda),
        ResourceKind::Activity { .. } => ("activity".to_owned(), text, EventStyle::Activity),
        _ => (String::new(), text, EventStyle::Service),
    }
}
