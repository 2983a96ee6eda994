//! Query languages: JSONPath fields in JSONata states and the reverse, JSONPath states in a
//! JSONata machine.

use crate::model::{
    Condition, IntSource, MapState, Nullable, NumberSource, QueryLanguage, State, TemplateValue,
    TextSource, WaitDuration,
};
use crate::path::Path;

use super::Code;
use super::payload::{self, Lang};
use super::site::{Sink, Site};

pub(super) fn check(sink: &mut Sink, site: &Site<'_>, machine: QueryLanguage) {
    if machine == QueryLanguage::Jsonata
        && site.state.query_language() == Some(QueryLanguage::JsonPath)
    {
        sink.error(
            Code::QueryLanguageMix,
            site.at("/QueryLanguage"),
            format!(
                "state `{}` asks for JSONPath in a machine whose top level is JSONata; AWS does not mix them this way",
                site.name
            ),
        );
    }
    match site.language {
        QueryLanguage::Jsonata => jsonpath_fields(sink, site),
        QueryLanguage::JsonPath => jsonata_fields(sink, site),
    }
}

/// Reports `suffix` (a field of the state) as belonging to the other language.
fn flag(sink: &mut Sink, site: &Site<'_>, suffix: &str) {
    let field = suffix.rsplit('/').next().unwrap_or(suffix);
    let (code, language, other) = match site.language {
        QueryLanguage::Jsonata => (Code::JsonPathFieldInJsonata, "JSONata", "JSONPath"),
        QueryLanguage::JsonPath => (Code::JsonataFieldInJsonPath, "JSONPath", "JSONata"),
    };
    sink.error(
        code,
        site.at(suffix),
        format!(
            "state `{}` uses {language}, but `{field}` is only supported with {other}",
            site.name
        ),
    );
}

/// One line per JSONPath-only field, so that the function reads as AWS's list of them.
fn jsonpath_fields(sink: &mut Sink, site: &Site<'_>) {
    let mut present: Vec<String> = Vec::new();
    let mut mark = |suffix: &str, here: bool| {
        if here {
            present.push(suffix.to_owned());
        }
    };
    let state = site.state;
    let (input, result, output) = io_paths(state);
    mark("/InputPath", input);
    mark("/ResultPath", result);
    mark("/OutputPath", output);
    match state {
        State::Task(task) => {
            mark("/TimeoutSecondsPath", is_path(&task.timeout));
            mark("/HeartbeatSecondsPath", is_path(&task.heartbeat));
        }
        State::Pass(pass) => mark("/Result", pass.result.is_some()),
        State::Wait(wait) => {
            mark(
                "/SecondsPath",
                matches!(wait.duration, WaitDuration::SecondsPath(_)),
            );
            mark(
                "/TimestampPath",
                matches!(wait.duration, WaitDuration::TimestampPath(_)),
            );
        }
        State::Fail(fail) => {
            mark(
                "/ErrorPath",
                matches!(fail.error, Some(TextSource::Path(_))),
            );
            mark(
                "/CausePath",
                matches!(fail.cause, Some(TextSource::Path(_))),
            );
        }
        State::Choice(choice) => {
            for (index, rule) in choice.choices.iter().enumerate() {
                let field = match rule.condition {
                    Condition::Test(_) => "Variable",
                    Condition::And(_) => "And",
                    Condition::Or(_) => "Or",
                    Condition::Not(_) => "Not",
                    Condition::JsonataBool(_) | Condition::Jsonata(_) => continue,
                };
                mark(&format!("/Choices/{index}/{field}"), true);
            }
        }
        State::Map(map) => map_paths(map, &mut mark),
        State::Succeed(_) | State::Parallel(_) => {}
    }
    for (index, catcher) in state.catch().iter().enumerate() {
        if catcher.result_path.is_some() {
            mark(&format!("/Catch/{index}/ResultPath"), true);
        }
    }
    for suffix in &present {
        flag(sink, site, suffix);
    }

    payload::for_each_template(state, &mut |field, lang, template| {
        if lang == Lang::JsonPath {
            flag(sink, site, &field.suffix());
            return;
        }
        payload::for_each_object(template, &mut Vec::new(), &mut |steps, entries| {
            for entry in entries {
                if let TemplateValue::Dynamic(_) = entry.value {
                    let mut suffix = field.suffix();
                    payload::push_steps(&mut suffix, steps);
                    payload::push_key(&mut suffix, entry);
                    flag(sink, site, &suffix);
                }
            }
        });
    });
}

