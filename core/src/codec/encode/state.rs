//! Writing one state, its Retriers, Catchers and Choice rules.

use serde_json::{Map, Value};

use super::{float, put_int, put_language, put_nullable, put_path, put_str, put_template};
use crate::model::{
    Catcher, ChoiceRule, ChoiceState, Condition, ErrorName, FailState, Nullable, Operand,
    PassState, Retrier, State, SucceedState, TaskState, Template, TextSource, Transition,
    WaitDuration, WaitState,
};
use crate::path::Path;

/// The JSONPath and JSONata input/output fields, written in this order.
#[derive(Debug, Default)]
pub(super) struct Io<'m> {
    pub(super) input_path: Option<&'m Nullable<Path>>,
    pub(super) parameters: Option<&'m Template>,
    pub(super) result_selector: Option<&'m Template>,
    pub(super) result_path: Option<&'m Nullable<Path>>,
    pub(super) output_path: Option<&'m Nullable<Path>>,
    pub(super) arguments: Option<&'m Template>,
    pub(super) output: Option<&'m Template>,
    pub(super) assign: Option<&'m Template>,
}

/// Writes a state in the canonical order.
pub(super) fn state(state: &State) -> Value {
    let mut out = Map::new();
    out.insert("Type".to_owned(), state.type_name().into());
    match state {
        State::Task(task) => self::task(&mut out, task),
        State::Pass(pass) => self::pass(&mut out, pass),
        State::Choice(choice) => self::choice(&mut out, choice),
        State::Wait(wait) => self::wait(&mut out, wait),
        State::Succeed(succeed) => self::succeed(&mut out, succeed),
        State::Fail(fail) => self::fail(&mut out, fail),
        State::Parallel(parallel) => super::nested::parallel(&mut out, parallel),
        State::Map(map) => super::nested::map(&mut out, map),
    }
    Value::Object(out)
}

fn task(out: &mut Map<String, Value>, task: &TaskState) {
    put_str(out, "Comment", task.comment.as_deref());
    put_language(out, task.query_language);
    out.insert("Resource".to_owned(), task.resource.as_str().into());
    put_template(out, "Credentials", task.credentials.as_ref());
    put_int(out, "TimeoutSeconds", task.timeout.as_ref());
    put_int(out, "HeartbeatSeconds", task.heartbeat.as_ref());
    let io = Io {
        input_path: task.input_path.as_ref(),
        parameters: task.parameters.as_ref(),
        result_selector: task.result_selector.as_ref(),
        result_path: task.result_path.as_ref(),
        output_path: task.output_path.as_ref(),
        arguments: task.arguments.as_ref(),
        output: task.output.as_ref(),
        assign: task.assign.as_ref(),
    };
    put_tail(out, &io, &task.retry, &task.catch, Some(&task.transition));
}

fn pass(out: &mut Map<String, Value>, pass: &PassState) {
    put_str(out, "Comment", pass.comment.as_deref());
    put_language(out, pass.query_language);
    if let Some(result) = &pass.result {
        out.insert("Result".to_owned(), result.clone());
    }
    let io = Io {
        input_path: pass.input_path.as_ref(),
        parameters: pass.parameters.as_ref(),
        result_path: pass.result_path.as_ref(),
        output_path: pass.output_path.as_ref(),
        output: pass.output.as_ref(),
        assign: pass.assign.as_ref(),
        ..Io::default()
    };
    put_tail(out, &io, &[], &[], Some(&pass.transition));
}

fn choice(out: &mut Map<String, Value>, choice: &ChoiceState) {
    put_str(out, "Comment", choice.comment.as_deref());
    put_language(out, choice.query_language);
    let rules = choice.choices.iter().map(rule).collect();
    out.insert("Choices".to_owned(), Value::Array(rules));
    put_str(out, "Default", choice.default.as_deref());
    let io = Io {
        input_path: choice.input_path.as_ref(),
        output_path: choice.output_path.as_ref(),
        output: choice.output.as_ref(),
        assign: choice.assign.as_ref(),
        ..Io::default()
    };
    put_tail(out, &io, &[], &[], None);
}

fn wait(out: &mut Map<String, Value>, wait: &WaitState) {
    put_str(out, "Comment", wait.comment.as_deref());
    put_language(out, wait.query_language);
    put_duration(out, &wait.duration);
    let io = Io {
        input_path: wait.input_path.as_ref(),
        output_path: wait.output_path.as_ref(),
        output: wait.output.as_ref(),
        assign: wait.assign.as_ref(),
        ..Io::default()
    };
    put_tail(out, &io, &[], &[], Some(&wait.transition));
}

fn succeed(out: &mut Map<String, Value>, succeed: &SucceedState) {
    put_str(out, "Comment", succeed.comment.as_deref());
    put_language(out, succeed.query_language);
    let io = Io {
        input_path: succeed.input_path.as_ref(),
        output_path: succeed.output_path.as_ref(),
        output: succeed.output.as_ref(),
        ..Io::default()
    };
    put_tail(out, &io, &[], &[], None);
}

fn fail(out: &mut Map<String, Value>, fail: &FailState) {
    put_str(out, "Comment", fail.comment.as_deref());
    put_language(out, fail.query_language);
    put_text(out, "Error", fail.error.as_ref());
    put_text(out, "Cause", fail.cause.as_ref());
}

