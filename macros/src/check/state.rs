// Checks of one state's own keys: transitions, timeouts, integrations, Wait and Choice.

use syn::Ident;

use super::errors::{check_catchers, check_fail_error};
use crate::ctx::Errors;
use crate::kw;
use crate::model::*;

const MAX_SECONDS: u64 = 99_999_999;

pub(super) fn check_state(workflow: &Workflow, state: &StateDecl, errors: &Errors) {
    check_transition(state, errors);
    check_assign(state.assign.as_ref(), errors);
    if let Some(results) = state.results() {
        check_result_path(results.result_path.as_ref(), errors);
        for catch in &results.catch {
            check_result_path(catch.result_path.as_ref(), errors);
            check_assign(catch.assign.as_ref(), errors);
        }
        check_catchers(workflow, state, results, errors);
    }
    match &state.kind {
        Kind::Task(task) => check_task(workflow, state, task, errors),
        Kind::Choice(choice) => check_choice(state, choice, errors),
        Kind::Wait(wait) => check_wait(state, wait, errors),
        Kind::Fail(fail) => check_fail(workflow, fail, errors),
        Kind::Parallel(parallel)
            if parallel.branches.is_empty() && !state.failed(&[kw::BRANCHES]) =>
        {
            errors.at(
                state.attr.span(),
                format!(
                    "parallel state `{}` has no branches; add `branches = [module, ...]`",
                    state.ident
                ),
            )
        }
        Kind::Map(map) => check_map(state, map, errors),
        Kind::Pass(pass) => check_result_path(pass.result_path.as_ref(), errors),
        _ => {}
    }
}

fn check_transition(state: &StateDecl, errors: &Errors) {
    if matches!(state.kind, Kind::Choice(_) | Kind::Succeed | Kind::Fail(_)) {
        return;
    }
    if state.failed(&[kw::NEXT, kw::END]) {
        return;
    }
    match (&state.next, &state.end) {
        (Some(next), Some(_)) => errors.at(
            next.span(),
            "`next` and `end` exclude each other; a state either goes on or ends its scope",
        ),
        (None, None) => errors.at(
            state.attr.span(),
            format!(
                "state `{}` has neither `next` nor `end`; add `next = State` or `end`",
                state.ident
            ),
        ),
        _ => {}
    }
}

/// Variable names follow core's rule; each is assigned once.
fn check_assign(assign: Option<&Assign>, errors: &Errors) {
    let Some(assign) = assign else {
        return;
    };
    for (position, (name, _)) in assign.entries.iter().enumerate() {
        let text = syn::ext::IdentExt::unraw(name).to_string();
        if let Some(problem) = crate::rules::variable_problem(&text) {
            errors.at(name.span(), format!("variable `{text}` {problem}"));
        } else if assign.entries[..position]
            .iter()
            .any(|(n, _)| syn::ext::IdentExt::unraw(n) == text)
        {
            errors.at(
                name.span(),
                format!("variable `{text}` is assigned twice; give it once"),
            );
        }
    }
}

fn check_result_path(path: Option<&Nullable>, errors: &Errors) {
    if let Some(Nullable::Path(path)) = path
        && path.root == Root::Context
    {
        errors.at(
            path.root_span,
            "`result_path` cannot write into the context object `$$`; use a path under `$`",
        );
    }
}

fn check_task(workflow: &Workflow, state: &StateDecl, task: &Task, errors: &Errors) {
    let name = &state.ident;
    let Some((integration, target)) = &task.integration else {
        if state.failed(kw::INTEGRATIONS) {
            return;
        }
        errors.at(
            state.attr.span(),
            format!(
                "task `{name}` names no integration; add one of `{}`",
                kw::INTEGRATIONS.join("`, `")
            ),
        );
        return;
    };
    check_integration(state, task, integration, target, errors);
    check_timeouts(state, task, errors);
    if task.callback {
        check_callback(workflow, state, task, integration, errors);
    } else if let (Some(_), Some(pattern)) = (workflow.express, &task.pattern) {
        errors.at(
            pattern.span(),
            format!("express workflows cannot run `.{pattern}` tasks; remove `pattern` or make the workflow standard"),
        );
    }
}

