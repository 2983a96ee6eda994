//! The eight state types and the fields they share.

use serde_json::Value;

use super::{
    Catcher, ChoiceRule, IntSource, JsonataExpr, MapState, Nullable, QueryLanguage, Resource,
    Retrier, States, Template, TextSource,
};
use crate::path::Path;

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// `"Type": "Task"`.
    Task(Box<TaskState>),
    /// `"Type": "Pass"`.
    Pass(Box<PassState>),
    /// `"Type": "Choice"`.
    Choice(Box<ChoiceState>),
    /// `"Type": "Wait"`.
    Wait(Box<WaitState>),
    /// `"Type": "Succeed"`.
    Succeed(Box<SucceedState>),
    /// `"Type": "Fail"`.
    Fail(Box<FailState>),
    /// `"Type": "Parallel"`.
    Parallel(Box<ParallelState>),
    /// `"Type": "Map"`.
    Map(Box<MapState>),
}

/// Where a state goes when it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// `"Next": "Name"`.
    Next(String),
    /// `"End": true`.
    End,
}

impl Transition {
    /// The next state's name, if any.
    pub fn next(&self) -> Option<&str> {
        match self {
            Transition::Next(name) => Some(name),
            Transition::End => None,
        }
    }
}

/// A Task state.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of this state, overriding the machine's.
    pub query_language: Option<QueryLanguage>,
    /// `Resource`.
    pub resource: Resource,
    /// `Credentials` (`RoleArn` / `RoleArn.$` for cross-account tasks).
    pub credentials: Option<Template>,
    /// `TimeoutSeconds` / `TimeoutSecondsPath`.
    pub timeout: Option<IntSource>,
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    pub heartbeat: Option<IntSource>,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `Parameters`.
    pub parameters: Option<Template>,
    /// JSONPath `ResultSelector`.
    pub result_selector: Option<Template>,
    /// JSONPath `ResultPath`.
    pub result_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Arguments`.
    pub arguments: Option<Template>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
    /// `Next` or `End`.
    pub transition: Transition,
}

/// A Pass state.
#[derive(Debug, Clone, PartialEq)]
pub struct PassState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// JSONPath `Result`: a static value.
    pub result: Option<Value>,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `Parameters`.
    pub parameters: Option<Template>,
    /// JSONPath `ResultPath`.
    pub result_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
    /// `Next` or `End`.
    pub transition: Transition,
}

/// A Choice state.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Choices`, tried in order.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: where to go when no rule matches (else `States.NoChoiceMatched`).
    pub default: Option<String>,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
}

/// How long a Wait state waits.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitDuration {
    /// `Seconds: 10`.
    Seconds(u64),
    /// `Seconds: "{% ... %}"` (JSONata).
    SecondsExpr(JsonataExpr),
    /// `Timestamp: "2026-01-01T00:00:00Z"`, or a `{% %}` string in JSONata states.
    Timestamp(String),
    /// `SecondsPath: "$.delay"`.
    SecondsPath(Path),
    /// `TimestampPath: "$.until"`.
    TimestampPath(Path),
}

/// A Wait state.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// One of `Seconds`, `Timestamp`, `SecondsPath`, `TimestampPath`.
    pub duration: WaitDuration,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
    /// `Next` or `End`.
    pub transition: Transition,
}

/// A Succeed state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SucceedState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Output`.
    pub output: Option<Template>,
}

/// A Fail state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FailState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Error` / `ErrorPath`.
    pub error: Option<TextSource>,
    /// `Cause` / `CausePath`.
    pub cause: Option<TextSource>,
}

