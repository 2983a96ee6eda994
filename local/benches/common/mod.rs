//! The workloads the engine's benchmarks share: the definitions under `bench/machines/`
//! (the same ones `bench/moto_compare.py` runs through moto) and how one execution of each
//! is driven to its end.
#![allow(dead_code)] // each bench binary uses a subset

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use stepfn_local::{Engine, ExecutionStatus, MachineType};

const PASS_CHAIN: &str = include_str!("../../../bench/machines/pass-chain-100.asl.json");
const CALLBACK_SQS: &str = include_str!("../../../bench/machines/callback-sqs.asl.json");
const WAIT_ONE_YEAR: &str = include_str!("../../../bench/machines/wait-one-year.asl.json");
const CALLBACK_LAMBDA: &str = r#"{"StartAt": "AwaitReply", "States": {"AwaitReply": {
    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters": {"FunctionName": "Replier", "Payload": {"token.$": "$$.Task.Token"}},
    "TimeoutSeconds": 60, "End": true}}}"#;

/// The queue the SQS callback machine sends its token to.
const QUEUE: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/bench-callbacks";

/// Executions per fresh engine: histories are kept, so a long run starts over now and then.
const PER_ENGINE: u64 = 1_000;

/// One kind of execution to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workload {
    /// 100 Pass states: 100 state transitions.
    PassChain,
    /// An SQS `.waitForTaskToken` task; the caller reads the token from the queue and sends
    /// `SendTaskSuccess` at once (what `bench/moto_compare.py` does against moto).
    SqsCallback,
    /// A Lambda `.waitForTaskToken` task whose handler answers at once.
    LambdaCallback,
    /// A Wait of 365 days.
    WaitOneYear,
}

impl Workload {
    /// The name `bench/moto_compare.py` knows it by.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Workload::PassChain => "pass-chain-100",
            Workload::SqsCallback => "callback-sqs",
            Workload::LambdaCallback => "callback-lambda",
            Workload::WaitOneYear => "wait-one-year",
        }
    }

    fn definition(self) -> &'static str {
        match self {
            Workload::PassChain => PASS_CHAIN,
            Workload::SqsCallback => CALLBACK_SQS,
            Workload::LambdaCallback => CALLBACK_LAMBDA,
            Workload::WaitOneYear => WAIT_ONE_YEAR,
        }
    }

    fn input(self) -> Value {
        match self {
            Workload::SqsCallback => json!({ "queueUrl": QUEUE }),
            _ => json!({ "n": 1 }),
        }
    }

    /// A fresh engine with the machine created (and the Lambda registered); returns the
    /// machine's ARN.
    pub(crate) fn setup(self) -> (Engine, String) {
        let mut engine = Engine::new();
        if self == Workload::LambdaCallback {
            engine.register_lambda("Replier", |payload, call| {
                let token = payload["token"].as_str().unwrap_or_default().to_owned();
                call.after(Duration::ZERO, move |engine| {
                    let _ = engine.send_task_success(&token, r#"{"ok": true}"#);
                });
                Ok(json!({}))
            });
        }
        let machine = engine
            .create_state_machine(self.name(), self.definition(), MachineType::Standard)
            .expect("the bench machine is valid");
        (engine, machine)
    }

    /// Starts one execution and drives it to its end.
    pub(crate) fn run_once(self, engine: &mut Engine, machine: &str) {
        let execution = engine
            .start_execution(machine, None, self.input())
            .expect("the execution starts");
        if self == Workload::SqsCallback {
            engine.run_until_idle();
            let message = engine
                .queue_messages(QUEUE)
                .last()
                .expect("a token was sent");
            let token = message.json().expect("the body is JSON")["token"]
                .as_str()
                .expect("the body has the token")
                .to_owned();
            engine
                .send_task_success(&token, r#"{"ok": true}"#)
                .expect("the token is open");
        }
        let done = engine
            .run_to_completion(&execution)
            .expect("the execution ends");
        assert_eq!(done.status, ExecutionStatus::Succeeded);
    }

    /// Wall time of `count` executions, setup (creating engines and machines) excluded.
    pub(crate) fn time(self, count: u64) -> Duration {
        let mut total = Duration::ZERO;
        let mut done = 0;
        while done < count {
            let chunk = (count - done).min(PER_ENGINE);
            let (mut engine, machine) = self.setup();
            let started = Instant::now();
            for _ in 0..chunk {
                self.run_once(&mut engine, &machine);
            }
            total += started.elapsed();
            done += chunk;
        }
        total
    }
}
