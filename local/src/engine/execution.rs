//! One execution: its record, its history, its variable scopes and its context object.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value, json};
use stepfn_core::model::StateMachine;

use crate::history::{EventDetails, HistoryEvent};
use crate::time::Instant;

/// The most events an execution's history may hold (Standard workflows).
pub(crate) const EVENT_LIMIT: usize = 25_000;

/// The status of an execution, as `DescribeExecution` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExecutionStatus {
    /// Still going.
    Running,
    /// Ended with an output.
    Succeeded,
    /// Ended with an error.
    Failed,
    /// Ran past the machine's `TimeoutSeconds`.
    TimedOut,
    /// Stopped from outside.
    Aborted,
}

/// What `DescribeExecution` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionDescription {
    /// The execution ARN.
    pub execution_arn: String,
    /// The machine's ARN.
    pub state_machine_arn: String,
    /// The execution's name.
    pub name: String,
    /// Where it stands.
    pub status: ExecutionStatus,
    /// When it started.
    pub start_date: Instant,
    /// When it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_date: Option<Instant>,
    /// The input.
    pub input: Value,
    /// The output, once succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Value>,
    /// The error, once failed or aborted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The cause, once failed or aborted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Always 0: executions are not redriven locally.
    pub redrive_count: u32,
}

/// What a Map Run child execution is made from.
#[derive(Debug)]
pub(crate) struct MapRunChild {
    /// The parent execution.
    pub(crate) parent: usize,
    pub(crate) map_run_arn: String,
    /// `<parent machine>/<label>`.
    pub(crate) machine_name: String,
    pub(crate) machine_arn: String,
    pub(crate) express: bool,
}

/// A set of variables, child of the scope of the enclosing Parallel or Map.
#[derive(Debug, Clone, Default)]
pub(crate) struct VarScope {
    pub(crate) parent: Option<usize>,
    pub(crate) vars: Map<String, Value>,
}

/// The engine's record of an execution.
#[derive(Debug)]
pub(crate) struct Execution {
    pub(crate) arn: String,
    pub(crate) name: String,
    pub(crate) machine_arn: String,
    pub(crate) machine_name: String,
    pub(crate) machine: Arc<StateMachine>,
    pub(crate) role_arn: String,
    pub(crate) input: Value,
    pub(crate) status: ExecutionStatus,
    pub(crate) output: Option<Value>,
    pub(crate) error: Option<String>,
    pub(crate) cause: Option<String>,
    pub(crate) start: Instant,
    pub(crate) stop: Option<Instant>,
    pub(crate) events: Vec<HistoryEvent>,
    pub(crate) over_limit: bool,
    pub(crate) scopes: Vec<VarScope>,
    /// The `.sync` task of a parent execution waiting for this one.
    pub(crate) parent_task: Option<u64>,
    /// For a child execution of a Distributed Map's Map Run: the parent execution and the
    /// Map Run's ARN.
    pub(crate) map_run: Option<(usize, String)>,
    /// The Map Run child executions this execution started.
    pub(crate) map_run_children: Vec<usize>,
}

impl Execution {
    pub(crate) fn is_running(&self) -> bool {
        self.status == ExecutionStatus::Running
    }

    /// Records an event and returns its id. The timestamp is the virtual clock's.
    // DIVERGENCE: running states costs no virtual time, so every event of one step, and of
    // a whole machine without Wait, retry or callback, has the same timestamp. Past the event limit only terminal events are
    /// recorded; the scheduler then fails the execution.
    pub(crate) fn push(&mut self, now: Instant, previous: u64, details: EventDetails) -> u64 {
        if self.events.len() >= EVENT_LIMIT - 1 && !details.is_terminal() {
            self.over_limit = true;
            return self.events.len() as u64;
        }
        let id = self.events.len() as u64 + 1;
        self.events.push(HistoryEvent {
            timestamp: now,
            id,
            previous_event_id: previous,
            details,
        });
        id
    }

    pub(crate) fn describe(&self) -> ExecutionDescription {
        ExecutionDescription {
            execution_arn: self.arn.clone(),
            state_machine_arn: self.machine_arn.clone(),
            name: self.name.clone(),
            status: self.status,
            start_date: self.start,
            stop_date: self.stop,
            input: self.input.clone(),
            output: self.output.clone(),
            error: self.error.clone(),
            cause: self.cause.clone(),
            redrive_count: 0,
        }
    }

    /// Every variable visible from `scope`, inner names shadowing outer ones.
    pub(crate) fn visible_vars(&self, scope: usize) -> Map<String, Value> {
        let mut chain = vec![scope];
        while let Some(parent) = self.scopes[*chain.last().unwrap_or(&0)].parent {
            chain.push(parent);
        }
        let mut out = Map::new();
        for index in chain.into_iter().rev() {
            for (name, value) in &self.scopes[index].vars {
                out.insert(name.clone(), value.clone());
            }
        }
        out
    }

    /// Assigns `values` in `scope`: a name already defined in an enclosing scope is updated
    /// there, a new name is created in `scope`.
    pub(crate) fn assign(&mut self, scope: usize, values: Map<String, Value>) {
        for (name, value) in values {
            let mut target = Some(scope);
            let mut owner = scope;
            while let Some(index) = target {
                if self.scopes[index].vars.contains_key(&name) {
                    owner = index;
                    break;
                }
                target = self.scopes[index].parent;
            }
            self.scopes[owner].vars.insert(name, value);
        }
    }

    pub(crate) fn new_scope(&mut self, parent: Option<usize>) -> usize {
        self.scopes.push(VarScope {
            parent,
            vars: Map::new(),
        });
        self.scopes.len() - 1
    }

    /// The context object `$$` of a state, as AWS fills it.
    pub(crate) fn context(&self, state: &StateContext<'_>) -> Value {
        let mut state_object = json!({
            "EnteredTime": state.entered.to_iso(),
            "Name": state.name,
        });
        if let Some(count) = state.retry_count {
            state_object["RetryCount"] = json!(count);
        }
        let mut context = json!({
            "Execution": {
                "Id": self.arn,
                "Input": self.input,
                "Name": self.name,
                "RoleArn": self.role_arn,
                "StartTime": self.start.to_iso(),
                "RedriveCount": 0,
            },
            "StateMachine": { "Id": self.machine_arn, "Name": self.machine_name },
            "State": state_object,
        });
        if let Some(token) = state.token {
            context["Task"] = json!({ "Token": token });
        }
        if let Some((index, value)) = state.map_item {
            context["Map"] = json!({ "Item": { "Index": index, "Value": value } });
        }
        context
    }
}

/// What the context object says about the current state.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StateContext<'a> {
    pub(crate) name: &'a str,
    pub(crate) entered: Instant,
    /// Only for Task, Map and Parallel states.
    pub(crate) retry_count: Option<u32>,
    pub(crate) token: Option<&'a str>,
    pub(crate) map_item: Option<(usize, &'a Value)>,
}
