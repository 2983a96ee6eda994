//! Conformance with histories recorded on real AWS Step Functions.
//!
//! Each file under `tests/conformance/` holds one execution that was run on AWS (the
//! `source` field says where the recording comes from), restated in our own fixture format:
//! the definition, the input, what the Lambda functions and other services answered, and
//! what AWS reported: the status, the output or error and cause, and every history event.
//! The test runs the same definition in the engine and compares event for event.
//!
//! What cannot be compared is normalised on both sides before the comparison: timestamps
//! (dropped), ARNs (reduced to service and resource type: `arn:states:execution`), ISO-8601
//! dates inside payloads (written `"<date>"` in a fixture), UUIDs inside text (request
//! ids), role ARNs, regions, task tokens, message ids and the SDK's HTTP metadata. JSON text
//! fields (`input`, `output`, `parameters`, JSON `cause`s, the values of
//! `assignedVariables`) are compared as JSON values, since AWS does not promise a key order;
//! a fixture may hold them as text or already parsed.
//!
//! ## Parallel branches masked as LocalStack masks them
//!
//! Some recordings went through LocalStack's `SfnNoneRecursiveParallelTransformer` before they
//! were stored, because the events of a Parallel state's branches interleave differently
//! from run to run. A fixture transcribing such a recording sets `"parallelMasked": true`,
//! and the harness then applies the same transformation to the engine's history, step for
//! step, before comparing:
//!
//! - walking the events in order, a `ParallelStateStarted` opens a sublist that starts
//!   after it; each following event (other than the four closers below) gets `"id": [0]`
//!   and `"previousEventId": 0` and joins the sublist;
//! - at every `ParallelStateSucceeded`, `ParallelStateFailed`, `ParallelStateAborted` or
//!   `ParallelStateExited`, the events from the sublist's start up to (not including) the
//!   closer are replaced by the sublist, sorted, and the sublist is closed. Since the
//!   sublist is kept, the second closer of a pair (`ParallelStateSucceeded` then
//!   `ParallelStateExited`) replaces the first one too: the recording has no
//!   `ParallelStateSucceeded`. Like LocalStack's loop, which walks the list it shortens,
//!   the event after such a removal is skipped;
//! - a nested Parallel restarts the sublist, so what LocalStack did to nested branches is
//!   reproduced as well (events replaced, ids kept or masked) by the same rules.
//!
//! What stays is compared strictly: types, details, the ids and `previousEventId`s of the
//! events outside the sublists, and the order of those events. Inside a sublist only the
//! order is lost (LocalStack sorted it by its own serialisation, which held values the
//! recording no longer shows), so each run of consecutive `[0]` events is sorted the same
//! way on both sides before the comparison: the set of branch events still has to match.
//!
//! A fixture with a `divergence` field records a known difference from AWS: the test then
//! checks that the engine still differs (so that a fix is noticed) and the text explains why.
//!
//! ## Fixture format
//!
//! ```json
//! {
//!   "source": "where the AWS recording comes from",
//!   "machineType": "STANDARD",                 // optional, or "EXPRESS"
//!   "machines": { "Name": { ... } },           // optional: other machines (their ASL) that
//!                                              // the definition starts, created first
//!   "definition": { ... },                     // the ASL, as an object
//!   "input": { ... },                          // the execution input
//!   "services": {                              // optional
//!     "lambda:NAME":   [ reply, ... ],         // a Lambda function, by name
//!     "RESOURCE":      [ reply, ... ],         // any other resource (aws-sdk:*, http:invoke)
//!     "subscribe:ARN_OR_URL": [ reply, ... ]   // a subscriber to an SNS topic or SQS queue
//!   },
//!   "activities": { "ACTIVITY_ARN": [ reply, ... ] },  // optional: a worker per activity
//!   "strictDestinations": true,                // optional: SNS topics and SQS queues must
//!                                              // exist (none is created by the fixture)
//!   "parallelMasked": true,                    // optional: the recording's Parallel branches
//!                                              // were masked by LocalStack (see above)
//!   "mockConfig": { ... }, "testCase": "NAME", // optional: Step Functions Local's mock
//!                                              // config, the machine being "conformance"
//!   "expected": {
//!     "status": "SUCCEEDED",                   // FAILED, TIMED_OUT, ABORTED
//!     "output": ..., "error": "...", "cause": "...",   // each optional
//!     "events": [ { "id": 1, "previousEventId": 0, "type": "...", "...EventDetails": {} } ]
//!   },
//!   "divergence": "optional: why the engine knowingly differs"
//! }
//! ```
//!
//! A reply answers one call, in order (the last one repeats): `{"return": value}`,
//! `{"throw": {"error": "...", "cause": "..."}}` (either field optional) or
//! `{"lambdaError": {"type": "...", "message": "..."}}` (a function error as Lambda reports
//! it), with optional `"latency": seconds` before it arrives. A reply to a
//! `.waitForTaskToken` call (or a subscriber's reply to the message such a task sent) may add
//! `"callback": {"after": seconds, "success": value}` or
//! `{"after": seconds, "failure": {"error": "...", "cause": "..."}}` and
//! `"heartbeats": [seconds, ...]`, sent with the task's token at those virtual times. An
//! activity worker polls as soon as a task is waiting and answers each task it gets with
//! the next reply's `callback` and `heartbeats` (a reply with neither never answers).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value, json};
use stepfn_local::{
    Action, Engine, EngineConfig, ExecutionStatus, Invocation, MachineType, MockConfig, TaskError,
};

