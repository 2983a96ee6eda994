//! A small workflow, declared in a library so that other crates' build scripts can write its
//! ASL: greet someone after waiting, through a callback that a person answers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stepfn::prelude::*;

/// The greeter's input and data.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    /// Who to greet.
    pub name: String,
    /// How long to wait first.
    pub delay_seconds: u64,
    /// The greeting, once someone wrote it.
    pub greeting: Option<Greeting>,
}

/// What the callback's Lambda receives.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GreetingRequest {
    /// Answers `WriteGreeting`.
    pub task_token: TaskToken<greeter::WriteGreeting>,
    /// Who to greet.
    pub name: String,
}

/// What the person sends back.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Greeting {
    /// The text.
    pub text: String,
}

#[workflow(Greeter, data = Visit, rename_all = "camelCase")]
pub mod greeter {
    use super::*;

    /// Waits as long as the visit asks.
    #[wait(seconds_path = $.delay_seconds, next = WriteGreeting)]
    #[derive(Debug)]
    pub struct Pause;

    /// Asks a person for a greeting, for at most a day.
    #[callback(
        sqs = GreetingQueueUrl,
        payload = GreetingRequest { name: $.name },
        output = Greeting,
        timeout = 86400,
        result_path = $.greeting,
        end,
    )]
    #[derive(Debug)]
    pub struct WriteGreeting;
}
