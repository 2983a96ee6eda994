//! Execution history events, typed, serializing to the JSON of `GetExecutionHistory`.

mod details;

pub use details::{
    ActivityStarted, ErrorInfo, ExecutionStarted, FunctionScheduled, MapIteration, MapRunStarted,
    MapStateStarted, OutputInfo, PayloadDetails, StateEntered, StateExited, TaskError, TaskOutput,
    TaskResource, TaskScheduled,
};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::time::Instant;

/// One event of an execution's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEvent {
    /// When it happened, on the virtual clock.
    pub timestamp: Instant,
    /// 1, 2, 3, ... in order of recording.
    pub id: u64,
    /// The id of the causally preceding event (0 for none).
    pub previous_event_id: u64,
    /// The type and its `...EventDetails`.
    pub details: EventDetails,
}

/// The state types, as they prefix state event names (`TaskStateEntered`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateKind {
    /// Task.
    Task,
    /// Pass.
    Pass,
    /// Choice.
    Choice,
    /// Wait.
    Wait,
    /// Succeed.
    Succeed,
    /// Fail.
    Fail,
    /// Parallel.
    Parallel,
    /// Map.
    Map,
}

impl StateKind {
    /// `Task`, `Pass`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            StateKind::Task => "Task",
            StateKind::Pass => "Pass",
            StateKind::Choice => "Choice",
            StateKind::Wait => "Wait",
            StateKind::Succeed => "Succeed",
            StateKind::Fail => "Fail",
            StateKind::Parallel => "Parallel",
            StateKind::Map => "Map",
        }
    }
}

/// The type of an event with its details.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)] // each variant is the AWS event type of the same name
pub enum EventDetails {
    ExecutionStarted(ExecutionStarted),
    ExecutionSucceeded(OutputInfo),
    ExecutionFailed(ErrorInfo),
    ExecutionAborted(ErrorInfo),
    ExecutionTimedOut(ErrorInfo),
    /// `<Kind>StateEntered`.
    StateEntered(StateKind, StateEntered),
    /// `<Kind>StateExited`.
    StateExited(StateKind, StateExited),
    /// `<Kind>StateAborted`.
    StateAborted(StateKind),
    TaskScheduled(TaskScheduled),
    TaskStarted(TaskResource),
    TaskSubmitted(TaskOutput),
    TaskSucceeded(TaskOutput),
    TaskFailed(TaskError),
    TaskTimedOut(TaskError),
    LambdaFunctionScheduled(FunctionScheduled),
    LambdaFunctionStarted,
    LambdaFunctionSucceeded(OutputInfo),
    LambdaFunctionFailed(ErrorInfo),
    LambdaFunctionTimedOut(ErrorInfo),
    ActivityScheduled(FunctionScheduled),
    ActivityStarted(ActivityStarted),
    ActivitySucceeded(OutputInfo),
    ActivityFailed(ErrorInfo),
    ActivityTimedOut(ErrorInfo),
    ParallelStateStarted,
    ParallelStateSucceeded,
    ParallelStateFailed,
    ParallelStateAborted,
    MapStateStarted(MapStateStarted),
    MapStateSucceeded,
    MapStateFailed,
    MapStateAborted,
    MapIterationStarted(MapIteration),
    MapIterationSucceeded(MapIteration),
    MapIterationFailed(MapIteration),
    MapIterationAborted(MapIteration),
    MapRunStarted(MapRunStarted),
    MapRunSucceeded,
    MapRunFailed(ErrorInfo),
    MapRunAborted,
}

impl EventDetails {
    /// The AWS event type, `TaskStateEntered`.
    pub fn event_type(&self) -> String {
        use EventDetails as E;
        let fixed = match self {
            E::StateEntered(kind, _) => return format!("{}StateEntered", kind.as_str()),
            E::StateExited(kind, _) => return format!("{}StateExited", kind.as_str()),
            E::StateAborted(kind) => return format!("{}StateAborted", kind.as_str()),
            E::ExecutionStarted(_) => "ExecutionStarted",
            E::ExecutionSucceeded(_) => "ExecutionSucceeded",
            E::ExecutionFailed(_) => "ExecutionFailed",
            E::ExecutionAborted(_) => "ExecutionAborted",
            E::ExecutionTimedOut(_) => "ExecutionTimedOut",
            E::TaskScheduled(_) => "TaskScheduled",
            E::TaskStarted(_) => "TaskStarted",
            E::TaskSubmitted(_) => "TaskSubmitted",
            E::TaskSucceeded(_) => "TaskSucceeded",
            E::TaskFailed(_) => "TaskFailed",
            E::TaskTimedOut(_) => "TaskTimedOut",
            E::LambdaFunctionScheduled(_) => "LambdaFunctionScheduled",
            E::LambdaFunctionStarted => "LambdaFunctionStarted",
            E::LambdaFunctionSucceeded(_) => "LambdaFunctionSucceeded",
            E::LambdaFunctionFailed(_) => "LambdaFunctionFailed",
            E::LambdaFunctionTimedOut(_) => "LambdaFunctionTimedOut",
            E::ActivityScheduled(_) => "ActivityScheduled",
            E::ActivityStarted(_) => "ActivityStarted",
            E::ActivitySucceeded(_) => "ActivitySucceeded",
            E::ActivityFailed(_) => "ActivityFailed",
            E::ActivityTimedOut(_) => "ActivityTimedOut",
            E::ParallelStateStarted => "ParallelStateStarted",
            E::ParallelStateSucceeded => "ParallelStateSucceeded",
            E::ParallelStateFailed => "ParallelStateFailed",
            E::ParallelStateAborted => "ParallelStateAborted",
            E::MapStateStarted(_) => "MapStateStarted",
            E::MapStateSucceeded => "MapStateSucceeded",
            E::MapStateFailed => "MapStateFailed",
            E::MapStateAborted => "MapStateAborted",
            E::MapIterationStarted(_) => "MapIterationStarted",
            E::MapIterationSucceeded(_) => "MapIterationSucceeded",
            E::MapIterationFailed(_) => "MapIterationFailed",
            E::MapIterationAborted(_) => "MapIterationAborted",
            E::MapRunStarted(_) => "MapRunStarted",
            E::MapRunSucceeded => "MapRunSucceeded",
            E::MapRunFailed(_) => "MapRunFailed",
            E::MapRunAborted => "MapRunAborted",
        };
        fixed.to_owned()
    }

