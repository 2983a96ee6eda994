//! proptest strategies for well-formed state machines: every state type, nested Parallel and
//! Map, templates, intrinsics, retries, catches and choice rules.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Number, Value};
use stepfn_core::model::*;
use stepfn_core::path::{Dynamic, Path};

fn text() -> BoxedStrategy<String> {
    prop_oneof!["[a-zA-Z0-9 _.:-]{0,12}", "\\PC{0,8}"].boxed()
}

fn state_name() -> BoxedStrategy<String> {
    prop_oneof![
        "[A-Z][A-Za-z0-9]{0,10}",
        "[A-Za-z][A-Za-z0-9 _-]{0,12}",
        Just("a/b~c".to_owned()),
        "\\PC{1,6}",
    ]
    .boxed()
}

fn ident() -> BoxedStrategy<String> {
    "[a-z][a-zA-Z0-9_]{0,6}".boxed()
}

/// A path of fields and indices from `root`.
fn path_from(root: impl Strategy<Value = Path> + 'static) -> BoxedStrategy<Path> {
    let segment = prop_oneof![ident().prop_map(Ok), (0i64..5).prop_map(Err)];
    (root, vec(segment, 0..4))
        .prop_map(|(root, segments)| {
            segments
                .into_iter()
                .fold(root, |path, segment| match segment {
                    Ok(field) => path.field(field),
                    Err(index) => path.index(index),
                })
        })
        .boxed()
}

fn input_path() -> BoxedStrategy<Path> {
    path_from(Just(Path::input())).boxed()
}

fn reference_path() -> BoxedStrategy<Path> {
    let root = prop_oneof![
        Just(Path::input()),
        Just(Path::context()),
        ident().prop_map(Path::variable),
    ];
    path_from(root).boxed()
}

fn any_path() -> BoxedStrategy<Path> {
    let parsed = select(vec![
        "$.items[*].id",
        "$..price",
        "$.a[1:3]",
        "$['a','b']",
        "$.x[?(@.n > 1)]",
    ])
    .prop_map(|text| Path::parse(text).expect("sample path parses"));
    prop_oneof![3 => reference_path(), 1 => parsed].boxed()
}

fn intrinsic() -> BoxedStrategy<Dynamic> {
    select(vec![
        "States.Format('Hello, {}!', $.name)",
        "States.UUID()",
        "States.ArrayLength($.items)",
        "States.MathAdd($.a, 1)",
        "States.JsonMerge($.a, $.b, false)",
        "States.StringToJson($.text)",
        "States.Array(1, 'x', $.y, null, true)",
        "States.Format('{} of {}', States.ArrayLength($.done), $$.Execution.Id)",
    ])
    .prop_map(|text| Dynamic::parse(text).expect("sample intrinsic parses"))
    .boxed()
}

fn dynamic() -> BoxedStrategy<Dynamic> {
    prop_oneof![3 => any_path().prop_map(Dynamic::Path), 1 => intrinsic()].boxed()
}

fn jsonata() -> BoxedStrategy<JsonataExpr> {
    "[a-z$][a-z0-9.$ +]{0,10}"
        .prop_map(|text| JsonataExpr(text.trim().to_owned()))
        .boxed()
}

/// A float with at most four decimals. serde_json (without its `float_roundtrip` feature)
/// may read the last digit of a 17-digit float back one unit off, so longer floats would
/// not survive a trip through text.
fn short_float(limit: f64) -> BoxedStrategy<f64> {
    (-limit..limit)
        .prop_map(|float| (float * 1e4).round() / 1e4)
        .boxed()
}

fn number() -> BoxedStrategy<Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        short_float(1e9).prop_map(|float| Number::from_f64(float).expect("finite")),
    ]
    .boxed()
}

fn json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec((text(), inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

fn template() -> BoxedStrategy<Template> {
    let leaf = prop_oneof![
        Just(Template::Null),
        any::<bool>().prop_map(Template::Bool),
        number().prop_map(Template::Number),
        text().prop_map(Template::String),
        jsonata().prop_map(|expr| Template::String(expr.to_template_string())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Template::Array),
            object_template(inner),
        ]
    })
    .boxed()
}

