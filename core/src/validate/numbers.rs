//! Numbers and times: the ranges AWS accepts, heartbeats below timeouts, timestamp literals.

use serde_json::Value;

use crate::model::{
    ChoiceRule, Condition, IntSource, JsonataExpr, MapState, NumberSource, Operand, OperandKind,
    QueryLanguage, State, StateMachine, TaskState, WaitDuration,
};

use super::Code;
use super::site::{Sink, Site, push_token};
use super::timestamp::is_timestamp;

/// The largest timeout, heartbeat, interval, attempt count or wait AWS accepts.
pub(super) const MAX_SECONDS: u64 = 99_999_999;

/// The largest `ReaderConfig.MaxItems` AWS accepts (measured in floci-io/floci#3733).
const MAX_READER_ITEMS: u64 = 100_000_000;

/// The message of an `out-of-range` finding.
pub(super) fn out_of_range(
    what: &str,
    field: &str,
    value: impl std::fmt::Display,
    min: u64,
    max: u64,
) -> String {
    format!("{what} has `{field}` {value}; AWS accepts {min} to {max}")
}

/// The machine-level `TimeoutSeconds`.
pub(super) fn check_machine(sink: &mut Sink, machine: &StateMachine) {
    if let Some(seconds) = machine.timeout_seconds
        && !(1..=MAX_SECONDS).contains(&seconds)
    {
        let message = out_of_range("the machine", "TimeoutSeconds", seconds, 1, MAX_SECONDS);
        sink.error(Code::OutOfRange, "/TimeoutSeconds".to_owned(), message);
    }
}

pub(super) fn check(sink: &mut Sink, site: &Site<'_>) {
    match site.state {
        State::Task(task) => check_task(sink, site, task),
        State::Wait(wait) => match &wait.duration {
            WaitDuration::Seconds(seconds) => {
                value_range(sink, site, "Seconds", Some(*seconds), 0, MAX_SECONDS);
            }
            WaitDuration::Timestamp(text) => {
                let expression = site.language == QueryLanguage::Jsonata
                    && JsonataExpr::from_template_string(text).is_some();
                if !expression && !is_timestamp(text) {
                    bad_timestamp(sink, site.at("/Timestamp"), site.name, text);
                }
            }
            _ => {}
        },
        State::Choice(choice) if choice.choices.iter().any(has_bad_timestamp) => {
            let mut pointer = site.pointer.to_owned();
            pointer.push_str("/Choices");
            for (index, rule) in choice.choices.iter().enumerate() {
                let len = pointer.len();
                push_token(&mut pointer, &index.to_string());
                check_rule(sink, site, &mut pointer, rule);
                pointer.truncate(len);
            }
        }
        State::Map(map) => check_map(sink, site, map),
        _ => {}
    }
}

fn check_task(sink: &mut Sink, site: &Site<'_>, task: &TaskState) {
    let timeout = literal(&task.timeout);
    let heartbeat = literal(&task.heartbeat);
    let timeout_ok = value_range(sink, site, "TimeoutSeconds", timeout, 1, MAX_SECONDS);
    let heartbeat_ok = value_range(sink, site, "HeartbeatSeconds", heartbeat, 1, MAX_SECONDS);
    if let (Some(timeout), Some(heartbeat), true, true) =
        (timeout, heartbeat, timeout_ok, heartbeat_ok)
        && heartbeat >= timeout
    {
        sink.error(
                Code::HeartbeatNotBelowTimeout,
                site.at("/HeartbeatSeconds"),
                format!(
                    "state `{}` has `HeartbeatSeconds` {heartbeat} which is not below `TimeoutSeconds` {timeout}",
                    site.name
                ),
            );
    }
}

fn literal(source: &Option<IntSource>) -> Option<u64> {
    match source {
        Some(IntSource::Value(value)) => Some(*value),
        _ => None,
    }
}

