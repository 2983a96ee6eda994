//! Integrations: the handlers a test registers for Lambda functions and other resources,
//! what a handler may do (answer later, schedule callbacks), and the in-memory SNS topics
//! and SQS queues.

use std::fmt;
use std::time::Duration;

use serde_json::{Value, json};

use crate::Engine;
use crate::time::Instant;

/// A task failure returned by a handler: `error` and `cause` go into the history verbatim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", .error.as_deref().unwrap_or("<no error>"), .cause.as_deref().unwrap_or("<no cause>"))]
pub struct TaskError {
    /// The error name (`ValuationFailed`, `Lambda.ServiceException`).
    pub error: Option<String>,
    /// The cause text.
    pub cause: Option<String>,
}

impl TaskError {
    /// A failure with an error name and a cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> TaskError {
        TaskError {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }

    /// A Lambda function error as AWS reports it: the error type as `error`, and as
    /// `cause` the JSON text `{"errorMessage", "errorType", "stackTrace"}`.
    pub fn lambda(error_type: &str, message: &str) -> TaskError {
        let cause = json!({"errorMessage": message, "errorType": error_type, "stackTrace": []});
        TaskError::new(error_type, cause.to_string())
    }
}

/// Something to do to the engine at a later virtual time.
pub type Action = Box<dyn FnOnce(&mut Engine) + Send>;

/// What a handler sees besides its payload, and how it acts later.
pub struct Invocation<'a> {
    pub(crate) token: Option<&'a str>,
    pub(crate) now: Instant,
    pub(crate) resource: &'a str,
    pub(crate) execution: &'a str,
    pub(crate) state: &'a str,
    pub(crate) scheduled: Vec<(Duration, Action)>,
    pub(crate) latency: Duration,
}

impl fmt::Debug for Invocation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invocation")
            .field("resource", &self.resource)
            .field("execution", &self.execution)
            .field("state", &self.state)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl Invocation<'_> {
    /// The task token of a `.waitForTaskToken` task (also in the payload if the
    /// definition put `$$.Task.Token` there).
    pub fn task_token(&self) -> Option<&str> {
        self.token
    }

    /// The virtual time of the call.
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The task's `Resource`.
    pub fn resource(&self) -> &str {
        self.resource
    }

    /// The calling execution's ARN.
    pub fn execution_arn(&self) -> &str {
        self.execution
    }

    /// The calling state's name.
    pub fn state_name(&self) -> &str {
        self.state
    }

    /// Runs `action` on the engine `delay` after now (virtual time), e.g. a mock service
    /// that calls `send_task_success` a minute later.
    pub fn after(&mut self, delay: Duration, action: impl FnOnce(&mut Engine) + Send + 'static) {
        self.scheduled.push((delay, Box::new(action)));
    }

    /// Makes a request-response call take `delay` of virtual time before its result
    /// arrives, so that `TimeoutSeconds` can apply.
    pub fn respond_after(&mut self, delay: Duration) {
        self.latency = delay;
    }
}

/// A handler for a resource: gets the resolved `Parameters` (for `lambda:invoke`, the
/// `Payload`) and returns the result or a failure.
pub type Handler = Box<dyn FnMut(&Value, &mut Invocation<'_>) -> Result<Value, TaskError> + Send>;

/// A subscriber to a topic or a queue: sees each message as it arrives.
pub type Subscriber = Box<dyn FnMut(&Message, &mut Invocation<'_>) + Send>;

/// A message published to an SNS topic or sent to an SQS queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `MessageId`.
    pub message_id: String,
    /// The topic ARN or the queue URL.
    pub destination: String,
    /// `Message` / `MessageBody`, as text (JSON values other than strings are serialized).
    pub body: String,
    /// `Subject` (SNS).
    pub subject: Option<String>,
    /// `MessageAttributes`, as given.
    pub attributes: Option<Value>,
    /// When it arrived, on the virtual clock.
    pub timestamp: Instant,
    /// The execution that sent it, or the name an outside publisher gave
    /// ([`Engine::publish`](crate::Engine::publish)).
    pub sent_by: String,
}

impl Message {
    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// The `SdkHttpMetadata` / `SdkResponseMetadata` pair AWS adds to service responses.
// DIVERGENCE: only Content-Type, Date and x-amzn-RequestId headers are filled; AWS adds
// more (Content-Length, trace ids) whose values a test cannot predict anyway.
pub(crate) fn sdk_metadata(request_id: &str, now: Instant, content_type: &str) -> (Value, Value) {
    let date = now.to_iso();
    let http = json!({
        "AllHttpHeaders": {
            "Content-Type": [content_type],
            "Date": [date],
            "x-amzn-RequestId": [request_id],
        },
        "HttpHeaders": {
            "Content-Type": content_type,
            "Date": date,
            "x-amzn-RequestId": request_id,
        },
        "HttpStatusCode": 200,
    });
    (http, json!({ "RequestId": request_id }))
}

/// The `lambda:invoke` response around a function's result.
pub(crate) fn lambda_response(payload: Value, request_id: &str, now: Instant) -> Value {
    let (http, meta) = sdk_metadata(request_id, now, "application/json");
    json!({
        "ExecutedVersion": "$LATEST",
        "Payload": payload,
        "SdkHttpMetadata": http,
        "SdkResponseMetadata": meta,
        "StatusCode": 200,
    })
}

/// A Lambda function name from a `FunctionName` or a function ARN, without version or
/// alias: `arn:aws:lambda:us-east-1:123:function:f:prod` gives `f`.
pub(crate) fn function_name(text: &str) -> String {
    let after = text.split_once("function:").map_or(text, |(_, rest)| rest);
    after.split(':').next().unwrap_or(after).to_owned()
}