fn check_integration(
    state: &StateDecl,
    task: &Task,
    integration: &Ident,
    target: &Target,
    errors: &Errors,
) {
    let kind = integration.to_string();
    if kind == kw::AWS_SDK || kind == kw::RESOURCE || kind == kw::HTTP {
        match target {
            Target::Placeholder(ident) if kind != kw::RESOURCE => errors.at(
                ident.span(),
                format!("`{kind}` takes a string, such as `{}`", example(&kind)),
            ),
            Target::Literal(lit) if kind == kw::AWS_SDK && !is_sdk_action(&lit.value()) => errors.at(
                lit.span(),
                format!("`{}` is not an `aws-sdk` action; write `\"service:action\"` such as `\"s3:getObject\"`", lit.value()),
            ),
            _ => {}
        }
    }
    let only = |key: &str, present: bool, owner: &str| {
        if present && kind != owner {
            errors.at(
                integration.span(),
                format!("`{key}` applies to `{owner}` tasks only, and this is a `{kind}` task"),
            );
        }
    };
    only(kw::METHOD, task.method.is_some(), kw::HTTP);
    only(kw::CONNECTION, task.connection.is_some(), kw::HTTP);
    only(kw::SOURCE, task.source.is_some(), kw::EVENTBRIDGE);
    only(kw::DETAIL_TYPE, task.detail_type.is_some(), kw::EVENTBRIDGE);
    if kind == kw::HTTP && task.connection.is_none() {
        errors.at(
            integration.span(),
            format!("http task `{}` needs `connection = ConnectionArn`, the EventBridge connection that signs its requests", state.ident),
        );
    }
    if let Some(pattern) = &task.pattern {
        check_pattern(task, &kind, pattern, errors);
    }
}

fn example(kind: &str) -> &'static str {
    match kind {
        kw::AWS_SDK => "`\"dynamodb:putItem\"`",
        kw::HTTP => "`\"https://api.example.com/valuations\"`",
        _ => "`\"arn:aws:states:::glue:startJobRun.sync\"`",
    }
}

fn is_sdk_action(text: &str) -> bool {
    matches!(text.split_once(':'), Some((service, action))
        if !service.is_empty() && !action.is_empty() && !action.contains(':'))
}

fn check_pattern(task: &Task, kind: &str, pattern: &Ident, errors: &Errors) {
    if task.callback {
        errors.at(
            pattern.span(),
            "`pattern` does not apply to `#[callback]` tasks: they wait for their task token",
        );
    } else if pattern != "sync" && pattern != "sync2" {
        errors.at(
            pattern.span(),
            format!("unknown pattern `{pattern}`; use `sync` or `sync2`"),
        );
    } else if kind != kw::START_EXECUTION {
        errors.at(
            pattern.span(),
            format!("`{kind}` tasks have no `.{pattern}` pattern; only `start_execution` waits for a job here"),
        );
    }
}

fn check_timeouts(state: &StateDecl, task: &Task, errors: &Errors) {
    for (key, value) in [
        (kw::TIMEOUT, &task.timeout),
        (kw::HEARTBEAT, &task.heartbeat),
    ] {
        if let Some(int) = value
            && (int.value == 0 || int.value > MAX_SECONDS)
        {
            errors.at(
                int.span,
                format!("`{key}` must be between 1 and {MAX_SECONDS} seconds"),
            );
        }
    }
    if let (Some(_), Some(path)) = (&task.timeout, &task.timeout_path) {
        errors.at(
            path.root_span,
            "`timeout_path` and `timeout` exclude each other; give one",
        );
    }
    if let (Some(_), Some(path)) = (&task.heartbeat, &task.heartbeat_path) {
        errors.at(
            path.root_span,
            "`heartbeat_path` and `heartbeat` exclude each other; give one",
        );
    }
    if let (Some(heartbeat), Some(timeout)) = (&task.heartbeat, &task.timeout)
        && heartbeat.value >= timeout.value
    {
        errors.at(
                heartbeat.span,
                format!(
                    "`heartbeat` ({}) must be less than `timeout` ({}) of task `{}`; a heartbeat is sent within the timeout",
                    heartbeat.value, timeout.value, state.ident
                ),
            );
    }
}

