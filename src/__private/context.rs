//! The context object (`$$`) as Rust types, so that `$$.Execution.Id` in a workflow is
//! checked by rustc like any other field access. Field names are ASL's.
#![allow(non_snake_case, missing_docs, missing_debug_implementations)]

use serde_json::Value;

pub struct Context {
    pub Execution: Execution,
    pub State: State,
    pub StateMachine: StateMachine,
    pub Task: Task,
    pub Map: Map,
}

pub struct Execution {
    pub Id: String,
    pub Input: Value,
    pub Name: String,
    pub RoleArn: String,
    pub StartTime: String,
    pub RedriveCount: u64,
    pub RedriveTime: String,
}

pub struct State {
    pub EnteredTime: String,
    pub Name: String,
    pub RetryCount: u64,
}

pub struct StateMachine {
    pub Id: String,
    pub Name: String,
}

pub struct Task {
    pub Token: String,
}

pub struct Map {
    pub Item: MapItem,
}

pub struct MapItem {
    pub Index: u64,
    pub Value: Value,
}