/// An object template with distinct written keys, none of the static ones ending in `.$`.
fn object_template(values: impl Strategy<Value = Template> + 'static) -> BoxedStrategy<Template> {
    let value = prop_oneof![
        values.prop_map(TemplateValue::Static),
        dynamic().prop_map(TemplateValue::Dynamic),
    ];
    let key =
        "[A-Za-z][A-Za-z0-9_]{0,8}".prop_filter("not `.$`", |key: &String| !key.ends_with(".$"));
    vec((key, value), 0..4)
        .prop_map(|entries| {
            let mut seen = std::collections::HashSet::new();
            let entries = entries
                .into_iter()
                .map(|(key, value)| TemplateEntry { key, value })
                .filter(|entry| seen.insert(entry.written_key()))
                .collect();
            Template::Object(entries)
        })
        .boxed()
}

fn assign() -> BoxedStrategy<Template> {
    object_template(template()).boxed()
}

fn int_source() -> BoxedStrategy<IntSource> {
    prop_oneof![
        any::<u64>().prop_map(IntSource::Value),
        reference_path().prop_map(IntSource::Path),
        jsonata().prop_map(IntSource::Expr),
    ]
    .boxed()
}

fn number_source() -> BoxedStrategy<NumberSource> {
    prop_oneof![
        short_float(1e6).prop_map(NumberSource::Value),
        reference_path().prop_map(NumberSource::Path),
        jsonata().prop_map(NumberSource::Expr),
    ]
    .boxed()
}

fn nullable_path(
    path: impl Strategy<Value = Path> + 'static,
) -> BoxedStrategy<Option<Nullable<Path>>> {
    proptest::option::of(prop_oneof![
        1 => Just(Nullable::Null),
        3 => path.prop_map(Nullable::Value),
    ])
    .boxed()
}

fn error_name() -> BoxedStrategy<ErrorName> {
    prop_oneof![
        select(PredefinedError::ALL).prop_map(ErrorName::Predefined),
        "[A-Z][a-zA-Z]{0,8}(\\.[A-Z][a-zA-Z]{0,8})?"
            .prop_map(|name| ErrorName::from(name.as_str())),
    ]
    .boxed()
}

fn retrier() -> BoxedStrategy<Retrier> {
    let numbers = (
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(short_float(10.0)),
        proptest::option::of(any::<u64>()),
    );
    let jitter = proptest::option::of(select(vec![JitterStrategy::Full, JitterStrategy::None]));
    (
        proptest::option::of(text()),
        vec(error_name(), 1..3),
        numbers,
        jitter,
    )
        .prop_map(
            |(comment, errors, (interval, attempts, backoff, delay), jitter)| Retrier {
                comment,
                error_equals: errors,
                interval_seconds: interval,
                max_attempts: attempts,
                backoff_rate: backoff,
                max_delay_seconds: delay,
                jitter_strategy: jitter,
            },
        )
        .boxed()
}

fn catcher() -> BoxedStrategy<Catcher> {
    let optional = (
        proptest::option::of(text()),
        nullable_path(input_path()),
        proptest::option::of(template()),
        proptest::option::of(assign()),
    );
    (vec(error_name(), 1..3), state_name(), optional)
        .prop_map(
            |(errors, next, (comment, result_path, output, assign))| Catcher {
                comment,
                error_equals: errors,
                next,
                result_path,
                output,
                assign,
            },
        )
        .boxed()
}

fn transition() -> BoxedStrategy<Transition> {
    prop_oneof![
        Just(Transition::End),
        state_name().prop_map(Transition::Next)
    ]
    .boxed()
}

