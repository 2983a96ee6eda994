//! Calling integrations: registered Lambda functions and resource handlers, the built-in
//! SNS, SQS and nested-execution integrations, and activities.

use std::time::Duration;

use md5::Digest;
use serde_json::{Value, json};
use stepfn_core::model::{IntegrationPattern, ResourceKind, TaskState};

use super::strand::Outcome;
use super::{Engine, TimerKind};
use crate::failure::Failure;
use crate::integrations::{self, Invocation, Message, TaskError};
use crate::payload::compact;

/// The result of one call and how long it takes in virtual time.
struct Call {
    outcome: Result<Value, Failure>,
    latency: Duration,
}

impl Call {
    fn now(outcome: Result<Value, Failure>) -> Call {
        Call {
            outcome,
            latency: Duration::ZERO,
        }
    }
}

/// Which table a handler lives in.
#[derive(Debug, Clone, Copy)]
enum Table {
    Lambda,
    Resource,
}

/// A resource without its `.sync`/`.waitForTaskToken` suffix: the key of its handler.
pub(crate) fn handler_key(resource: &str) -> String {
    for suffix in [".waitForTaskToken", ".sync:2", ".sync"] {
        if let Some(base) = resource.strip_suffix(suffix) {
            return base.to_owned();
        }
    }
    resource.to_owned()
}