/// One recorded execution.
struct Fixture {
    path: PathBuf,
    document: Value,
}

impl Fixture {
    fn load(path: &Path) -> Fixture {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let document: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for key in ["source", "definition", "input", "expected"] {
            assert!(
                document.get(key).is_some(),
                "{}: the fixture has no `{key}`",
                path.display()
            );
        }
        Fixture {
            path: path.to_owned(),
            document,
        }
    }

    fn name(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// A scripted answer to one service call.
#[derive(Clone)]
struct Reply(Value);

impl Reply {
    fn answer(&self, invocation: &mut Invocation<'_>) -> Result<Value, TaskError> {
        let reply = &self.0;
        if let Some(seconds) = reply.get("latency").and_then(Value::as_f64) {
            invocation.respond_after(Duration::from_secs_f64(seconds));
        }
        self.schedule_callbacks(invocation);
        if let Some(thrown) = reply.get("throw") {
            return Err(TaskError {
                error: thrown
                    .get("error")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                cause: thrown
                    .get("cause")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        if let Some(thrown) = reply.get("lambdaError") {
            let text = |key: &str| thrown.get(key).and_then(Value::as_str).unwrap_or_default();
            return Err(TaskError::lambda(text("type"), text("message")));
        }
        Ok(reply.get("return").cloned().unwrap_or(Value::Null))
    }

    fn schedule_callbacks(&self, invocation: &mut Invocation<'_>) {
        let Some(token) = invocation.task_token().map(str::to_owned) else {
            return;
        };
        for (delay, action) in self.callbacks(&token) {
            invocation.after(delay, action);
        }
    }

    /// The heartbeats and the answer this reply sends with `token`, each at its delay.
    fn callbacks(&self, token: &str) -> Vec<(Duration, Action)> {
        let mut planned: Vec<(Duration, Action)> = Vec::new();
        for seconds in self.0["heartbeats"].as_array().into_iter().flatten() {
            let token = token.to_owned();
            let delay = Duration::from_secs_f64(seconds.as_f64().unwrap_or(0.0));
            planned.push((
                delay,
                Box::new(move |engine: &mut Engine| {
                    // A late heartbeat is part of some recordings: its error is not the point.
                    let _ = engine.send_task_heartbeat(&token);
                }),
            ));
        }
        if let Some(callback) = self.0.get("callback").cloned() {
            let token = token.to_owned();
            let delay = Duration::from_secs_f64(callback["after"].as_f64().unwrap_or(0.0));
            planned.push((
                delay,
                Box::new(move |engine: &mut Engine| {
                    if let Some(output) = callback.get("success") {
                        let _ = engine.send_task_success(&token, &output.to_string());
                    } else if let Some(failure) = callback.get("failure") {
                        let error = failure.get("error").and_then(Value::as_str);
                        let cause = failure.get("cause").and_then(Value::as_str);
                        let _ = engine.send_task_failure(&token, error, cause);
                    }
                }),
            ));
        }
        planned
    }
}

/// Replies handed out in order; the last one repeats.
#[derive(Clone)]
struct Script(Arc<Mutex<(Vec<Reply>, usize)>>);

impl Script {
    fn new(replies: &Value) -> Script {
        let replies = replies
            .as_array()
            .map(|list| list.iter().cloned().map(Reply).collect())
            .unwrap_or_else(|| vec![Reply(replies.clone())]);
        Script(Arc::new(Mutex::new((replies, 0))))
    }

    fn next(&self) -> Reply {
        let mut guard = self.0.lock().expect("script lock");
        let (replies, used) = &mut *guard;
        let reply = replies[(*used).min(replies.len() - 1)].clone();
        *used += 1;
        reply
    }
}

fn install_services(engine: &mut Engine, services: &Map<String, Value>) {
    for (key, replies) in services {
        let script = Script::new(replies);
        if let Some(name) = key.strip_prefix("lambda:") {
            engine.register_lambda(name, move |_, invocation| script.next().answer(invocation));
        } else if let Some(destination) = key.strip_prefix("subscribe:") {
            engine.subscribe(destination, move |_, invocation| {
                let _ = script.next().answer(invocation);
            });
        } else {
            engine.register_handler(key, move |_, invocation| script.next().answer(invocation));
        }
    }
}

fn status_name(status: &ExecutionStatus) -> &'static str {
    match status {
        ExecutionStatus::Running => "RUNNING",
        ExecutionStatus::Succeeded => "SUCCEEDED",
        ExecutionStatus::Failed => "FAILED",
        ExecutionStatus::TimedOut => "TIMED_OUT",
        ExecutionStatus::Aborted => "ABORTED",
    }
}

/// Runs the fixture's execution and returns what the engine reports, in the fixture's shape.
fn run(fixture: &Fixture) -> Result<Value, String> {
    let document = &fixture.document;
    let strict = document.get("strictDestinations") == Some(&Value::Bool(true));
    let mut engine = Engine::with_config(EngineConfig {
        strict_destinations: strict,
        ..EngineConfig::default()
    });
    if let Some(services) = document.get("services").and_then(Value::as_object) {
        install_services(&mut engine, services);
    }
    let machine_type = match document.get("machineType").and_then(Value::as_str) {
        Some("EXPRESS") => MachineType::Express,
        _ => MachineType::Standard,
    };
    if let Some(machines) = document.get("machines").and_then(Value::as_object) {
        for (name, definition) in machines {
            engine
                .create_state_machine(name, definition.to_string().as_str(), MachineType::Standard)
                .map_err(|e| format!("machine {name} rejected: {e}"))?;
        }
    }
    let definition = document["definition"].to_string();
    let machine = engine
        .create_state_machine("conformance", definition.as_str(), machine_type)
        .map_err(|e| format!("definition rejected: {e}"))?;
    let target = match (document.get("mockConfig"), document.get("testCase")) {
        (Some(config), Some(Value::String(case))) => {
            let config = MockConfig::from_json(&config.to_string())
                .map_err(|e| format!("mock config rejected: {e}"))?;
            engine.set_mock_config(config);
            format!("{machine}#{case}")
        }
        _ => machine,
    };
    let execution = engine
        .start_execution(&target, Some("run"), document["input"].clone())
        .map_err(|e| format!("execution refused: {e}"))?;
    let workers: Vec<(String, Script)> = document
        .get("activities")
        .and_then(Value::as_object)
        .map(|activities| {
            activities
                .iter()
                .map(|(arn, replies)| (arn.clone(), Script::new(replies)))
                .collect()
        })
        .unwrap_or_default();
    let description = if workers.is_empty() {
        engine
            .run_to_completion(&execution)
            .map_err(|e| format!("execution did not end: {e}"))?
    } else {
        run_with_workers(&mut engine, &execution, &workers)?
    };
    let mut report = Map::new();
    report.insert("status".into(), status_name(&description.status).into());
    if let Some(output) = description.output {
        report.insert("output".into(), output);
    }
    if let Some(error) = description.error {
        report.insert("error".into(), error.into());
    }
    if let Some(cause) = description.cause {
        report.insert("cause".into(), cause.into());
    }
    let events = serde_json::to_value(engine.history(&execution).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    report.insert("events".into(), events);
    Ok(Value::Object(report))
}

/// Drives the engine like `run_to_completion`, with activity workers that poll whenever the
/// engine is idle and answer by their scripts.
fn run_with_workers(
    engine: &mut Engine,
    execution: &str,
    workers: &[(String, Script)],
) -> Result<stepfn_local::ExecutionDescription, String> {
    // Bounded: every round either hands out a task or moves the clock to a timer.
    for _ in 0..10_000 {
        engine.run_until_idle();
        let description = engine
            .describe_execution(execution)
            .map_err(|e| e.to_string())?;
        if description.status != ExecutionStatus::Running {
            return Ok(description);
        }
        let mut polled = false;
        for (arn, script) in workers {
            while let Some(task) = engine
                .get_activity_task(arn, Some("conformance-worker"))
                .map_err(|e| e.to_string())?
            {
                polled = true;
                answer_activity(engine, &task.task_token, &script.next());
            }
        }
        if !polled && engine.advance_to_next_timer().is_none() {
            return Err("execution did not end: it waits for nothing the fixture sends".into());
        }
    }
    Err("execution did not end within 10,000 rounds".into())
}

/// Schedules an activity worker's heartbeats and answer for one task.
fn answer_activity(engine: &mut Engine, token: &str, reply: &Reply) {
    for (delay, action) in reply.callbacks(token) {
        engine.schedule(delay, action);
    }
}

/// `arn:aws:states:us-east-1:123456789012:execution:M:run` -> `arn:states:execution`.
fn normalise_arn(arn: &str) -> String {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let service = parts.get(2).copied().unwrap_or_default();
    let resource = parts.get(5).copied().unwrap_or_default();
    let kind = resource.split([':', '/']).next().unwrap_or_default();
    format!("arn:{service}:{kind}")
}

fn looks_like_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 19
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
}

/// Replaces each UUID in `text` (request ids inside causes) with `<uuid>`.
fn mask_uuids(text: &str) -> String {
    const SHAPE: [usize; 5] = [8, 4, 4, 4, 12];
    let is_uuid = |candidate: &str| {
        candidate.len() == 36
            && candidate
                .split('-')
                .map(|group| group.len())
                .eq(SHAPE.iter().copied())
            && candidate.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if rest.len() >= 36 && rest.is_char_boundary(36) && is_uuid(&rest[..36]) {
            out.push_str("<uuid>");
            rest = &rest[36..];
        } else {
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

const JSON_TEXT_FIELDS: [&str; 4] = ["input", "output", "parameters", "cause"];
const OPAQUE_FIELDS: [&str; 6] = [
    "SdkHttpMetadata",
    "SdkResponseMetadata",
    "MessageId",
    "MD5OfMessageBody",
    "RequestId",
    "SequenceNumber",
];

fn normalise(value: &Value) -> Value {
    match value {
        Value::String(text) if text.starts_with("arn:") => normalise_arn(text).into(),
        Value::String(text) if looks_like_date(text) => "<date>".into(),
        Value::String(text) => mask_uuids(text).into(),
        Value::Array(items) => items.iter().map(normalise).collect(),
        Value::Object(fields) => {
            let mut out = Map::new();
            for (key, field) in fields {
                if key == "timestamp" {
                    continue;
                }
                let lower = key.to_ascii_lowercase();
                let normalised = if OPAQUE_FIELDS.contains(&key.as_str()) {
                    json!("<opaque>")
                } else if lower.contains("token") && field.is_string() {
                    json!("<task-token>")
                } else if key == "assignedVariables"
                    && let Some(variables) = field.as_object()
                {
                    // Each variable's value is JSON text.
                    let parsed: Map<String, Value> = variables
                        .iter()
                        .map(|(name, text)| {
                            let value = text
                                .as_str()
                                .and_then(|t| serde_json::from_str::<Value>(t).ok())
                                .unwrap_or_else(|| text.clone());
                            (name.clone(), normalise(&value))
                        })
                        .collect();
                    Value::Object(parsed)
                } else if key == "roleArn" {
                    json!("<role>")
                } else if key == "region" {
                    json!("<region>")
                } else if JSON_TEXT_FIELDS.contains(&key.as_str()) {
                    // JSON text on the wire; recordings may hold it parsed already.
                    match field.as_str().map(serde_json::from_str::<Value>) {
                        Some(Ok(parsed)) => normalise(&parsed),
                        _ => normalise(field),
                    }
                } else {
                    normalise(field)
                };
                out.insert(key.clone(), normalised);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The first difference between the expected and the actual report, if any.
fn difference(expected: &Value, actual: &Value) -> Option<String> {
    difference_normalised(&normalise(expected), &normalise(actual))
}

/// Like [`difference`], for a recording whose Parallel branches LocalStack masked: the
/// engine's history gets the same masking, and the masked events are compared as a set.
fn difference_parallel_masked(expected: &Value, actual: &Value) -> Option<String> {
    let mut expected = normalise(expected);
    let mut actual = normalise(actual);
    if let Some(events) = actual.get_mut("events").and_then(Value::as_array_mut) {
        mask_parallel_branches(events);
    }
    for report in [&mut expected, &mut actual] {
        if let Some(events) = report.get_mut("events").and_then(Value::as_array_mut) {
            sort_masked_runs(events);
        }
    }
    difference_normalised(&expected, &actual)
}

const PARALLEL_CLOSERS: [&str; 4] = [
    "ParallelStateSucceeded",
    "ParallelStateAborted",
    "ParallelStateExited",
    "ParallelStateFailed",
];

/// What LocalStack's `SfnNoneRecursiveParallelTransformer` does to a list of events,
/// quirks included (see the module documentation).
fn mask_parallel_branches(events: &mut Vec<Value>) {
    // Where the sublist starts; before any ParallelStateStarted, the start of the list.
    let mut start = 0;
    let mut sublist: Vec<Value> = Vec::new();
    let mut in_sublist = false;
    // An index walk over a list that may shrink, as Python's iteration over a list is.
    let mut index = 0;
    while index < events.len() {
        let kind = events[index]
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_owned);
        match kind.as_deref() {
            None => in_sublist = false,
            Some(kind) if PARALLEL_CLOSERS.contains(&kind) => {
                // `events[start:index] = sorted(sublist)`, with Python's slice rules.
                let from = start.min(events.len());
                let to = index.max(from);
                let mut sorted = sublist.clone();
                sorted.sort_by_cached_key(canonical_text);
                events.splice(from..to, sorted);
                in_sublist = false;
            }
            Some("ParallelStateStarted") => {
                in_sublist = true;
                sublist = Vec::new();
                start = index + 1;
            }
            Some(_) if in_sublist => {
                let event = &mut events[index];
                event["id"] = json!([0]);
                event["previousEventId"] = json!(0);
                sublist.push(event.clone());
            }
            Some(_) => {}
        }
        index += 1;
    }
}

/// Sorts each run of consecutive masked events (`"id": [0]`), whose order was lost.
fn sort_masked_runs(events: &mut [Value]) {
    let masked = |event: &Value| event.get("id") == Some(&json!([0]));
    let mut index = 0;
    while index < events.len() {
        let run = events[index..]
            .iter()
            .take_while(|event| masked(event))
            .count();
        events[index..index + run].sort_by_cached_key(canonical_text);
        index += run.max(1);
    }
}

/// JSON text with the keys of every object sorted, so that equal values give equal text.
fn canonical_text(value: &Value) -> String {
    fn canonical(value: &Value) -> Value {
        match value {
            Value::Object(fields) => {
                let mut keys: Vec<&String> = fields.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|key| (key.clone(), canonical(&fields[key])))
                        .collect(),
                )
            }
            Value::Array(items) => items.iter().map(canonical).collect(),
            other => other.clone(),
        }
    }
    canonical(value).to_string()
}

/// The first difference between two reports already normalised.
fn difference_normalised(expected: &Value, actual: &Value) -> Option<String> {
    for key in ["status", "error", "cause", "output"] {
        if expected.get(key) != actual.get(key) {
            return Some(format!(
                "{key}: AWS {}, engine {}",
                expected.get(key).unwrap_or(&Value::Null),
                actual.get(key).unwrap_or(&Value::Null)
            ));
        }
    }
    let empty = Vec::new();
    let expected_events = expected["events"].as_array().unwrap_or(&empty);
    let actual_events = actual["events"].as_array().unwrap_or(&empty);
    for (index, expected_event) in expected_events.iter().enumerate() {
        let Some(actual_event) = actual_events.get(index) else {
            return Some(format!(
                "event {}: AWS {expected_event}, engine has no more events",
                index + 1
            ));
        };
        if expected_event != actual_event {
            return Some(format!(
                "event {}:\n  AWS    {expected_event}\n  engine {actual_event}",
                index + 1
            ));
        }
    }
    if actual_events.len() > expected_events.len() {
        return Some(format!(
            "the engine has {} events, AWS {}; first extra: {}",
            actual_events.len(),
            expected_events.len(),
            actual_events[expected_events.len()]
        ));
    }
    None
}

fn fixtures() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut paths: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths.iter().map(|path| Fixture::load(path)).collect()
}

#[test]
fn the_engine_reproduces_the_recorded_aws_executions() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no conformance fixtures found");
    let mut failures = Vec::new();
    let mut still_divergent = 0;
    // `CONFORMANCE_SHOW=<fixture name>` prints the engine's events of that fixture.
    let show = std::env::var("CONFORMANCE_SHOW").ok();
    for fixture in &fixtures {
        let outcome = run(fixture);
        if show.as_deref() == Some(fixture.name().as_str())
            && let Ok(actual) = &outcome
        {
            for event in actual["events"].as_array().into_iter().flatten() {
                #[allow(clippy::print_stderr, reason = "asked for with CONFORMANCE_SHOW")]
                {
                    eprintln!("{event}");
                }
            }
        }
        let diff = match &outcome {
            Ok(actual) if fixture.document.get("parallelMasked") == Some(&Value::Bool(true)) => {
                difference_parallel_masked(&fixture.document["expected"], actual)
            }
            Ok(actual) => difference(&fixture.document["expected"], actual),
            Err(problem) => Some(problem.clone()),
        };
        match (fixture.document.get("divergence"), diff) {
            (None, None) => {}
            (None, Some(diff)) => failures.push(format!("{}: {diff}", fixture.name())),
            (Some(_), Some(_)) => still_divergent += 1,
            (Some(why), None) => failures.push(format!(
                "{}: recorded as a divergence ({why}) but the engine now matches AWS: \
                 drop the `divergence` field",
                fixture.name()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} recorded executions differ ({} known divergences):\n\n{}",
        failures.len(),
        fixtures.len(),
        still_divergent,
        failures.join("\n\n")
    );
}

#[test]
fn normalisation_keeps_what_matters() {
    let event = json!({"timestamp": 1.5, "id": 3, "stateExitedEventDetails": {
        "output": "{\"Id\":\"arn:aws:states:us-east-1:123:execution:M:run\",\"At\":\"2026-01-01T00:00:00.000Z\"}"}});
    assert_eq!(
        normalise(&event),
        json!({"id": 3, "stateExitedEventDetails": {"output":
            {"Id": "arn:states:execution", "At": "<date>"}}})
    );
    // A cause that is plain text stays text; a different value is still a difference.
    assert_eq!(
        normalise(&json!({"cause": "boom"})),
        json!({"cause": "boom"})
    );
    assert!(
        difference(
            &json!({"status": "FAILED", "events": []}),
            &json!({"status": "SUCCEEDED", "events": []})
        )
        .is_some()
    );
}

#[test]
fn parallel_masking_mirrors_localstack() {
    let event = |id: u64, previous: u64, kind: &str| json!({"id": id, "previousEventId": previous, "type": kind});
    let masked = |kind: &str| json!({"id": [0], "previousEventId": 0, "type": kind});
    let recorded = vec![
        event(1, 0, "ExecutionStarted"),
        event(2, 0, "ParallelStateEntered"),
        event(3, 2, "ParallelStateStarted"),
        event(4, 3, "PassStateEntered"),
        event(5, 4, "PassStateExited"),
        event(6, 5, "ParallelStateSucceeded"),
        event(7, 5, "ParallelStateExited"),
        event(8, 7, "ExecutionSucceeded"),
    ];
    let mut events = recorded.clone();
    mask_parallel_branches(&mut events);
    // The branch events are masked, ParallelStateSucceeded is gone, the rest is kept.
    let expected = vec![
        event(1, 0, "ExecutionStarted"),
        event(2, 0, "ParallelStateEntered"),
        event(3, 2, "ParallelStateStarted"),
        masked("PassStateEntered"),
        masked("PassStateExited"),
        event(7, 5, "ParallelStateExited"),
        event(8, 7, "ExecutionSucceeded"),
    ];
    assert_eq!(events, expected);
    // Only the order of the masked events is ignored.
    let report = |events: Vec<Value>| json!({"status": "SUCCEEDED", "events": events});
    let mut swapped = expected.clone();
    swapped.swap(3, 4);
    assert_eq!(
        difference_parallel_masked(&report(swapped.clone()), &report(recorded.clone())),
        None
    );
    swapped[5]["previousEventId"] = json!(6);
    assert!(difference_parallel_masked(&report(swapped), &report(recorded)).is_some());
    assert!(
        difference_parallel_masked(
            &report(vec![masked("PassStateEntered")]),
            &report(vec![masked("PassStateExited")])
        )
        .is_some()
    );
}
