//! A builder API over the model: chained setters on each state type, so that a machine
//! reads top to bottom in Rust as it does in ASL. The workflow macro expands to these calls.
//!
//! ```
//! use stepfn_core::model::*;
//! use stepfn_core::path::Path;
//!
//! let machine = StateMachine::new("RequestValuation")
//!     .comment("Loan processor")
//!     .state(
//!         "RequestValuation",
//!         TaskState::new(Resource::service(
//!             "lambda",
//!             "invoke",
//!             IntegrationPattern::WaitForTaskToken,
//!         ))
//!         .parameters(
//!             Template::object()
//!                 .with("FunctionName", "${ValuationRequestFunctionArn}")
//!                 .with(
//!                     "Payload",
//!                     Template::object()
//!                         .with_path("taskToken", Path::task_token())
//!                         .with_path("loanApplication", Path::input()),
//!                 ),
//!         )
//!         .timeout_seconds(30)
//!         .result_path(Path::input().field("valuation"))
//!         .catch(Catcher::new([PredefinedError::Timeout], "ValuationTimedOut"))
//!         .next("Done"),
//!     )
//!     .state("ValuationTimedOut", FailState::new().error("ValuationServiceTimedOut"))
//!     .state("Done", SucceedState::new());
//!
//! assert_eq!(machine.states.len(), 3);
//! ```

use serde_json::Value;

use crate::model::*;
use crate::path::{Dynamic, Path};

impl StateMachine {
    /// An empty machine starting at `start_at`; add states with [`StateMachine::state`].
    pub fn new(start_at: impl Into<String>) -> StateMachine {
        StateMachine {
            comment: None,
            version: None,
            query_language: None,
            start_at: start_at.into(),
            timeout_seconds: None,
            states: States::new(),
        }
    }

    /// Adds a state (replacing one of the same name).
    pub fn state(mut self, name: impl Into<String>, state: impl Into<State>) -> StateMachine {
        self.states.insert(name.into(), state.into());
        self
    }

    /// Sets `Comment`.
    pub fn comment(mut self, comment: impl Into<String>) -> StateMachine {
        self.comment = Some(comment.into());
        self
    }

    /// Sets the execution's `TimeoutSeconds`.
    pub fn timeout_seconds(mut self, seconds: u64) -> StateMachine {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// Sets the top-level `QueryLanguage`.
    pub fn query_language(mut self, language: QueryLanguage) -> StateMachine {
        self.query_language = Some(language);
        self
    }
}

/// Setters every state type has.
macro_rules! common_setters {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// Sets `Comment`.
            pub fn comment(mut self, comment: impl Into<String>) -> Self {
                self.comment = Some(comment.into());
                self
            }

            /// Sets this state's `QueryLanguage`.
            pub fn query_language(mut self, language: QueryLanguage) -> Self {
                self.query_language = Some(language);
                self
            }
        }

        impl From<$ty> for State {
            fn from(state: $ty) -> State {
                state_variant!($ty, state)
            }
        }
    )*};
}

macro_rules! state_variant {
    (TaskState, $s:ident) => {
        State::Task(Box::new($s))
    };
    (PassState, $s:ident) => {
        State::Pass(Box::new($s))
    };
    (ChoiceState, $s:ident) => {
        State::Choice(Box::new($s))
    };
    (WaitState, $s:ident) => {
        State::Wait(Box::new($s))
    };
    (SucceedState, $s:ident) => {
        State::Succeed(Box::new($s))
    };
    (FailState, $s:ident) => {
        State::Fail(Box::new($s))
    };
    (ParallelState, $s:ident) => {
        State::Parallel(Box::new($s))
    };
    (MapState, $s:ident) => {
        State::Map(Box::new($s))
    };
}

common_setters!(
    TaskState,
    PassState,
    ChoiceState,
    WaitState,
    SucceedState,
    FailState,
    ParallelState,
    MapState
);

/// `Next`/`End` setters of the states that transition.
macro_rules! transition_setters {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// Goes to `state` next.
            pub fn next(mut self, state: impl Into<String>) -> Self {
                self.transition = Transition::Next(state.into());
                self
            }

            /// Ends the scope after this state (the default of a new state).
            pub fn end(mut self) -> Self {
                self.transition = Transition::End;
                self
            }
        }
    )*};
}

transition_setters!(TaskState, PassState, WaitState, ParallelState, MapState);

/// JSONPath `InputPath`/`OutputPath` and JSONata `Output`/`Assign` setters.
macro_rules! io_setters {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// Sets `InputPath`.
            pub fn input_path(mut self, path: Path) -> Self {
                self.input_path = Some(Nullable::Value(path));
                self
            }

            /// Sets `OutputPath`.
            pub fn output_path(mut self, path: Path) -> Self {
                self.output_path = Some(Nullable::Value(path));
                self
            }

            /// Sets JSONata `Output`.
            pub fn output(mut self, output: Template) -> Self {
                self.output = Some(output);
                self
            }
        }
    )*};
}

