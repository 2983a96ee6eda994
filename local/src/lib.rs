//! The local engine: runs Amazon States Language state machines in-process on a virtual
//! clock, with AWS's semantics and execution histories in AWS's shape.
//!
//! An [`Engine`] is a deterministic discrete-event simulation. Nothing happens until the
//! caller drives the clock: [`Engine::run_until_idle`] runs everything runnable now,
//! [`Engine::advance`] moves the clock (firing timers in order), and
//! [`Engine::run_to_completion`] does both until an execution ends. Waits, timeouts,
//! heartbeats and retry delays cost no wall time, and every random choice (task tokens,
//! UUIDs, retry jitter, `States.MathRandom`) comes from one seeded stream, so a seed fixes
//! the whole run.
//!
//! ```
//! use std::time::Duration;
//! use serde_json::json;
//! use stepfn_local::{Engine, ExecutionStatus, MachineType};
//!
//! let mut engine = Engine::new();
//! // A mock service that answers the callback a minute after it is called.
//! engine.register_lambda("Valuation", |payload, call| {
//!     let token = payload["token"].as_str().unwrap_or_default().to_owned();
//!     call.after(Duration::from_secs(60), move |engine| {
//!         let _ = engine.send_task_success(&token, r#"{"value": 250000}"#);
//!     });
//!     Ok(json!({}))
//! });
//! let definition = r#"{"StartAt": "Value", "States": {"Value": {
//!     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
//!     "Parameters": {"FunctionName": "Valuation", "Payload": {"token.$": "$$.Task.Token"}},
//!     "TimeoutSeconds": 30, "End": true}}}"#;
//! let machine = engine.create_state_machine("Loan", definition, MachineType::Standard)?;
//! let execution = engine.start_execution(&machine, None, json!({}))?;
//! let done = engine.run_to_completion(&execution)?;
//! assert_eq!(done.status, ExecutionStatus::Failed);
//! assert_eq!(done.error.as_deref(), Some("States.Timeout"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Mocked service integrations (Step Functions Local's mock config)
//!
//! [`MockConfig`] reads the mock configuration file of AWS Step Functions Local
//! (`StateMachines` → machine → `TestCases` → case → state → mocked response;
//! `MockedResponses` → name → `"0"`, `"1-2"`, ... → `{"Return": ...}` or
//! `{"Throw": {"Error", "Cause"}}`), so tests written for AWS's local tooling run here.
//! In an execution started with a test case ([`Engine::start_test_case`], or
//! [`Engine::set_mock_config`] then `start_execution("<machine arn>#<case>")`), each
//! invocation of a mocked Task state takes the next attempt of its mocked response: the
//! first call is attempt 0, each retry and each later visit (loops, Map iterations) the
//! next. `Return` is the task's result; `Throw` fails it for Retry and Catch to see. A
//! mocked `.waitForTaskToken` task gets its token and then succeeds with `Return` (or fails
//! with `Throw`) without waiting for a callback. An attempt the mocked response does not
//! cover fails the execution with `States.Runtime`. States the test case leaves out call
//! their integration as usual (the "hybrid" path). A mocked task's history is
//! `TaskScheduled`, `TaskStarted`, then `TaskSucceeded` or `TaskFailed` (a mocked callback
//! task has no `TaskSubmitted`: nothing was submitted).
//!
//! ```
//! use serde_json::json;
//! use stepfn_local::{Engine, ExecutionStatus, MachineType, MockConfig};
//!
//! let config = MockConfig::from_json(r#"{
//!     "StateMachines": {"Greeter": {"TestCases": {"Flaky": {"Greet": "FailsOnce"}}}},
//!     "MockedResponses": {"FailsOnce": {
//!         "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
//!         "1": {"Return": {"StatusCode": 200, "Payload": "hello"}}}}}"#)?;
//! let definition = r#"{"StartAt": "Greet", "States": {"Greet": {"Type": "Task",
//!     "Resource": "arn:aws:states:::lambda:invoke",
//!     "Parameters": {"FunctionName": "greet"}, "OutputPath": "$.Payload",
//!     "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true}}}"#;
//! let mut engine = Engine::new();
//! let machine = engine.create_state_machine("Greeter", definition, MachineType::Standard)?;
//! engine.set_mock_config(config);
//! let execution = engine.start_execution(&format!("{machine}#Flaky"), None, json!({}))?;
//! let done = engine.run_to_completion(&execution)?;
//! assert_eq!(done.status, ExecutionStatus::Succeeded);
//! assert_eq!(done.output, Some(json!("hello")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Stricter than Step Functions Local: the whole file is checked when it is read (unknown
//! mocked responses, malformed, reversed or overlapping attempt ranges, gaps), and a test
//! case is checked against the machine when an execution starts (every mocked state must
//! be a Task state of it); each problem is reported with its JSON pointer.
//!
//! # Typed callback clients
//!
//! [`SharedEngine`] implements `stepfn_core::callback::Transport`, so the typed clients of a
//! workflow's callback tasks (`CallbackClient`) answer local executions exactly as they answer
//! AWS: the engine's errors reach them with AWS's codes (`TaskTimedOut`, `InvalidToken`,
//! `InvalidOutput`), and a retry's delay advances the virtual clock.
//!
//! # Known differences
//!
//! Each is marked `// DIVERGENCE:` where it lives and pinned by a test (mostly in
//! `tests/divergences.rs`).
//!
//! - **JSONata** states fail with `States.Runtime` ("JSONata is not supported yet"), which no
//!   Catch can hide, instead of being evaluated.
//! - **A resource without a registered handler** (other than the built-in SNS, SQS,
//!   `states:startExecution` and activities) fails the task with `States.Runtime`: a missing
//!   mock is a setup error, not a business failure. A missing Lambda function fails as AWS
//!   does, with `Lambda.ResourceNotFoundException`.
//! - **Distributed Map** reads its items from the state input only: `ItemReader` is
//!   refused, `ItemBatcher` and `ResultWriter` are ignored. Each item runs, as on AWS, as a
//!   child execution of a Map Run (`MapRunStarted`/`MapRunSucceeded`/`MapRunFailed` in the
//!   parent's history, [`Engine::map_run_executions`] lists the children).
//! - **Express** executions keep a full history (AWS only logs them to CloudWatch).
//! - **SNS topics and SQS queues** exist on first use, unless
//!   [`EngineConfig::strict_destinations`] is set (then only created ones exist and others
//!   fail the task as on AWS). A bare queue name without a scheme is accepted as a queue URL.
//! - **`States.IntrinsicFailure` causes** are our wording; AWS's is not recorded.
//! - **Time does not pass while states run**: events of one step share a timestamp, and
//!   timers due at the same instant fire one after the other, each followed by what it
//!   wakes (on AWS several simultaneous task timeouts in a Map may all be recorded before
//!   the Map reacts to the first).
//! - **`SdkHttpMetadata`** carries only `Content-Type`, `Date` and `x-amzn-RequestId`.
//!
//! # Checked against AWS
//!
//! `tests/conformance/` holds executions recorded on real AWS Step Functions (taken from
//! the AWS-validated snapshots of LocalStack's test suite, restated in our own format): the
//! definition, the input, what each service answered, and every history event AWS wrote.
//! `tests/conformance.rs` runs each in the engine and compares status, output, error, cause
//! and the events one by one (ids, `previousEventId`, details), after normalising what cannot
//! match (timestamps, account-specific ARNs, request ids). The few fixtures that still
//! differ carry a `divergence` note saying why. `tests/choice_recorded.rs` does the same for
//! every Choice comparison operator: 491 outcomes AWS recorded, type mismatches included.
//!
//! Behaviour we believe matches AWS but could not check against a recording: the
//! `executionTimedOutEventDetails` (empty), the error of a failed Map Run
//! (`States.ExceedToleratedFailureThreshold`, whatever its children's errors), the
//! `States.Error` string a heartbeat timeout caught by `States.HeartbeatTimeout` carries
//! (`States.Timeout`), `States.TaskFailed` matching every error but `States.Timeout` and the
//! terminal ones, the result slot of a tolerated Map failure (its error output), the
//! `previousEventId` of `ParallelStateSucceeded` (the last branch event, as recorded for Map
//! and for `ParallelStateExited`; the Parallel recordings we have drop that event), and the
//! 25,000-event limit's cause text.
#![warn(missing_docs)]

mod choice;
mod engine;
mod errors;
mod failure;
mod filter;
pub mod history;
mod integrations;
mod intrinsics;
mod jsonpath;
mod mock_config;
mod payload;
mod random;
mod shared;
mod time;
mod transport;

pub use engine::{
    ActivityTask, Definition, Engine, EngineConfig, ExecutionDescription, ExecutionStatus,
};
pub use errors::{CallbackError, CreateError, LookupError, RunError, StartError};
pub use history::HistoryEvent;
pub use integrations::{Action, Handler, Invocation, Message, Subscriber, TaskError};
pub use mock_config::{
    MockConfig, MockConfigError, MockProblem, MockProblemKind, MockResponse, MockedResponse,
    TestCase,
};
pub use shared::SharedEngine;
pub use stepfn_core::model::MachineType;
pub use time::Instant;
