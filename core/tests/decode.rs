//! Reading ASL: the shape findings each mistake gives, with codes and pointers, their
//! messages, recovery after a mistake, and a reader that never panics.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;
use stepfn_core::codec::{Decoded, decode_str, decode_value};
use stepfn_core::model::{
    ComparisonOperator, Condition, IntSource, JsonataExpr, State, StateMachine, TemplateValue,
    TextSource, Transition, WaitDuration,
};
use stepfn_core::validate::Code;

/// A whole document when `body` starts with `{`, `[` or `7`, else the body of `States` with
/// `StartAt: "A"`.
fn document(body: &str) -> String {
    if body.trim_start().starts_with(['{', '[', '7']) {
        body.to_owned()
    } else {
        format!(r#"{{"StartAt": "A", "States": {{{body}}}}}"#)
    }
}

fn read(body: &str) -> Decoded {
    decode_str(&document(body))
}

fn machine(body: &str) -> StateMachine {
    read(body).machine.expect("a machine")
}

mod decode {
    pub(crate) mod cases;
}

use decode::cases::CASES;

#[test]
fn each_mistake_gives_its_code_and_pointer() {
    let mut failures = Vec::new();
    for (name, body, expected) in CASES {
        let decoded = read(body);
        let found: Vec<(String, String)> = decoded
            .findings
            .iter()
            .map(|finding| (finding.code.to_string(), finding.pointer.clone()))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(code, pointer)| ((*code).to_owned(), (*pointer).to_owned()))
            .collect();
        if found != expected {
            let messages: Vec<String> = decoded.findings.iter().map(ToString::to_string).collect();
            failures.push(format!(
                "{name}: expected {expected:?}\n  found {}",
                messages.join("\n        ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_decoder_code_has_a_case() {
    let decoder_codes = &Code::ALL[..Code::ALL
        .iter()
        .position(|c| *c == Code::NestedRuleNext)
        .expect("code")
        + 1];
    for code in decoder_codes {
        let covered = CASES
            .iter()
            .any(|(_, _, expected)| expected.iter().any(|(c, _)| *c == code.as_str()));
        assert!(covered, "no case for `{code}`");
    }
}

fn messages(body: &str) -> Vec<String> {
    read(body)
        .findings
        .into_iter()
        .map(|finding| finding.message)
        .collect()
}

#[test]
fn invalid_json_names_line_and_column() {
    let found = messages("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("invalid JSON at line 3, column 14: "),
        "{}",
        found[0]
    );
    assert!(
        !found[0].contains(" at line 3 column"),
        "location said twice: {}",
        found[0]
    );
}

#[test]
fn misspelt_names_get_a_suggestion() {
    let found =
        messages(r#""A": {"Type": "Task", "Resource": "x", "TimeoutSecond": 5, "End": true}"#);
    assert_eq!(
        found,
        ["unknown field `TimeoutSecond`; did you mean `TimeoutSeconds`?"]
    );

    let found = messages(r#""A": {"Type": "Taks", "End": true}"#);
    assert_eq!(found, ["unknown state type `Taks`; did you mean `Task`?"]);

    let found = messages(
        r#"{"QueryLanguage": "jsonata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
    );
    assert_eq!(
        found,
        ["`jsonata` is not a valid `QueryLanguage`; did you mean `JSONata`?"]
    );

    let found = messages(r#""A": {"Type": "Pass", "Frobnicate": 1, "End": true}"#);
    assert_eq!(found, ["unknown field `Frobnicate`"]);
}

#[test]
fn messages_name_the_field_and_the_fix() {
    let found = messages(r#""A": {"Type": "Pass", "Retry": [], "End": true}"#);
    assert_eq!(found, ["`Retry` is not allowed on a Pass state"]);

    let found =
        messages(r#""A": {"Type": "Task", "Resource": "x", "TimeoutSeconds": 2.5, "End": true}"#);
    assert_eq!(found, ["`TimeoutSeconds` must be a non-negative integer"]);

    let found = messages(r#""A": {"Type": "Pass", "Next": "B", "End": true}"#);
    assert_eq!(found, ["`End: true` contradicts `Next`; keep one"]);
}

#[test]
fn choice_rule_messages_list_the_fields_at_fault() {
    let found = messages(
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true,
            "Or": [{"Variable": "$.b", "IsNull": true}], "Next": "A"}]}"#,
    );
    assert_eq!(
        found,
        [
            "choice rule mixes `Variable`, `IsNull`, `Or`; use one data test, one of \
          `And`/`Or`/`Not`, or `Condition`"
        ]
    );

    let found = messages(
        r#""A": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true,
            "StringEqualsPath": "$.b", "Next": "A"}]}"#,
    );
    assert_eq!(
        found,
        [
            "choice rule has more than one comparison operator (`IsNull`, `StringEqualsPath`); \
          keep one"
        ]
    );
}

#[test]
fn findings_come_in_source_order() {
    let body = r#""B": {"Type": "Pass", "Bogus": 1, "End": true},
        "A": {"Type": "Task", "InputPath": "x", "Resource": 1, "Retry": [{"ErrorEquals": []}]}"#;
    let found: Vec<String> = read(body)
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.pointer))
        .collect();
    assert_eq!(
        found,
        [
            "unknown-field /States/B/Bogus",
            "missing-transition /States/A",
            "invalid-path /States/A/InputPath",
            "invalid-type /States/A/Resource",
            "empty-array /States/A/Retry/0/ErrorEquals",
        ]
    );
}

#[test]
fn a_broken_state_leaves_the_others_intact() {
    let body = r#""A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "TimeoutSeconds": "soon",
              "Next": "C"},
        "C": {"Type": "Succeed"}"#;
    let decoded = read(body);
    assert_eq!(decoded.findings.len(), 1);
    let machine = decoded.machine.expect("machine");
    assert_eq!(machine.states.keys().collect::<Vec<_>>(), ["A", "B", "C"]);
    let State::Task(task) = &machine.states["B"] else {
        panic!("B is a Task")
    };
    assert_eq!(task.timeout, None);
    assert_eq!(task.transition, Transition::Next("C".to_owned()));
}

#[test]
fn placeholders_keep_targets_and_add_nothing_to_validate() {
    let body = r#""A": {"Type": "Tsak", "Next": "B"},
        "B": {"Comment": "no type"},
        "C": {"Type": "Wait", "Next": "D"},
        "D": {"Type": "Task", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"]}]},
        "E": {"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "A"}]},
        "F": {"Type": "Pass", "Next": "A", "End": true},
        "G": {"Type": "Pass"}"#;
    let machine = machine(body);
    let next = |name: &str| machine.states[name].transition().and_then(Transition::next);
    assert!(matches!(&machine.states["A"], State::Pass(_)));
    assert_eq!(next("A"), Some("B"));
    assert!(matches!(&machine.states["B"], State::Succeed(_)));
    let State::Wait(wait) = &machine.states["C"] else {
        panic!("C is a Wait")
    };
    assert_eq!(wait.duration, WaitDuration::Seconds(0));
    let State::Task(task) = &machine.states["D"] else {
        panic!("D is a Task")
    };
    assert_eq!(task.catch[0].next, "D");
    assert_eq!(
        task.resource.as_str(),
        "arn:stepfn:decoder:::missing-resource"
    );
    let State::Choice(choice) = &machine.states["E"] else {
        panic!("E is a Choice")
    };
    assert_eq!(choice.choices[0].next.as_deref(), Some("A"));
    let Condition::Test(test) = &choice.choices[0].condition else {
        panic!("a data test")
    };
    assert_eq!(test.comparison.operator, ComparisonOperator::IsPresent);
    assert_eq!(next("F"), Some("A"));
    assert!(machine.states["G"].is_terminal());
}

#[test]
fn a_broken_jsonata_rule_gets_a_jsonata_placeholder() {
    let body = r#""A": {"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [{"Next": "A"}]}"#;
    let State::Choice(choice) = &machine(body).states["A"] else {
        panic!("a Choice")
    };
    assert_eq!(choice.choices[0].condition, Condition::JsonataBool(false));
}

#[test]
fn a_missing_start_at_starts_at_the_first_state() {
    let machine =
        machine(r#"{"States": {"First": {"Type": "Succeed"}, "Second": {"Type": "Succeed"}}}"#);
    assert_eq!(machine.start_at, "First");
}

#[test]
fn jsonata_strings_decode_as_expressions_or_text() {
    let body = r#""A": {"Type": "Task", "Resource": "x", "TimeoutSeconds": "{% $t %}",
        "Parameters": {"x.$": "$.a"}, "Next": "F"},
        "F": {"Type": "Fail", "Error": "{% $e %}"}"#;
    let machine = machine(body);
    let State::Task(task) = &machine.states["A"] else {
        panic!("a Task")
    };
    assert_eq!(
        task.timeout,
        Some(IntSource::Expr(JsonataExpr("$t".to_owned())))
    );
    let Some(stepfn_core::model::Template::Object(entries)) = &task.parameters else {
        panic!("object")
    };
    assert!(matches!(entries[0].value, TemplateValue::Dynamic(_)));
    let State::Fail(fail) = &machine.states["F"] else {
        panic!("a Fail")
    };
    assert_eq!(fail.error, Some(TextSource::Value("{% $e %}".to_owned())));
}

#[test]
fn nesting_as_deep_as_json_allows_reads_without_overflow() {
    let mut states = r#"{"X": {"Type": "Succeed"}}"#.to_owned();
    for _ in 0..31 {
        states = format!(
            r#"{{"P": {{"Type": "Parallel", "End": true, "Branches": [{{"StartAt": "P", "States": {states}}}]}}}}"#
        );
    }
    let decoded = decode_str(&format!(r#"{{"StartAt": "P", "States": {states}}}"#));
    assert_eq!(decoded.findings, []);

    let too_deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let decoded = decode_str(&too_deep);
    assert_eq!(decoded.findings[0].code, Code::InvalidJson);
}

// ---- Never panicking ----

const ASL_KEYS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "StartAt",
    "States",
    "TimeoutSeconds",
    "Version",
    "Resource",
    "Credentials",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "Result",
    "Choices",
    "Default",
    "Seconds",
    "Timestamp",
    "SecondsPath",
    "TimestampPath",
    "Error",
    "ErrorPath",
    "Cause",
    "CausePath",
    "Branches",
    "ItemReader",
    "ItemsPath",
    "Items",
    "ItemSelector",
    "ItemBatcher",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentage",
    "ToleratedFailureCountPath",
    "Label",
    "ItemProcessor",
    "Iterator",
    "ResultWriter",
    "ProcessorConfig",
    "Mode",
    "ExecutionType",
    "ReaderConfig",
    "InputType",
    "CSVHeaders",
    "CSVDelimiter",
    "MaxItems",
    "WriterConfig",
    "OutputType",
    "Transformation",
    "BatchInput",
    "MaxItemsPerBatch",
    "InputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "Arguments",
    "Output",
    "Assign",
    "Retry",
    "Catch",
    "Next",
    "End",
    "ErrorEquals",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Variable",
    "And",
    "Or",
    "Not",
    "Condition",
    "StringEquals",
    "StringEqualsPath",
    "NumericLessThan",
    "BooleanEquals",
    "IsPresent",
    "TimestampGreaterThanPath",
    "StringMatches",
    "x.$",
    "Payload.$",
    "a/b~c",
];

const ASL_STRINGS: &[&str] = &[
    "Task",
    "Pass",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "Taks",
    "JSONata",
    "JSONPath",
    "FULL",
    "NONE",
    "DISTRIBUTED",
    "INLINE",
    "CSV",
    "$",
    "$$",
    "$.a[0].b",
    "$$.Task.Token",
    "$var",
    "$.a[*]",
    "$..x",
    "$[",
    "$.a[?(@.b",
    "States.Format('{}', $.x)",
    "States.UUID()",
    "States.Foo()",
    "States.Format(",
    "States.ArrayLength()",
    "{% $x %}",
    "{% ",
    "arn:aws:states:::lambda:invoke.waitForTaskToken",
    "${Sub}",
    "States.ALL",
    "2026-01-01T00:00:00Z",
    "",
];

/// JSON trees whose keys and strings are often ASL's, some shaped like a machine.
fn asl_ish_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![4 => select(ASL_KEYS).prop_map(str::to_owned), 1 => "[A-Za-z.$]{0,6}"];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        // Short decimals only: without serde_json's `float_roundtrip` feature, a 17-digit float
        // may read back one unit off, and the text and value readers would disagree.
        (-35_000i64..35_000).prop_map(|n| Value::from(n as f64 / 1e4)),
        select(ASL_STRINGS).prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::String),
    ];
    let value = leaf
        .prop_recursive(5, 48, 6, move |inner| {
            prop_oneof![
                vec(inner.clone(), 0..4).prop_map(Value::Array),
                vec((key.clone(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
        .boxed();
    let state = (
        select(ASL_STRINGS),
        vec((select(ASL_KEYS), value.clone()), 0..6),
    )
        .prop_map(|(kind, fields)| {
            let mut object = serde_json::Map::new();
            object.insert("Type".to_owned(), kind.into());
            for (key, value) in fields {
                object.insert(key.to_owned(), value);
            }
            Value::Object(object)
        });
    let machine =
        (value.clone(), vec(("[A-Za-z/~ ]{1,6}", state), 0..4)).prop_map(|(start, states)| {
            let states: serde_json::Map<String, Value> = states.into_iter().collect();
            serde_json::json!({ "StartAt": start, "States": states })
        });
    prop_oneof![1 => value, 2 => machine]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn reading_arbitrary_json_never_panics(value in asl_ish_json()) {
        let decoded = decode_value(&value);
        prop_assert_eq!(decoded.machine.is_some(), value.is_object());
        prop_assert_eq!(&decode_str(&value.to_string()), &decoded);
        for finding in &decoded.findings {
            prop_assert!(finding.pointer.is_empty() || value.pointer(&finding.pointer).is_some(),
                "{} points at nothing", finding);
        }
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in "\\PC{0,64}") {
        let _ = decode_str(&text);
    }
}