io_setters!(
    TaskState,
    PassState,
    ChoiceState,
    WaitState,
    SucceedState,
    ParallelState,
    MapState
);

/// `Assign` setters.
macro_rules! assign_setters {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// Sets `Assign` (variables visible from the next state on).
            pub fn assign(mut self, assign: Template) -> Self {
                self.assign = Some(assign);
                self
            }
        }
    )*};
}

assign_setters!(
    TaskState,
    PassState,
    ChoiceState,
    WaitState,
    ParallelState,
    MapState
);

/// `ResultPath`, `ResultSelector`, `Retry` and `Catch` setters.
macro_rules! result_setters {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// Sets `ResultPath`: where the result goes in the state's input.
            pub fn result_path(mut self, path: Path) -> Self {
                self.result_path = Some(Nullable::Value(path));
                self
            }

            /// Sets `ResultPath: null`: the output is the input, the result is dropped.
            pub fn discard_result(mut self) -> Self {
                self.result_path = Some(Nullable::Null);
                self
            }

            /// Sets `ResultSelector`.
            pub fn result_selector(mut self, selector: Template) -> Self {
                self.result_selector = Some(selector);
                self
            }

            /// Adds a Retrier.
            pub fn retry(mut self, retrier: Retrier) -> Self {
                self.retry.push(retrier);
                self
            }

            /// Adds a Catcher.
            pub fn catch(mut self, catcher: Catcher) -> Self {
                self.catch.push(catcher);
                self
            }
        }
    )*};
}

result_setters!(TaskState, ParallelState, MapState);

impl TaskState {
    /// A Task calling `resource`, ending its scope until [`TaskState::next`] is set.
    pub fn new(resource: Resource) -> TaskState {
        TaskState {
            comment: None,
            query_language: None,
            resource,
            credentials: None,
            timeout: None,
            heartbeat: None,
            input_path: None,
            parameters: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            arguments: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            transition: Transition::End,
        }
    }

    /// Sets `Parameters`.
    pub fn parameters(mut self, parameters: Template) -> TaskState {
        self.parameters = Some(parameters);
        self
    }

    /// Sets JSONata `Arguments`.
    pub fn arguments(mut self, arguments: Template) -> TaskState {
        self.arguments = Some(arguments);
        self
    }

    /// Sets `Credentials`.
    pub fn credentials(mut self, credentials: Template) -> TaskState {
        self.credentials = Some(credentials);
        self
    }

    /// Sets `TimeoutSeconds`.
    pub fn timeout_seconds(mut self, seconds: u64) -> TaskState {
        self.timeout = Some(IntSource::Value(seconds));
        self
    }

    /// Sets `TimeoutSecondsPath`.
    pub fn timeout_seconds_path(mut self, path: Path) -> TaskState {
        self.timeout = Some(IntSource::Path(path));
        self
    }

    /// Sets `HeartbeatSeconds`.
    pub fn heartbeat_seconds(mut self, seconds: u64) -> TaskState {
        self.heartbeat = Some(IntSource::Value(seconds));
        self
    }

    /// Sets `HeartbeatSecondsPath`.
    pub fn heartbeat_seconds_path(mut self, path: Path) -> TaskState {
        self.heartbeat = Some(IntSource::Path(path));
        self
    }
}

impl PassState {
    /// A Pass state that passes its input on and ends its scope until `next` is set.
    pub fn new() -> PassState {
        PassState {
            comment: None,
            query_language: None,
            result: None,
            input_path: None,
            parameters: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            transition: Transition::End,
        }
    }

    /// Sets `Result`: a static value.
    pub fn result(mut self, result: Value) -> PassState {
        self.result = Some(result);
        self
    }

    /// Sets `Parameters`.
    pub fn parameters(mut self, parameters: Template) -> PassState {
        self.parameters = Some(parameters);
        self
    }

    /// Sets `ResultPath`.
    pub fn result_path(mut self, path: Path) -> PassState {
        self.result_path = Some(Nullable::Value(path));
        self
    }
}

impl Default for PassState {
    fn default() -> Self {
        PassState::new()
    }
}

impl ChoiceState {
    /// A Choice state without rules; add them with [`ChoiceState::when`].
    pub fn new() -> ChoiceState {
        ChoiceState {
            comment: None,
            query_language: None,
            choices: Vec::new(),
            default: None,
            input_path: None,
            output_path: None,
            output: None,
            assign: None,
        }
    }

    /// Adds a rule: when `condition` holds, go to `next`.
    pub fn when(mut self, condition: Condition, next: impl Into<String>) -> ChoiceState {
        self.choices.push(ChoiceRule::new(condition, next));
        self
    }