fn map_paths(map: &MapState, mark: &mut impl FnMut(&str, bool)) {
    mark("/ItemsPath", map.items_path.is_some());
    for (field, form) in map_numbers(map) {
        mark(&format!("{field}Path"), form == Form::Path);
    }
}

fn map_expressions(map: &MapState, mark: &mut impl FnMut(&str, bool)) {
    for (field, form) in map_numbers(map) {
        mark(field, form == Form::Expr);
    }
}

/// How a numeric field with a `...Path` variant is given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Absent,
    Value,
    Path,
    Expr,
}

fn form(source: &Option<IntSource>) -> Form {
    match source {
        None => Form::Absent,
        Some(IntSource::Value(_)) => Form::Value,
        Some(IntSource::Path(_)) => Form::Path,
        Some(IntSource::Expr(_)) => Form::Expr,
    }
}

/// The Map's numeric fields that have both a `...Path` variant (JSONPath) and an expression
/// form (JSONata), with the pointer suffix of the value field.
fn map_numbers(map: &MapState) -> Vec<(&'static str, Form)> {
    let percentage = match &map.tolerated_failure_percentage {
        None => Form::Absent,
        Some(NumberSource::Value(_)) => Form::Value,
        Some(NumberSource::Path(_)) => Form::Path,
        Some(NumberSource::Expr(_)) => Form::Expr,
    };
    let mut fields = vec![
        ("/MaxConcurrency", form(&map.max_concurrency)),
        ("/ToleratedFailurePercentage", percentage),
        ("/ToleratedFailureCount", form(&map.tolerated_failure_count)),
    ];
    if let Some(batcher) = &map.item_batcher {
        fields.push((
            "/ItemBatcher/MaxItemsPerBatch",
            form(&batcher.max_items_per_batch),
        ));
        fields.push((
            "/ItemBatcher/MaxInputBytesPerBatch",
            form(&batcher.max_input_bytes_per_batch),
        ));
    }
    let reader_config = map
        .item_reader
        .as_ref()
        .and_then(|r| r.reader_config.as_ref());
    if let Some(config) = reader_config {
        fields.push(("/ItemReader/ReaderConfig/MaxItems", form(&config.max_items)));
    }
    fields
}

fn jsonata_fields(sink: &mut Sink, site: &Site<'_>) {
    let mut present: Vec<String> = Vec::new();
    let mut mark = |suffix: &str, here: bool| {
        if here {
            present.push(suffix.to_owned());
        }
    };
    match site.state {
        State::Task(task) => {
            mark("/TimeoutSeconds", is_expr(&task.timeout));
            mark("/HeartbeatSeconds", is_expr(&task.heartbeat));
        }
        State::Wait(wait) => mark(
            "/Seconds",
            matches!(wait.duration, WaitDuration::SecondsExpr(_)),
        ),
        State::Choice(choice) => {
            for (index, rule) in choice.choices.iter().enumerate() {
                if matches!(
                    rule.condition,
                    Condition::JsonataBool(_) | Condition::Jsonata(_)
                ) {
                    mark(&format!("/Choices/{index}/Condition"), true);
                }
            }
        }
        State::Map(map) => map_expressions(map, &mut mark),
        _ => {}
    }
    for suffix in &present {
        flag(sink, site, suffix);
    }
    payload::for_each_template(site.state, &mut |field, lang, _| {
        if lang == Lang::Jsonata {
            flag(sink, site, &field.suffix());
        }
    });
}

/// Whether `InputPath`, `ResultPath` and `OutputPath` are present.
fn io_paths(state: &State) -> (bool, bool, bool) {
    fn some(path: &Option<Nullable<Path>>) -> bool {
        path.is_some()
    }
    match state {
        State::Task(s) => (
            some(&s.input_path),
            some(&s.result_path),
            some(&s.output_path),
        ),
        State::Pass(s) => (
            some(&s.input_path),
            some(&s.result_path),
            some(&s.output_path),
        ),
        State::Parallel(s) => (
            some(&s.input_path),
            some(&s.result_path),
            some(&s.output_path),
        ),
        State::Map(s) => (
            some(&s.input_path),
            some(&s.result_path),
            some(&s.output_path),
        ),
        State::Choice(s) => (some(&s.input_path), false, some(&s.output_path)),
        State::Wait(s) => (some(&s.input_path), false, some(&s.output_path)),
        State::Succeed(s) => (some(&s.input_path), false, some(&s.output_path)),
        State::Fail(_) => (false, false, false),
    }
}

fn is_path(source: &Option<IntSource>) -> bool {
    matches!(source, Some(IntSource::Path(_)))
}

fn is_expr(source: &Option<IntSource>) -> bool {
    matches!(source, Some(IntSource::Expr(_)))
}