    /// Whether this event ends the execution.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            EventDetails::ExecutionSucceeded(_)
                | EventDetails::ExecutionFailed(_)
                | EventDetails::ExecutionAborted(_)
                | EventDetails::ExecutionTimedOut(_)
        )
    }

    /// The error and cause of a failure event, if this is one.
    pub fn error_info(&self) -> Option<(Option<&str>, Option<&str>)> {
        use EventDetails as E;
        match self {
            E::ExecutionFailed(e)
            | E::ExecutionAborted(e)
            | E::ExecutionTimedOut(e)
            | E::LambdaFunctionFailed(e)
            | E::LambdaFunctionTimedOut(e)
            | E::ActivityFailed(e)
            | E::ActivityTimedOut(e) => Some((e.error.as_deref(), e.cause.as_deref())),
            E::TaskFailed(e) | E::TaskTimedOut(e) => Some((e.error.as_deref(), e.cause.as_deref())),
            _ => None,
        }
    }

    fn serialize_into<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        use EventDetails as E;
        match self {
            E::ExecutionStarted(d) => map.serialize_entry("executionStartedEventDetails", d),
            E::ExecutionSucceeded(d) => map.serialize_entry("executionSucceededEventDetails", d),
            E::ExecutionFailed(d) => map.serialize_entry("executionFailedEventDetails", d),
            E::ExecutionAborted(d) => map.serialize_entry("executionAbortedEventDetails", d),
            E::ExecutionTimedOut(d) => map.serialize_entry("executionTimedOutEventDetails", d),
            E::StateEntered(_, d) => map.serialize_entry("stateEnteredEventDetails", d),
            E::StateExited(_, d) => map.serialize_entry("stateExitedEventDetails", d),
            E::TaskScheduled(d) => map.serialize_entry("taskScheduledEventDetails", d),
            E::TaskStarted(d) => map.serialize_entry("taskStartedEventDetails", d),
            E::TaskSubmitted(d) => map.serialize_entry("taskSubmittedEventDetails", d),
            E::TaskSucceeded(d) => map.serialize_entry("taskSucceededEventDetails", d),
            E::TaskFailed(d) => map.serialize_entry("taskFailedEventDetails", d),
            E::TaskTimedOut(d) => map.serialize_entry("taskTimedOutEventDetails", d),
            E::LambdaFunctionScheduled(d) => {
                map.serialize_entry("lambdaFunctionScheduledEventDetails", d)
            }
            E::LambdaFunctionSucceeded(d) => {
                map.serialize_entry("lambdaFunctionSucceededEventDetails", d)
            }
            E::LambdaFunctionFailed(d) => {
                map.serialize_entry("lambdaFunctionFailedEventDetails", d)
            }
            E::LambdaFunctionTimedOut(d) => {
                map.serialize_entry("lambdaFunctionTimedOutEventDetails", d)
            }
            E::ActivityScheduled(d) => map.serialize_entry("activityScheduledEventDetails", d),
            E::ActivityStarted(d) => map.serialize_entry("activityStartedEventDetails", d),
            E::ActivitySucceeded(d) => map.serialize_entry("activitySucceededEventDetails", d),
            E::ActivityFailed(d) => map.serialize_entry("activityFailedEventDetails", d),
            E::ActivityTimedOut(d) => map.serialize_entry("activityTimedOutEventDetails", d),
            E::MapStateStarted(d) => map.serialize_entry("mapStateStartedEventDetails", d),
            E::MapIterationStarted(d) => map.serialize_entry("mapIterationStartedEventDetails", d),
            E::MapIterationSucceeded(d) => {
                map.serialize_entry("mapIterationSucceededEventDetails", d)
            }
            E::MapIterationFailed(d) => map.serialize_entry("mapIterationFailedEventDetails", d),
            E::MapIterationAborted(d) => map.serialize_entry("mapIterationAbortedEventDetails", d),
            E::MapRunStarted(d) => map.serialize_entry("mapRunStartedEventDetails", d),
            E::MapRunFailed(d) => map.serialize_entry("mapRunFailedEventDetails", d),
            E::MapRunSucceeded
            | E::MapRunAborted
            | E::StateAborted(_)
            | E::LambdaFunctionStarted
            | E::ParallelStateStarted
            | E::ParallelStateSucceeded
            | E::ParallelStateFailed
            | E::ParallelStateAborted
            | E::MapStateSucceeded
            | E::MapStateFailed
            | E::MapStateAborted => Ok(()),
        }
    }
}

impl HistoryEvent {
    /// The AWS event type, `TaskStateEntered`.
    pub fn event_type(&self) -> String {
        self.details.event_type()
    }
}

impl Serialize for HistoryEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("timestamp", &self.timestamp.epoch_seconds())?;
        map.serialize_entry("type", &self.event_type())?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("previousEventId", &self.previous_event_id)?;
        self.details.serialize_into(&mut map)?;
        map.end()
    }
}