/// Reports `field` of the state when its literal is outside `min..=max`; returns whether it
/// is inside (or absent).
fn value_range(
    sink: &mut Sink,
    site: &Site<'_>,
    field: &str,
    value: Option<u64>,
    min: u64,
    max: u64,
) -> bool {
    let Some(value) = value else {
        return true;
    };
    if (min..=max).contains(&value) {
        return true;
    }
    let what = format!("state `{}`", site.name);
    sink.error(
        Code::OutOfRange,
        site.at(&format!("/{field}")),
        out_of_range(&what, field, value, min, max),
    );
    false
}

/// Checks the timestamp literals of a rule and the rules nested in it; `pointer` is the
/// rule's.
fn check_rule(sink: &mut Sink, site: &Site<'_>, pointer: &mut String, rule: &ChoiceRule) {
    let len = pointer.len();
    match &rule.condition {
        Condition::Test(test) => {
            let comparison = &test.comparison;
            if comparison.operator.operand_kind() != OperandKind::Timestamp {
                return;
            }
            if let Operand::Value(Value::String(text)) = &comparison.operand
                && !is_timestamp(text)
            {
                push_token(pointer, comparison.operator.name());
                bad_timestamp(sink, pointer.clone(), site.name, text);
                pointer.truncate(len);
            }
        }
        Condition::And(rules) | Condition::Or(rules) => {
            let field = if matches!(rule.condition, Condition::And(_)) {
                "And"
            } else {
                "Or"
            };
            push_token(pointer, field);
            for (index, nested) in rules.iter().enumerate() {
                let inner = pointer.len();
                push_token(pointer, &index.to_string());
                check_rule(sink, site, pointer, nested);
                pointer.truncate(inner);
            }
            pointer.truncate(len);
        }
        Condition::Not(nested) => {
            push_token(pointer, "Not");
            check_rule(sink, site, pointer, nested);
            pointer.truncate(len);
        }
        Condition::JsonataBool(_) | Condition::Jsonata(_) => {}
    }
}

fn has_bad_timestamp(rule: &ChoiceRule) -> bool {
    match &rule.condition {
        Condition::Test(test) => {
            let comparison = &test.comparison;
            comparison.operator.operand_kind() == OperandKind::Timestamp
                && matches!(&comparison.operand, Operand::Value(Value::String(text)) if !is_timestamp(text))
        }
        Condition::And(rules) | Condition::Or(rules) => rules.iter().any(has_bad_timestamp),
        Condition::Not(nested) => has_bad_timestamp(nested),
        Condition::JsonataBool(_) | Condition::Jsonata(_) => false,
    }
}

fn bad_timestamp(sink: &mut Sink, pointer: String, state: &str, text: &str) {
    sink.error(
        Code::InvalidTimestamp,
        pointer,
        format!(
            "state `{state}` has the timestamp `{text}`, which is not RFC 3339 with an uppercase `T` and a `Z` or offset, like `2026-01-31T09:30:00Z`"
        ),
    );
}

fn check_map(sink: &mut Sink, site: &Site<'_>, map: &MapState) {
    if let Some(NumberSource::Value(percentage)) = map.tolerated_failure_percentage
        && !(0.0..=100.0).contains(&percentage)
    {
        let what = format!("state `{}`", site.name);
        sink.error(
            Code::OutOfRange,
            site.at("/ToleratedFailurePercentage"),
            out_of_range(&what, "ToleratedFailurePercentage", percentage, 0, 100),
        );
    }
    let max_items = map
        .item_reader
        .as_ref()
        .and_then(|reader| reader.reader_config.as_ref())
        .and_then(|config| literal(&config.max_items));
    if let Some(items) = max_items
        && items > MAX_READER_ITEMS
    {
        let what = format!("the `ItemReader` of state `{}`", site.name);
        sink.error(
            Code::OutOfRange,
            site.at("/ItemReader/ReaderConfig/MaxItems"),
            out_of_range(&what, "MaxItems", items, 0, MAX_READER_ITEMS),
        );
    }
}