    /// Adds a complete rule.
    pub fn rule(mut self, rule: ChoiceRule) -> ChoiceState {
        self.choices.push(rule);
        self
    }

    /// Sets `Default`: where to go when no rule matches.
    pub fn otherwise(mut self, state: impl Into<String>) -> ChoiceState {
        self.default = Some(state.into());
        self
    }
}

impl Default for ChoiceState {
    fn default() -> Self {
        ChoiceState::new()
    }
}

impl ChoiceRule {
    /// A top-level rule.
    pub fn new(condition: Condition, next: impl Into<String>) -> ChoiceRule {
        ChoiceRule {
            comment: None,
            condition,
            next: Some(next.into()),
            assign: None,
            output: None,
        }
    }

    /// A rule nested in `And`/`Or`/`Not` (no `Next`).
    pub fn nested(condition: Condition) -> ChoiceRule {
        ChoiceRule {
            comment: None,
            condition,
            next: None,
            assign: None,
            output: None,
        }
    }
}

impl Condition {
    /// `Variable` compared with a literal: `Condition::compare(Path::input().field("age"),
    /// ComparisonOperator::NumericGreaterThanEquals, 18.into())`.
    pub fn compare(variable: Path, operator: ComparisonOperator, value: Value) -> Condition {
        Condition::Test(DataTest {
            variable,
            comparison: Comparison {
                operator,
                operand: Operand::Value(value),
            },
        })
    }

    /// `Variable` compared with another path (`StringEqualsPath` and the like).
    pub fn compare_path(variable: Path, operator: ComparisonOperator, other: Path) -> Condition {
        Condition::Test(DataTest {
            variable,
            comparison: Comparison {
                operator,
                operand: Operand::Path(other),
            },
        })
    }

    /// `And` of the conditions.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition::And(conditions.into_iter().map(ChoiceRule::nested).collect())
    }

    /// `Or` of the conditions.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Condition {
        Condition::Or(conditions.into_iter().map(ChoiceRule::nested).collect())
    }

    /// `Not` of the condition.
    pub fn negate(condition: Condition) -> Condition {
        Condition::Not(Box::new(ChoiceRule::nested(condition)))
    }
}

impl WaitState {
    /// `Seconds`.
    pub fn seconds(seconds: u64) -> WaitState {
        WaitState::with(WaitDuration::Seconds(seconds))
    }

    /// `Timestamp` (RFC 3339).
    pub fn timestamp(timestamp: impl Into<String>) -> WaitState {
        WaitState::with(WaitDuration::Timestamp(timestamp.into()))
    }

    /// `SecondsPath`.
    pub fn seconds_path(path: Path) -> WaitState {
        WaitState::with(WaitDuration::SecondsPath(path))
    }

    /// `TimestampPath`.
    pub fn timestamp_path(path: Path) -> WaitState {
        WaitState::with(WaitDuration::TimestampPath(path))
    }

    fn with(duration: WaitDuration) -> WaitState {
        WaitState {
            comment: None,
            query_language: None,
            duration,
            input_path: None,
            output_path: None,
            output: None,
            assign: None,
            transition: Transition::End,
        }
    }
}

impl SucceedState {
    /// A Succeed state.
    pub fn new() -> SucceedState {
        SucceedState::default()
    }
}

impl FailState {
    /// A Fail state without error or cause.
    pub fn new() -> FailState {
        FailState::default()
    }

    /// Sets `Error`.
    pub fn error(mut self, error: impl Into<String>) -> FailState {
        self.error = Some(TextSource::Value(error.into()));
        self
    }

    /// Sets `ErrorPath` (a path or an intrinsic call).
    pub fn error_path(mut self, error: Dynamic) -> FailState {
        self.error = Some(TextSource::Path(error));
        self
    }

    /// Sets `Cause`.
    pub fn cause(mut self, cause: impl Into<String>) -> FailState {
        self.cause = Some(TextSource::Value(cause.into()));
        self
    }

    /// Sets `CausePath` (a path or an intrinsic call).
    pub fn cause_path(mut self, cause: Dynamic) -> FailState {
        self.cause = Some(TextSource::Path(cause));
        self
    }
}

impl ParallelState {
    /// A Parallel state without branches; add them with [`ParallelState::branch`].
    pub fn new() -> ParallelState {
        ParallelState {
            comment: None,
            query_language: None,
            branches: Vec::new(),
            input_path: None,
            parameters: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            arguments: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            transition: Transition::End,
        }
    }

    /// Adds a branch.
    pub fn branch(mut self, branch: Branch) -> ParallelState {
        self.branches.push(branch);
        self
    }

    /// Sets `Parameters`.
    pub fn parameters(mut self, parameters: Template) -> ParallelState {
        self.parameters = Some(parameters);
        self
    }
}