fn resource() -> BoxedStrategy<Resource> {
    let samples = select(vec![
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:::aws-sdk:s3:getObject",
        "arn:aws:states:us-east-1:123456789012:activity:Review",
        "${ValuationFunction}",
    ]);
    prop_oneof![
        samples.prop_map(Resource::new),
        text().prop_map(Resource::new)
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct Common {
    comment: Option<String>,
    query_language: Option<QueryLanguage>,
    input_path: Option<Nullable<Path>>,
    output_path: Option<Nullable<Path>>,
    output: Option<Template>,
    assign: Option<Template>,
}

fn language() -> BoxedStrategy<Option<QueryLanguage>> {
    proptest::option::of(select(vec![
        QueryLanguage::JsonPath,
        QueryLanguage::Jsonata,
    ]))
    .boxed()
}

fn common() -> BoxedStrategy<Common> {
    (
        proptest::option::of(text()),
        language(),
        nullable_path(any_path()),
        nullable_path(any_path()),
        proptest::option::of(template()),
        proptest::option::of(assign()),
    )
        .prop_map(
            |(comment, query_language, input_path, output_path, output, assign)| Common {
                comment,
                query_language,
                input_path,
                output_path,
                output,
                assign,
            },
        )
        .boxed()
}

/// The fields of the states that do work: Task, Parallel and Map.
#[derive(Debug, Clone)]
struct Work {
    parameters: Option<Template>,
    result_selector: Option<Template>,
    result_path: Option<Nullable<Path>>,
    arguments: Option<Template>,
    retry: Vec<Retrier>,
    catch: Vec<Catcher>,
    transition: Transition,
}

fn work() -> BoxedStrategy<Work> {
    (
        proptest::option::of(template()),
        proptest::option::of(template()),
        nullable_path(input_path()),
        proptest::option::of(template()),
        vec(retrier(), 0..3),
        vec(catcher(), 0..3),
        transition(),
    )
        .prop_map(
            |(parameters, result_selector, result_path, arguments, retry, catch, transition)| {
                Work {
                    parameters,
                    result_selector,
                    result_path,
                    arguments,
                    retry,
                    catch,
                    transition,
                }
            },
        )
        .boxed()
}

fn task() -> BoxedStrategy<State> {
    let own = (
        resource(),
        proptest::option::of(template()),
        proptest::option::of(int_source()),
        proptest::option::of(int_source()),
    );
    (common(), work(), own)
        .prop_map(|(c, w, (resource, credentials, timeout, heartbeat))| {
            State::Task(Box::new(TaskState {
                comment: c.comment,
                query_language: c.query_language,
                resource,
                credentials,
                timeout,
                heartbeat,
                input_path: c.input_path,
                parameters: w.parameters,
                result_selector: w.result_selector,
                result_path: w.result_path,
                output_path: c.output_path,
                arguments: w.arguments,
                output: c.output,
                assign: c.assign,
                retry: w.retry,
                catch: w.catch,
                transition: w.transition,
            }))
        })
        .boxed()
}

fn pass() -> BoxedStrategy<State> {
    let own = (
        proptest::option::of(json()),
        proptest::option::of(template()),
        nullable_path(input_path()),
        transition(),
    );
    (common(), own)
        .prop_map(|(c, (result, parameters, result_path, transition))| {
            State::Pass(Box::new(PassState {
                comment: c.comment,
                query_language: c.query_language,
                result,
                input_path: c.input_path,
                parameters,
                result_path,
                output_path: c.output_path,
                output: c.output,
                assign: c.assign,
                transition,
            }))
        })
        .boxed()
}

fn literal(kind: OperandKind) -> BoxedStrategy<Value> {
    match kind {
        OperandKind::String | OperandKind::Timestamp => text().prop_map(Value::String).boxed(),
        OperandKind::Number => number().prop_map(Value::Number).boxed(),
        OperandKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
    }
}

fn data_test() -> BoxedStrategy<DataTest> {
    (any_path(), select(ComparisonOperator::ALL), any::<bool>())
        .prop_flat_map(|(variable, operator, use_path)| {
            let operand = if use_path && operator.has_path_variant() {
                reference_path().prop_map(Operand::Path).boxed()
            } else {
                literal(operator.operand_kind())
                    .prop_map(Operand::Value)
                    .boxed()
            };
            operand.prop_map(move |operand| DataTest {
                variable: variable.clone(),
                comparison: Comparison { operator, operand },
            })
        })
        .boxed()
}

fn nested_rule(condition: impl Strategy<Value = Condition> + 'static) -> BoxedStrategy<ChoiceRule> {
    (proptest::option::of(text()), condition)
        .prop_map(|(comment, condition)| ChoiceRule {
            comment,
            condition,
            next: None,
            assign: None,
            output: None,
        })
        .boxed()
}

fn condition() -> BoxedStrategy<Condition> {
    let leaf = prop_oneof![
        3 => data_test().prop_map(Condition::Test),
        1 => any::<bool>().prop_map(Condition::JsonataBool),
        1 => jsonata().prop_map(Condition::Jsonata),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            vec(nested_rule(inner.clone()), 1..3).prop_map(Condition::And),
            vec(nested_rule(inner.clone()), 1..3).prop_map(Condition::Or),
            nested_rule(inner).prop_map(|rule| Condition::Not(Box::new(rule))),
        ]
    })
    .boxed()
}

fn top_rule() -> BoxedStrategy<ChoiceRule> {
    let optional = (
        proptest::option::of(assign()),
        proptest::option::of(template()),
    );
    (
        proptest::option::of(text()),
        condition(),
        state_name(),
        optional,
    )
        .prop_map(|(comment, condition, next, (assign, output))| ChoiceRule {
            comment,
            condition,
            next: Some(next),
            assign,
            output,
        })
        .boxed()
}