/// One branch of a Parallel state: a machine of its own, without transitions in or out.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of the branch's top level, when it says so.
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`.
    pub start_at: String,
    /// `States`.
    pub states: States,
}

/// A Parallel state.
#[derive(Debug, Clone, PartialEq)]
pub struct ParallelState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `Branches`, run concurrently; the result is the array of their outputs.
    pub branches: Vec<Branch>,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `Parameters`.
    pub parameters: Option<Template>,
    /// JSONPath `ResultSelector`.
    pub result_selector: Option<Template>,
    /// JSONPath `ResultPath`.
    pub result_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Arguments`.
    pub arguments: Option<Template>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl State {
    /// The ASL `Type` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            State::Task(_) => "Task",
            State::Pass(_) => "Pass",
            State::Choice(_) => "Choice",
            State::Wait(_) => "Wait",
            State::Succeed(_) => "Succeed",
            State::Fail(_) => "Fail",
            State::Parallel(_) => "Parallel",
            State::Map(_) => "Map",
        }
    }

    /// The state's own `QueryLanguage`, if it sets one.
    pub fn query_language(&self) -> Option<QueryLanguage> {
        match self {
            State::Task(s) => s.query_language,
            State::Pass(s) => s.query_language,
            State::Choice(s) => s.query_language,
            State::Wait(s) => s.query_language,
            State::Succeed(s) => s.query_language,
            State::Fail(s) => s.query_language,
            State::Parallel(s) => s.query_language,
            State::Map(s) => s.query_language,
        }
    }

    /// `Next`/`End` of the states that have one (not Choice, Succeed, Fail).
    pub fn transition(&self) -> Option<&Transition> {
        match self {
            State::Task(s) => Some(&s.transition),
            State::Pass(s) => Some(&s.transition),
            State::Wait(s) => Some(&s.transition),
            State::Parallel(s) => Some(&s.transition),
            State::Map(s) => Some(&s.transition),
            State::Choice(_) | State::Succeed(_) | State::Fail(_) => None,
        }
    }

    /// `Retry` of the states that can retry.
    pub fn retry(&self) -> &[Retrier] {
        match self {
            State::Task(s) => &s.retry,
            State::Parallel(s) => &s.retry,
            State::Map(s) => &s.retry,
            _ => &[],
        }
    }

    /// `Catch` of the states that can catch.
    pub fn catch(&self) -> &[Catcher] {
        match self {
            State::Task(s) => &s.catch,
            State::Parallel(s) => &s.catch,
            State::Map(s) => &s.catch,
            _ => &[],
        }
    }

    /// Whether the state ends its scope: `End: true`, Succeed or Fail.
    pub fn is_terminal(&self) -> bool {
        match self {
            State::Succeed(_) | State::Fail(_) => true,
            State::Choice(_) => false,
            _ => self.transition() == Some(&Transition::End),
        }
    }

    /// Every state name this state can transition to, with the JSON pointer suffix of the
    /// field that names it (`/Next`, `/Default`, `/Choices/0/Next`, `/Catch/1/Next`).
    pub fn successors(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        if let Some(Transition::Next(next)) = self.transition() {
            out.push(("/Next".to_owned(), next.as_str()));
        }
        if let State::Choice(choice) = self {
            for (index, rule) in choice.choices.iter().enumerate() {
                if let Some(next) = &rule.next {
                    out.push((format!("/Choices/{index}/Next"), next.as_str()));
                }
            }
            if let Some(default) = &choice.default {
                out.push(("/Default".to_owned(), default.as_str()));
            }
        }
        for (index, catcher) in self.catch().iter().enumerate() {
            out.push((format!("/Catch/{index}/Next"), catcher.next.as_str()));
        }
        out
    }

    /// The nested scopes of a Parallel (its branches) or a Map (its processor), with the
    /// pointer suffix of each (`/Branches/0`, `/ItemProcessor`).
    pub fn nested(&self) -> Vec<(String, &str, &States)> {
        match self {
            State::Parallel(parallel) => parallel
                .branches
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("/Branches/{i}"), b.start_at.as_str(), &b.states))
                .collect(),
            State::Map(map) => {
                let field = if map.processor.legacy_iterator {
                    "/Iterator"
                } else {
                    "/ItemProcessor"
                };
                vec![(
                    field.to_owned(),
                    map.processor.start_at.as_str(),
                    &map.processor.states,
                )]
            }
            _ => Vec::new(),
        }
    }
}