impl Default for ParallelState {
    fn default() -> Self {
        ParallelState::new()
    }
}

impl Branch {
    /// An empty branch starting at `start_at`.
    pub fn new(start_at: impl Into<String>) -> Branch {
        Branch {
            comment: None,
            query_language: None,
            start_at: start_at.into(),
            states: States::new(),
        }
    }

    /// Adds a state.
    pub fn state(mut self, name: impl Into<String>, state: impl Into<State>) -> Branch {
        self.states.insert(name.into(), state.into());
        self
    }
}

impl Processor {
    /// An inline processor (`ItemProcessor` without `ProcessorConfig`) starting at `start_at`.
    pub fn new(start_at: impl Into<String>) -> Processor {
        Processor {
            comment: None,
            query_language: None,
            config: None,
            start_at: start_at.into(),
            states: States::new(),
            legacy_iterator: false,
        }
    }

    /// A distributed processor running child workflows of `execution_type`.
    pub fn distributed(start_at: impl Into<String>, execution_type: ExecutionType) -> Processor {
        let mut processor = Processor::new(start_at);
        processor.config = Some(ProcessorConfig {
            mode: Some(ProcessorMode::Distributed),
            execution_type: Some(execution_type),
        });
        processor
    }

    /// Adds a state.
    pub fn state(mut self, name: impl Into<String>, state: impl Into<State>) -> Processor {
        self.states.insert(name.into(), state.into());
        self
    }
}

impl MapState {
    /// A Map running `processor` for each item.
    pub fn new(processor: Processor) -> MapState {
        MapState {
            comment: None,
            query_language: None,
            processor,
            items_path: None,
            items: None,
            item_selector: None,
            parameters: None,
            item_reader: None,
            item_batcher: None,
            result_writer: None,
            max_concurrency: None,
            tolerated_failure_percentage: None,
            tolerated_failure_count: None,
            label: None,
            input_path: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            transition: Transition::End,
        }
    }

    /// Sets `ItemsPath`.
    pub fn items_path(mut self, path: Path) -> MapState {
        self.items_path = Some(path);
        self
    }

    /// Sets `ItemSelector`.
    pub fn item_selector(mut self, selector: Template) -> MapState {
        self.item_selector = Some(selector);
        self
    }

    /// Sets `MaxConcurrency` (0 = no limit).
    pub fn max_concurrency(mut self, limit: u64) -> MapState {
        self.max_concurrency = Some(IntSource::Value(limit));
        self
    }

    /// Sets `ItemReader`.
    pub fn item_reader(mut self, reader: ItemReader) -> MapState {
        self.item_reader = Some(reader);
        self
    }

    /// Sets `ItemBatcher`.
    pub fn item_batcher(mut self, batcher: ItemBatcher) -> MapState {
        self.item_batcher = Some(batcher);
        self
    }

    /// Sets `ResultWriter`.
    pub fn result_writer(mut self, writer: ResultWriter) -> MapState {
        self.result_writer = Some(writer);
        self
    }

    /// Sets `ToleratedFailurePercentage`.
    pub fn tolerated_failure_percentage(mut self, percentage: f64) -> MapState {
        self.tolerated_failure_percentage = Some(NumberSource::Value(percentage));
        self
    }

    /// Sets `ToleratedFailureCount`.
    pub fn tolerated_failure_count(mut self, count: u64) -> MapState {
        self.tolerated_failure_count = Some(IntSource::Value(count));
        self
    }
}

impl Retrier {
    /// Sets `IntervalSeconds`.
    pub fn interval_seconds(mut self, seconds: u64) -> Retrier {
        self.interval_seconds = Some(seconds);
        self
    }

    /// Sets `MaxAttempts`.
    pub fn max_attempts(mut self, attempts: u64) -> Retrier {
        self.max_attempts = Some(attempts);
        self
    }

    /// Sets `BackoffRate`.
    pub fn backoff_rate(mut self, rate: f64) -> Retrier {
        self.backoff_rate = Some(rate);
        self
    }

    /// Sets `MaxDelaySeconds`.
    pub fn max_delay_seconds(mut self, seconds: u64) -> Retrier {
        self.max_delay_seconds = Some(seconds);
        self
    }

    /// Sets `JitterStrategy`.
    pub fn jitter(mut self, strategy: JitterStrategy) -> Retrier {
        self.jitter_strategy = Some(strategy);
        self
    }
}

impl Catcher {
    /// Sets `ResultPath` for the error output.
    pub fn result_path(mut self, path: Path) -> Catcher {
        self.result_path = Some(Nullable::Value(path));
        self
    }

    /// Sets `Assign`.
    pub fn assign(mut self, assign: Template) -> Catcher {
        self.assign = Some(assign);
        self
    }
}