impl Engine {
    /// Registers a Lambda function by name: both `lambda:invoke` (its `FunctionName`, by
    /// name or ARN) and a function ARN used as the resource reach it.
    pub fn register_lambda(
        &mut self,
        name: &str,
        handler: impl FnMut(&Value, &mut Invocation<'_>) -> Result<Value, TaskError> + Send + 'static,
    ) {
        self.lambdas
            .insert(integrations::function_name(name), Box::new(handler));
    }

    /// Registers a handler for any other resource (`arn:aws:states:::aws-sdk:s3:getObject`,
    /// `arn:aws:states:::http:invoke`, ...). The `.waitForTaskToken` form of the resource
    /// reaches the same handler.
    pub fn register_handler(
        &mut self,
        resource: &str,
        handler: impl FnMut(&Value, &mut Invocation<'_>) -> Result<Value, TaskError> + Send + 'static,
    ) {
        self.handlers
            .insert(handler_key(resource), Box::new(handler));
    }

    /// Calls `subscriber` with every message published to the topic or sent to the queue.
    pub fn subscribe(
        &mut self,
        topic_arn_or_queue_url: &str,
        subscriber: impl FnMut(&Message, &mut Invocation<'_>) + Send + 'static,
    ) {
        let list = self
            .subscribers
            .entry(topic_arn_or_queue_url.to_owned())
            .or_default();
        list.push(Box::new(subscriber));
    }

    /// The messages published to an SNS topic, oldest first.
    pub fn topic_messages(&self, topic_arn: &str) -> &[Message] {
        self.mailboxes.get(topic_arn).map_or(&[], Vec::as_slice)
    }

    /// The messages sent to an SQS queue, oldest first.
    pub fn queue_messages(&self, queue_url: &str) -> &[Message] {
        self.mailboxes.get(queue_url).map_or(&[], Vec::as_slice)
    }

    /// Calls the task's integration and decides how the task goes on.
    pub(crate) fn invoke(
        &mut self,
        strand: &mut super::Strand,
        task: &TaskState,
        id: u64,
        params: Value,
    ) -> Outcome {
        if let Some(outcome) = self.mocked_outcome(strand) {
            return self.end_task_inline(strand, id, outcome);
        }
        let pattern = task.resource.pattern();
        let call = match task.resource.kind() {
            ResourceKind::Service {
                service, action, ..
            } => match (service.as_str(), action.as_str()) {
                ("lambda", "invoke") => {
                    let name = params
                        .get("FunctionName")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let payload = params.get("Payload").cloned().unwrap_or_else(|| json!({}));
                    self.call_lambda(strand, id, &name, &payload, true)
                }
                ("sns", "publish") => self.deliver(strand, id, &params, "TopicArn", "Message"),
                ("sqs", "sendMessage") => {
                    self.deliver(strand, id, &params, "QueueUrl", "MessageBody")
                }
                ("states", "startExecution") => {
                    return self.start_child(strand, id, &params, pattern);
                }
                _ => self.call_table(
                    strand,
                    id,
                    Table::Resource,
                    &handler_key(task.resource.as_str()),
                    &params,
                ),
            },
            ResourceKind::LambdaFunction { name } => {
                let name = name.clone();
                self.call_lambda(strand, id, &name, &params, false)
            }
            ResourceKind::Activity { .. } => {
                self.activities
                    .entry(task.resource.as_str().to_owned())
                    .or_default()
                    .push_back(id);
                return Outcome::Blocked;
            }
            _ => self.call_table(
                strand,
                id,
                Table::Resource,
                &handler_key(task.resource.as_str()),
                &params,
            ),
        };
        match (pattern, call.outcome) {
            (IntegrationPattern::WaitForTaskToken, Ok(response)) => {
                self.submitted_response(strand, id, &response);
                Outcome::Blocked
            }
            (_, outcome) if call.latency > Duration::ZERO => {
                if let Some(task) = self.tasks.get_mut(&id) {
                    task.delayed = Some(outcome);
                }
                let at = self.now.after(call.latency);
                self.add_timer(at, TimerKind::TaskResult { task: id });
                Outcome::Blocked
            }
            (_, outcome) => self.end_task_inline(strand, id, outcome),
        }
    }

    fn call_lambda(
        &mut self,
        strand: &super::Strand,
        id: u64,
        name: &str,
        payload: &Value,
        wrap: bool,
    ) -> Call {
        let name = integrations::function_name(name);
        if !self.lambdas.contains_key(&name) {
            let arn = format!(
                "arn:aws:lambda:{}:{}:function:{name}",
                self.config.region, self.config.account
            );
            let request = self.rng.uuid_v4();
            return Call::now(Err(Failure::new(
                "Lambda.ResourceNotFoundException",
                format!(
                    "Function not found: {arn} (Service: AWSLambda; Status Code: 404; Error Code: \
                     ResourceNotFoundException; Request ID: {request}; Proxy: null)"
                ),
            )));
        }
        let mut call = self.call_table(strand, id, Table::Lambda, &name, payload);
        if wrap {
            let request = self.rng.uuid_v4();
            let now = self.now;
            call.outcome = call
                .outcome
                .map(|payload| integrations::lambda_response(payload, &request, now));
        }
        call
    }

    /// Runs a registered handler; a resource without one fails the task.
    fn call_table(
        &mut self,
        strand: &super::Strand,
        id: u64,
        table: Table,
        key: &str,
        payload: &Value,
    ) -> Call {
        let taken = match table {
            Table::Lambda => self.lambdas.remove(key),
            Table::Resource => self.handlers.remove(key),
        };
        let Some(mut handler) = taken else {
            // DIVERGENCE: AWS would call the real service; a resource with no registered
            // handler fails with States.Runtime, which no Catch hides, so a missing mock
            // shows up as a setup error instead of a business failure.
            let detail = format!(
                "stepfn-local has no handler for the resource '{key}'; register one with \
                 Engine::register_handler"
            );
            return Call::now(Err(self.site(strand).runtime(&detail)));
        };
        let token = self.tasks.get(&id).and_then(|t| t.token.clone());
        let execution = self.executions[strand.exec].arn.clone();
        let mut invocation = Invocation {
            token: token.as_deref(),
            now: self.now,
            resource: key,
            execution: &execution,
            state: &strand.state,
            scheduled: Vec::new(),
            latency: Duration::ZERO,
        };
        let result = handler(payload, &mut invocation);
        let (scheduled, latency) = (
            std::mem::take(&mut invocation.scheduled),
            invocation.latency,
        );
        match table {
            Table::Lambda => self.lambdas.insert(key.to_owned(), handler),
            Table::Resource => self.handlers.insert(key.to_owned(), handler),
        };
        self.schedule_actions(scheduled);
        let outcome = result.map_err(|e| Failure::optional(e.error, e.cause));
        Call { outcome, latency }
    }

    fn schedule_actions(&mut self, scheduled: Vec<(Duration, integrations::Action)>) {
        for (delay, action) in scheduled {
            let at = self.now.after(delay);
            self.add_timer(at, TimerKind::Action(action));
        }
    }

    /// `CreateTopic`: the topic's ARN. Only needed with
    /// [`EngineConfig::strict_destinations`](crate::EngineConfig::strict_destinations);
    /// otherwise topics exist on first use.
    pub fn create_topic(&mut self, name: &str) -> String {
        let arn = format!(
            "arn:aws:sns:{}:{}:{name}",
            self.config.region, self.config.account
        );
        self.mailboxes.entry(arn.clone()).or_default();
        arn
    }

    /// `CreateQueue`: the queue's URL (see [`Engine::create_topic`]).
    pub fn create_queue(&mut self, name: &str) -> String {
        let url = format!(
            "https://sqs.{}.amazonaws.com/{}/{name}",
            self.config.region, self.config.account
        );
        self.mailboxes.entry(url.clone()).or_default();
        url
    }

    /// `DeleteTopic` / `DeleteQueue`: forgets the destination and its messages. With
    /// [`EngineConfig::strict_destinations`](crate::EngineConfig::strict_destinations), later
    /// sends to it fail as on AWS.
    pub fn delete_destination(&mut self, topic_arn_or_queue_url: &str) {
        self.mailboxes.shift_remove(topic_arn_or_queue_url);
    }

    /// Why a send to `destination` fails before reaching it, if it does: a queue URL whose
    /// host cannot resolve (always, as on AWS), or an unknown topic or queue (in strict mode).
    fn unreachable(&mut self, destination: &str, target: &str) -> Option<Failure> {
        if target == "QueueUrl"
            && let Some((_, rest)) = destination.split_once("://")
        {
            let host = rest.split(['/', ':']).next().unwrap_or_default();
            // A URL whose host has no dot is no SQS endpoint and does not resolve (recorded:
            // `http://no-such-queue-...`). DIVERGENCE: a bare queue name (`"jobs"`, no
            // scheme) is accepted locally as a shorthand; AWS would refuse it.
            if !host.contains('.') {
                return Some(Failure::new(
                    "SQS.SdkClientException",
                    format!("Unable to execute HTTP request: {host}: Name or service not known"),
                ));
            }
        }
        if !self.config.strict_destinations || self.mailboxes.contains_key(destination) {
            return None;
        }
        let request = self.rng.uuid_v4();
        Some(if target == "TopicArn" {
            // Recorded on AWS.
            Failure::new(
                "SNS.NotFoundException",
                format!(
                    "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: \
                     NotFound; Request ID: {request}; Proxy: null)"
                ),
            )
        } else {
            // DIVERGENCE: not recorded; the SDK's exception for
            // AWS.SimpleQueueService.NonExistentQueue, in the cause format of the others.
            Failure::new(
                "SQS.QueueDoesNotExistException",
                format!(
                    "The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; \
                     Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: \
                     {request}; Proxy: null)"
                ),
            )
        })
    }

    /// SNS publish or SQS send: stores the message, tells subscribers, answers like AWS.
    fn deliver(
        &mut self,
        strand: &super::Strand,
        id: u64,
        params: &Value,
        target: &str,
        body: &str,
    ) -> Call {
        let Some(destination) = params
            .get(target)
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            let service = if target == "TopicArn" { "SNS" } else { "SQS" };
            return Call::now(Err(Failure::new(
                format!("{service}.InvalidParameterException"),
                format!("Invalid parameter: {target} is required"),
            )));
        };
        if let Some(failure) = self.unreachable(&destination, target) {
            return Call::now(Err(failure));
        }
        let text = match params.get(body) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => compact(other),
            None => String::new(),
        };
        let message = Message {
            message_id: self.rng.uuid_v4(),
            destination: destination.clone(),
            body: text.clone(),
            subject: params
                .get("Subject")
                .and_then(Value::as_str)
                .map(str::to_owned),
            attributes: params.get("MessageAttributes").cloned(),
            timestamp: self.now,
            sent_by: self.executions[strand.exec].arn.clone(),
        };
        // DIVERGENCE: unless `EngineConfig::strict_destinations` is set, topics and queues
        // exist on first use; AWS fails with SNS.NotFoundException /
        // SQS.QueueDoesNotExistException for unknown ones.
        self.mailboxes
            .entry(destination.clone())
            .or_default()
            .push(message.clone());
        self.notify(strand, id, &message);
        let request = self.rng.uuid_v4();
        let (http, meta) = integrations::sdk_metadata(&request, self.now, "text/xml");
        let mut response = json!({
            "MessageId": message.message_id,
            "SdkHttpMetadata": http,
            "SdkResponseMetadata": meta,
        });
        if target == "QueueUrl" {
            let digest: String = md5::Md5::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            response["MD5OfMessageBody"] = Value::String(digest);
        }
        Call::now(Ok(response))
    }

    fn notify(&mut self, strand: &super::Strand, id: u64, message: &Message) {
        let token = self.tasks.get(&id).and_then(|t| t.token.clone());
        let execution = self.executions[strand.exec].arn.clone();
        self.notify_subscribers(message, token.as_deref(), &execution, &strand.state);
    }

    /// Calls the subscribers of the message's destination and schedules what they ask for.
    fn notify_subscribers(
        &mut self,
        message: &Message,
        token: Option<&str>,
        execution: &str,
        state: &str,
    ) {
        let Some(mut subscribers) = self.subscribers.remove(&message.destination) else {
            return;
        };
        let mut scheduled = Vec::new();
        for subscriber in &mut subscribers {
            let mut invocation = Invocation {
                token,
                now: self.now,
                resource: &message.destination,
                execution,
                state,
                scheduled: Vec::new(),
                latency: Duration::ZERO,
            };
            subscriber(message, &mut invocation);
            scheduled.append(&mut invocation.scheduled);
        }
        self.subscribers
            .insert(message.destination.clone(), subscribers);
        self.schedule_actions(scheduled);
    }

    /// Publishes a message to an SNS topic from outside any execution, as a webhook or a
    /// Lambda function outside the state machine does; `sent_by` names the publisher. The
    /// topic's subscribers are called at once. Returns the `MessageId`.
    pub fn publish(
        &mut self,
        topic_arn: &str,
        body: &str,
        subject: Option<&str>,
        sent_by: &str,
    ) -> String {
        let message = Message {
            message_id: self.rng.uuid_v4(),
            destination: topic_arn.to_owned(),
            body: body.to_owned(),
            subject: subject.map(str::to_owned),
            attributes: None,
            timestamp: self.now,
            sent_by: sent_by.to_owned(),
        };
        // An outside publisher always reaches the topic, strict mode or not: it exists from
        // its first message on.
        self.mailboxes
            .entry(message.destination.clone())
            .or_default()
            .push(message.clone());
        self.notify_subscribers(&message, None, sent_by, "");
        message.message_id
    }
}