fn check_callback(
    workflow: &Workflow,
    state: &StateDecl,
    task: &Task,
    integration: &Ident,
    errors: &Errors,
) {
    let name = &state.ident;
    if workflow.express.is_some() {
        errors.at(
            state.attr.span(),
            format!("express workflows cannot wait for callbacks, so `{name}` cannot be a `#[callback]`; make the workflow standard"),
        );
    }
    if task.timeout.is_none()
        && task.timeout_path.is_none()
        && !state.failed(&[kw::TIMEOUT, kw::TIMEOUT_PATH])
    {
        errors.at(
            state.attr.span(),
            format!("callback task `{name}` has no timeout; add `timeout = 30` (seconds), or it may wait for a year"),
        );
    }
    if task.output.is_none() && !state.failed(&[kw::OUTPUT]) {
        errors.at(
            state.attr.span(),
            format!("callback task `{name}` has no `output`; add `output = Type`, what `SendTaskSuccess` sends"),
        );
    }
    if let Some(Payload::Path(path)) = &task.payload
        && integration != kw::ACTIVITY
    {
        errors.at(
                path.root_span,
                "a callback payload is a struct literal, so the task token can be added to it; write `payload = Request { field: $.field }`",
            );
    }
}

fn check_choice(state: &StateDecl, choice: &Choice, errors: &Errors) {
    if choice.rules.is_empty() && !state.failed(&[kw::WHEN]) {
        errors.at(
            state.attr.span(),
            format!(
                "choice state `{}` has no rules; add `when(condition => State)`",
                state.ident
            ),
        );
    }
    for rule in &choice.rules {
        check_condition(&rule.condition, errors);
    }
}

fn check_condition(condition: &Condition, errors: &Errors) {
    match condition {
        Condition::Compare {
            op, op_span, value, ..
        } => match value {
            Operand::Bool(_) if !matches!(op, CompareOp::Eq | CompareOp::Ne) => {
                errors.at(*op_span, "booleans compare only with `==` and `!=`");
            }
            Operand::Timestamp(lit) if !crate::rules::is_timestamp(&lit.value()) => errors.at(
                lit.span(),
                format!(
                    "`{}` is not an RFC 3339 timestamp such as `2026-01-01T00:00:00Z`",
                    lit.value()
                ),
            ),
            _ => {}
        },
        Condition::Not(inner) => check_condition(inner, errors),
        Condition::And(terms) | Condition::Or(terms) => {
            terms.iter().for_each(|term| check_condition(term, errors))
        }
        Condition::Test { .. } | Condition::Matches { .. } => {}
    }
}

fn check_wait(state: &StateDecl, wait: &Wait, errors: &Errors) {
    match &wait.duration {
        None if state.failed(&[kw::SECONDS, kw::TIMESTAMP, kw::SECONDS_PATH, kw::TIMESTAMP_PATH]) => {}
        None => errors.at(
            state.attr.span(),
            format!("wait state `{}` has no duration; add `seconds`, `timestamp`, `seconds_path` or `timestamp_path`", state.ident),
        ),
        Some(Duration::Seconds(seconds)) if seconds.value > MAX_SECONDS => {
            errors.at(seconds.span, format!("`seconds` must be at most {MAX_SECONDS}"));
        }
        Some(Duration::Timestamp(lit)) if !crate::rules::is_timestamp(&lit.value()) => errors.at(
            lit.span(),
            format!("`{}` is not an RFC 3339 timestamp such as `2026-01-01T00:00:00Z`", lit.value()),
        ),
        _ => {}
    }
}

fn check_fail(workflow: &Workflow, fail: &Fail, errors: &Errors) {
    if let (Some(_), Some(path)) = (&fail.error, &fail.error_path) {
        errors.at(
            path.root_span,
            "`error_path` and `error` exclude each other; give one",
        );
    }
    if let (Some(_), Some(path)) = (&fail.cause, &fail.cause_path) {
        errors.at(
            path.root_span,
            "`cause_path` and `cause` exclude each other; give one",
        );
    }
    if let Some(error) = &fail.error {
        check_fail_error(workflow, error, errors);
    }
}