fn choice() -> BoxedStrategy<State> {
    let own = (vec(top_rule(), 1..4), proptest::option::of(state_name()));
    (common(), own)
        .prop_map(|(c, (choices, default))| {
            State::Choice(Box::new(ChoiceState {
                comment: c.comment,
                query_language: c.query_language,
                choices,
                default,
                input_path: c.input_path,
                output_path: c.output_path,
                output: c.output,
                assign: c.assign,
            }))
        })
        .boxed()
}

fn wait() -> BoxedStrategy<State> {
    let duration = prop_oneof![
        any::<u64>().prop_map(WaitDuration::Seconds),
        jsonata().prop_map(WaitDuration::SecondsExpr),
        text().prop_map(WaitDuration::Timestamp),
        reference_path().prop_map(WaitDuration::SecondsPath),
        reference_path().prop_map(WaitDuration::TimestampPath),
    ];
    (common(), duration, transition())
        .prop_map(|(c, duration, transition)| {
            State::Wait(Box::new(WaitState {
                comment: c.comment,
                query_language: c.query_language,
                duration,
                input_path: c.input_path,
                output_path: c.output_path,
                output: c.output,
                assign: c.assign,
                transition,
            }))
        })
        .boxed()
}

fn succeed() -> BoxedStrategy<State> {
    common()
        .prop_map(|c| {
            State::Succeed(Box::new(SucceedState {
                comment: c.comment,
                query_language: c.query_language,
                input_path: c.input_path,
                output_path: c.output_path,
                output: c.output,
            }))
        })
        .boxed()
}

fn text_source() -> BoxedStrategy<TextSource> {
    prop_oneof![
        text().prop_map(TextSource::Value),
        reference_path().prop_map(|path| TextSource::Path(Dynamic::Path(path))),
        intrinsic().prop_map(TextSource::Path),
    ]
    .boxed()
}

fn fail() -> BoxedStrategy<State> {
    let own = (
        proptest::option::of(text_source()),
        proptest::option::of(text_source()),
    );
    (proptest::option::of(text()), language(), own)
        .prop_map(|(comment, query_language, (error, cause))| {
            State::Fail(Box::new(FailState {
                comment,
                query_language,
                error,
                cause,
            }))
        })
        .boxed()
}

fn branch(depth: u32) -> BoxedStrategy<Branch> {
    (
        proptest::option::of(text()),
        language(),
        state_name(),
        states(depth),
    )
        .prop_map(|(comment, query_language, start_at, states)| Branch {
            comment,
            query_language,
            start_at,
            states,
        })
        .boxed()
}

fn parallel(depth: u32) -> BoxedStrategy<State> {
    (common(), work(), vec(branch(depth), 1..3))
        .prop_map(|(c, w, branches)| {
            State::Parallel(Box::new(ParallelState {
                comment: c.comment,
                query_language: c.query_language,
                branches,
                input_path: c.input_path,
                parameters: w.parameters,
                result_selector: w.result_selector,
                result_path: w.result_path,
                output_path: c.output_path,
                arguments: w.arguments,
                output: c.output,
                assign: c.assign,
                retry: w.retry,
                catch: w.catch,
                transition: w.transition,
            }))
        })
        .boxed()
}

fn processor(depth: u32) -> BoxedStrategy<Processor> {
    let config = (
        proptest::option::of(select(ProcessorMode::ALL)),
        proptest::option::of(select(ExecutionType::ALL)),
    )
        .prop_map(|(mode, execution_type)| ProcessorConfig {
            mode,
            execution_type,
        });
    let head = (
        proptest::option::of(text()),
        language(),
        proptest::option::of(config),
    );
    (head, state_name(), states(depth), any::<bool>())
        .prop_map(
            |((comment, query_language, config), start_at, states, legacy_iterator)| Processor {
                comment,
                query_language,
                config,
                start_at,
                states,
                legacy_iterator,
            },
        )
        .boxed()
}

fn item_reader() -> BoxedStrategy<ItemReader> {
    let config = (
        proptest::option::of(select(InputType::ALL)),
        proptest::option::of(select(CsvHeaderLocation::ALL)),
        proptest::option::of(vec(text(), 0..3)),
        proptest::option::of(select(CsvDelimiter::ALL)),
        proptest::option::of(text()),
        proptest::option::of(int_source()),
    )
        .prop_map(
            |(input_type, location, headers, delimiter, manifest, max_items)| ReaderConfig {
                input_type,
                csv_header_location: location,
                csv_headers: headers,
                csv_delimiter: delimiter,
                manifest_type: manifest,
                max_items,
            },
        );
    let templates = (
        proptest::option::of(template()),
        proptest::option::of(template()),
    );
    (resource(), templates, proptest::option::of(config))
        .prop_map(
            |(resource, (parameters, arguments), reader_config)| ItemReader {
                resource,
                parameters,
                arguments,
                reader_config,
            },
        )
        .boxed()
}