/// The common fields after the type's own: input/output, `Retry`, `Catch`, `Next`/`End`.
pub(super) fn put_tail(
    out: &mut Map<String, Value>,
    io: &Io<'_>,
    retry: &[Retrier],
    catch: &[Catcher],
    transition: Option<&Transition>,
) {
    put_nullable(out, "InputPath", io.input_path);
    put_template(out, "Parameters", io.parameters);
    put_template(out, "ResultSelector", io.result_selector);
    put_nullable(out, "ResultPath", io.result_path);
    put_nullable(out, "OutputPath", io.output_path);
    put_template(out, "Arguments", io.arguments);
    put_template(out, "Output", io.output);
    put_template(out, "Assign", io.assign);
    if !retry.is_empty() {
        out.insert("Retry".to_owned(), retry.iter().map(retrier).collect());
    }
    if !catch.is_empty() {
        out.insert("Catch".to_owned(), catch.iter().map(catcher).collect());
    }
    match transition {
        Some(Transition::Next(next)) => {
            out.insert("Next".to_owned(), next.as_str().into());
        }
        Some(Transition::End) => {
            out.insert("End".to_owned(), true.into());
        }
        None => {}
    }
}

fn put_duration(out: &mut Map<String, Value>, duration: &WaitDuration) {
    let (key, value) = match duration {
        WaitDuration::Seconds(seconds) => ("Seconds", (*seconds).into()),
        WaitDuration::SecondsExpr(expr) => ("Seconds", expr.to_template_string().into()),
        WaitDuration::Timestamp(timestamp) => ("Timestamp", timestamp.as_str().into()),
        WaitDuration::SecondsPath(path) => ("SecondsPath", path.to_string().into()),
        WaitDuration::TimestampPath(path) => ("TimestampPath", path.to_string().into()),
    };
    out.insert(key.to_owned(), value);
}

fn put_text(out: &mut Map<String, Value>, key: &str, text: Option<&TextSource>) {
    match text {
        Some(TextSource::Value(text)) => {
            out.insert(key.to_owned(), text.as_str().into());
        }
        Some(TextSource::Path(dynamic)) => {
            out.insert(format!("{key}Path"), dynamic.to_string().into());
        }
        None => {}
    }
}

fn error_equals(names: &[ErrorName]) -> Value {
    names
        .iter()
        .map(|name| Value::from(name.as_str()))
        .collect()
}

fn retrier(retrier: &Retrier) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Comment", retrier.comment.as_deref());
    out.insert(
        "ErrorEquals".to_owned(),
        error_equals(&retrier.error_equals),
    );
    let integers = [
        ("IntervalSeconds", retrier.interval_seconds),
        ("MaxAttempts", retrier.max_attempts),
    ];
    for (key, value) in integers {
        if let Some(value) = value {
            out.insert(key.to_owned(), value.into());
        }
    }
    if let Some(rate) = retrier.backoff_rate {
        out.insert("BackoffRate".to_owned(), float(rate));
    }
    if let Some(delay) = retrier.max_delay_seconds {
        out.insert("MaxDelaySeconds".to_owned(), delay.into());
    }
    let jitter = retrier.jitter_strategy.map(|jitter| jitter.as_str());
    put_str(&mut out, "JitterStrategy", jitter);
    Value::Object(out)
}

fn catcher(catcher: &Catcher) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Comment", catcher.comment.as_deref());
    out.insert(
        "ErrorEquals".to_owned(),
        error_equals(&catcher.error_equals),
    );
    put_nullable(&mut out, "ResultPath", catcher.result_path.as_ref());
    put_template(&mut out, "Output", catcher.output.as_ref());
    put_template(&mut out, "Assign", catcher.assign.as_ref());
    out.insert("Next".to_owned(), catcher.next.as_str().into());
    Value::Object(out)
}

fn rule(rule: &ChoiceRule) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Comment", rule.comment.as_deref());
    match &rule.condition {
        Condition::Test(test) => {
            put_path(&mut out, "Variable", Some(&test.variable));
            let comparison = &test.comparison;
            let key = comparison.operator.field_name(&comparison.operand);
            let value = match &comparison.operand {
                Operand::Value(value) => value.clone(),
                Operand::Path(path) => path.to_string().into(),
            };
            out.insert(key, value);
        }
        Condition::And(rules) => {
            out.insert("And".to_owned(), rules.iter().map(self::rule).collect());
        }
        Condition::Or(rules) => {
            out.insert("Or".to_owned(), rules.iter().map(self::rule).collect());
        }
        Condition::Not(inner) => {
            out.insert("Not".to_owned(), self::rule(inner));
        }
        Condition::JsonataBool(flag) => {
            out.insert("Condition".to_owned(), (*flag).into());
        }
        Condition::Jsonata(expr) => {
            out.insert("Condition".to_owned(), expr.to_template_string().into());
        }
    }
    put_template(&mut out, "Output", rule.output.as_ref());
    put_template(&mut out, "Assign", rule.assign.as_ref());
    put_str(&mut out, "Next", rule.next.as_deref());
    Value::Object(out)
}