fn check_map(state: &StateDecl, map: &Map, errors: &Errors) {
    if map.processor.is_none() && !state.failed(&[kw::PROCESSOR]) {
        errors.at(
            state.attr.span(),
            format!("map state `{}` has no `processor`; add `processor = module`, the module of states run for each item", state.ident),
        );
    }
    let typed_items = map.item.is_some() || matches!(map.item_selector, Some(Payload::Struct(_)));
    if !typed_items && !state.failed(&[kw::ITEM, kw::ITEM_SELECTOR]) {
        errors.at(
            state.attr.span(),
            format!("map state `{}` needs `item = Type`, the type of one item, so that its processor's paths can be checked", state.ident),
        );
    }
    if map.distributed.is_none() {
        let distributed_only = [
            (kw::EXECUTION, map.execution.as_ref().map(Ident::span)),
            (
                kw::TOLERATED_FAILURE_PERCENTAGE,
                map.tolerated_failure_percentage.as_ref().map(|f| f.span),
            ),
            (
                kw::TOLERATED_FAILURE_COUNT,
                map.tolerated_failure_count.as_ref().map(|i| i.span),
            ),
            (kw::LABEL, map.label.as_ref().map(syn::LitStr::span)),
            (
                kw::MAX_ITEMS_PER_BATCH,
                map.max_items_per_batch.as_ref().map(|i| i.span),
            ),
            (
                kw::MAX_BYTES_PER_BATCH,
                map.max_bytes_per_batch.as_ref().map(|i| i.span),
            ),
            (
                kw::ITEM_READER,
                map.item_reader.as_ref().map(|r| r.key.span()),
            ),
            (
                kw::RESULT_WRITER,
                map.result_writer.as_ref().map(|w| w.key.span()),
            ),
        ];
        for (key, span) in distributed_only {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!("`{key}` applies to distributed maps only; add `distributed`"),
                );
            }
        }
    }
    if let Some(execution) = &map.execution
        && execution != "standard"
        && execution != "express"
    {
        errors.at(
            execution.span(),
            format!("unknown execution type `{execution}`; use `standard` or `express`"),
        );
    }
    if let Some(reader) = &map.item_reader {
        check_reader(reader, errors);
    }
    if let Some(writer) = &map.result_writer {
        check_writer(writer, errors);
    }
    if let Some(percentage) = &map.tolerated_failure_percentage
        && !(0.0..=100.0).contains(&percentage.value)
    {
        errors.at(
            percentage.span,
            "`tolerated_failure_percentage` must be between 0 and 100",
        );
    }
}

fn check_reader(reader: &ItemReader, errors: &Errors) {
    match &reader.source {
        None => errors.at(
            reader.key.span(),
            "`item_reader` needs its source; write `item_reader(s3_object, ...)` or `item_reader(s3_list, ...)`",
        ),
        Some(source) if source == kw::S3_OBJECT && reader.object.is_none() => errors.at(
            source.span(),
            "`item_reader(s3_object, ...)` needs the object's `key`; add `key = \"items.json\"`",
        ),
        Some(_) => {}
    }
    if reader.bucket.is_none() {
        errors.at(
            reader.key.span(),
            "`item_reader` needs a `bucket`; add `bucket = BucketName`",
        );
    }
    let words = [
        (kw::INPUT_TYPE, &reader.input_type),
        (kw::CSV_HEADER_LOCATION, &reader.csv_header_location),
    ];
    for (key, word) in words {
        check_word(key, word.as_ref(), errors);
    }
}

fn check_writer(writer: &ResultWriter, errors: &Errors) {
    if writer.bucket.is_none() {
        errors.at(
            writer.key.span(),
            "`result_writer` needs a `bucket`; add `bucket = BucketName`",
        );
    }
    let words = [
        (kw::OUTPUT_TYPE, &writer.output_type),
        (kw::TRANSFORMATION, &writer.transformation),
    ];
    for (key, word) in words {
        check_word(key, word.as_ref(), errors);
    }
}

/// A value of `input_type`, `csv_header_location`, `output_type` or `transformation` must be
/// one core knows (`csv` for `CSV`).
fn check_word(key: &str, word: Option<&Ident>, errors: &Errors) {
    let Some(word) = word else { return };
    if crate::model::map_word(key, word).is_none() {
        let allowed = crate::model::MAP_WORDS
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, w)| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        errors.at(
            word.span(),
            format!("unknown `{key}` `{word}`; use one of {allowed}"),
        );
    }
}