fn item_batcher() -> BoxedStrategy<ItemBatcher> {
    (
        proptest::option::of(template()),
        proptest::option::of(int_source()),
        proptest::option::of(int_source()),
    )
        .prop_map(|(batch_input, items, bytes)| ItemBatcher {
            batch_input,
            max_items_per_batch: items,
            max_input_bytes_per_batch: bytes,
        })
        .boxed()
}

fn result_writer() -> BoxedStrategy<ResultWriter> {
    let config = (
        proptest::option::of(select(OutputType::ALL)),
        proptest::option::of(select(Transformation::ALL)),
    )
        .prop_map(|(output_type, transformation)| WriterConfig {
            output_type,
            transformation,
        });
    let templates = (
        proptest::option::of(template()),
        proptest::option::of(template()),
    );
    (
        proptest::option::of(resource()),
        templates,
        proptest::option::of(config),
    )
        .prop_map(
            |(resource, (parameters, arguments), writer_config)| ResultWriter {
                resource,
                parameters,
                arguments,
                writer_config,
            },
        )
        .boxed()
}

/// The Map-only fields: items, selector (or the deprecated `Parameters`, never both),
/// reader, batcher, writer, limits and label.
#[allow(clippy::type_complexity)]
fn map_fields() -> impl Strategy<
    Value = (
        (
            Option<Path>,
            Option<Template>,
            (Option<Template>, Option<Template>),
        ),
        (
            Option<ItemReader>,
            Option<ItemBatcher>,
            Option<ResultWriter>,
        ),
        (
            Option<IntSource>,
            Option<NumberSource>,
            Option<IntSource>,
            Option<String>,
        ),
    ),
> {
    let selector = prop_oneof![
        Just((None, None)),
        template().prop_map(|template| (Some(template), None)),
        template().prop_map(|template| (None, Some(template))),
    ];
    let items = (
        proptest::option::of(reference_path()),
        proptest::option::of(template()),
        selector,
    );
    let distributed = (
        proptest::option::of(item_reader()),
        proptest::option::of(item_batcher()),
        proptest::option::of(result_writer()),
    );
    let limits = (
        proptest::option::of(int_source()),
        proptest::option::of(number_source()),
        proptest::option::of(int_source()),
        proptest::option::of(text()),
    );
    (items, distributed, limits)
}

fn map(depth: u32) -> BoxedStrategy<State> {
    (common(), work(), processor(depth), map_fields())
        .prop_map(|(c, w, processor, fields)| {
            let ((items_path, items, (item_selector, parameters)), distributed, limits) = fields;
            let (item_reader, item_batcher, result_writer) = distributed;
            let (max_concurrency, percentage, count, label) = limits;
            State::Map(Box::new(MapState {
                comment: c.comment,
                query_language: c.query_language,
                processor,
                items_path,
                items,
                item_selector,
                parameters,
                item_reader,
                item_batcher,
                result_writer,
                max_concurrency,
                tolerated_failure_percentage: percentage,
                tolerated_failure_count: count,
                label,
                input_path: c.input_path,
                result_selector: w.result_selector,
                result_path: w.result_path,
                output_path: c.output_path,
                output: c.output,
                assign: c.assign,
                retry: w.retry,
                catch: w.catch,
                transition: w.transition,
            }))
        })
        .boxed()
}

fn state(depth: u32) -> BoxedStrategy<State> {
    let leaf = prop_oneof![task(), pass(), choice(), wait(), succeed(), fail()];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![6 => leaf, 1 => parallel(depth - 1), 1 => map(depth - 1)].boxed()
}

fn states(depth: u32) -> BoxedStrategy<States> {
    vec((state_name(), state(depth)), 1..4)
        .prop_map(|states| states.into_iter().collect())
        .boxed()
}

pub(crate) fn machine() -> BoxedStrategy<StateMachine> {
    let version = proptest::option::of(prop_oneof![Just("1.0".to_owned()), text()]);
    let head = (proptest::option::of(text()), version, language());
    (
        head,
        state_name(),
        proptest::option::of(any::<u64>()),
        states(2),
    )
        .prop_map(
            |((comment, version, query_language), start_at, timeout_seconds, states)| {
                StateMachine {
                    comment,
                    version,
                    query_language,
                    start_at,
                    timeout_seconds,
                    states,
                }
            },
        )
        .boxed()
}
