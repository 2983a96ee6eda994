//! The semantic validator, rule by rule: models built in Rust, checked with `validate`, and
//! JSON text checked with `validate_str`.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{Value, json};
use stepfn_core::model::*;
use stepfn_core::path::Path;
use stepfn_core::validate::{self, Code, Options};

#[path = "validate/errors.rs"]
mod errors;
#[path = "validate/graph.rs"]
mod graph;
#[path = "validate/integrations.rs"]
mod integrations;
#[path = "validate/language.rs"]
mod language;

/// One table row: a machine and every finding it must produce, as (code, pointer).
struct Case {
    what: &'static str,
    machine: StateMachine,
    options: Options,
    expect: Vec<(Code, &'static str)>,
}

fn case(what: &'static str, machine: StateMachine, expect: &[(Code, &'static str)]) -> Case {
    Case {
        what,
        machine,
        options: Options::default(),
        expect: expect.to_vec(),
    }
}

fn express(mut case: Case) -> Case {
    case.options.machine_type = MachineType::Express;
    case
}

/// Runs every case and reports every mismatch at once.
fn check(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in cases {
        let findings = validate::validate(&case.machine, &case.options);
        let actual: BTreeSet<(Code, String)> = findings
            .iter()
            .map(|f| (f.code, f.pointer.clone()))
            .collect();
        let expected: BTreeSet<(Code, String)> = case
            .expect
            .iter()
            .map(|(c, p)| (*c, (*p).to_owned()))
            .collect();
        if actual != expected {
            let shown: Vec<String> = findings.iter().map(ToString::to_string).collect();
            failures.push(format!(
                "{}\n  expected {expected:?}\n  found    {shown:#?}",
                case.what
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn machine(states: Vec<(&str, State)>) -> StateMachine {
    let mut machine = StateMachine::new(states.first().map_or("", |(name, _)| *name));
    for (name, state) in states {
        machine = machine.state(name, state);
    }
    machine
}

fn jsonata(mut machine: StateMachine) -> StateMachine {
    machine.query_language = Some(QueryLanguage::Jsonata);
    machine
}

fn pass() -> PassState {
    PassState::new()
}

fn end() -> State {
    SucceedState::new().into()
}

fn lambda() -> TaskState {
    TaskState::new(Resource::service(
        "lambda",
        "invoke",
        IntegrationPattern::RequestResponse,
    ))
}

fn callback() -> TaskState {
    TaskState::new(Resource::service(
        "lambda",
        "invoke",
        IntegrationPattern::WaitForTaskToken,
    ))
    .timeout_seconds(300)
}

fn token_payload() -> Template {
    Template::object().with_path("token", Path::task_token())
}

fn expr(text: &str) -> JsonataExpr {
    JsonataExpr(text.to_owned())
}

fn branch(states: Vec<(&str, State)>) -> Branch {
    let mut branch = Branch::new(states.first().map_or("", |(name, _)| *name));
    for (name, state) in states {
        branch = branch.state(name, state);
    }
    branch
}

fn parallel(branches: Vec<Branch>) -> ParallelState {
    branches
        .into_iter()
        .fold(ParallelState::new(), ParallelState::branch)
}

fn distributed(execution_type: ExecutionType) -> MapState {
    MapState::new(Processor::distributed("Item", execution_type).state("Item", pass().end()))
}

fn inline_map() -> MapState {
    MapState::new(Processor::new("Item").state("Item", pass().end()))
}

#[test]
fn a_definition_over_one_megabyte_is_too_large() {
    let definition = |comment_bytes: usize| {
        json!({
            "Comment": "x".repeat(comment_bytes),
            "StartAt": "A",
            "States": { "A": { "Type": "Succeed" } }
        })
    };
    let overhead = definition(0).to_string().len();
    let at_limit = definition(validate::MAX_DEFINITION_BYTES - overhead);
    let over = definition(validate::MAX_DEFINITION_BYTES - overhead + 1);
    let too_large = |report: validate::Report| {
        let found: Vec<_> = report
            .findings
            .iter()
            .map(|f| (f.code, f.pointer.clone()))
            .collect();
        found == [(Code::DefinitionTooLarge, String::new())]
    };

    let options = Options::default();
    assert!(!too_large(validate::validate_str(
        &at_limit.to_string(),
        &options
    )));
    assert!(!too_large(validate::validate_value(&at_limit, &options)));
    assert!(too_large(validate::validate_str(
        &over.to_string(),
        &options
    )));
    assert!(too_large(validate::validate_value(&over, &options)));
}

#[test]
fn a_thousand_state_machine_validates_quickly() {
    let mut machine = StateMachine::new("S0");
    for i in 0..1000 {
        let next = format!("S{}", i + 1);
        let state: State = match i % 3 {
            0 => callback()
                .parameters(token_payload())
                .retry(Retrier::new(["Lambda.ServiceException"]))
                .next(next)
                .into(),
            1 => pass()
                .parameters(Template::object().with_path("a", Path::input().field("a")))
                .next(next)
                .into(),
            _ => WaitState::seconds(1).next(next).into(),
        };
        machine = machine.state(format!("S{i}"), state);
    }
    machine = machine.state("S1000", SucceedState::new());
    let started = std::time::Instant::now();
    let findings = validate::validate(&machine, &Options::default());
    let elapsed = started.elapsed();
    assert!(findings.is_empty(), "{findings:?}");
    // Generous for unoptimized test builds; the release-mode target is well under 5 ms.
    assert!(elapsed.as_millis() < 250, "took {elapsed:?}");
}

/// JSON trees biased towards ASL: the keys and values a definition has, so that the
/// decoder and validator get past the first level.
fn asl_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "StartAt",
        "States",
        "Type",
        "Next",
        "End",
        "Retry",
        "Catch",
        "ErrorEquals",
        "Resource",
        "Parameters",
        "Arguments",
        "Output",
        "Assign",
        "Branches",
        "ItemProcessor",
        "Iterator",
        "ProcessorConfig",
        "Mode",
        "Choices",
        "Default",
        "Variable",
        "And",
        "Not",
        "Seconds",
        "Timestamp",
        "TimeoutSeconds",
        "HeartbeatSeconds",
        "QueryLanguage",
        "Condition",
        "A",
        "B",
        "x.$",
        "ResultPath",
        "ItemReader",
        "ItemBatcher",
        "ResultWriter",
        "BackoffRate",
    ]);
    let strings = prop::sample::select(vec![
        "A",
        "B",
        "Task",
        "Pass",
        "Choice",
        "Wait",
        "Succeed",
        "Fail",
        "Parallel",
        "Map",
        "JSONata",
        "JSONPath",
        "DISTRIBUTED",
        "States.ALL",
        "States.Nope",
        "$",
        "$.a",
        "$$.Task.Token",
        "{% $states.input %}",
        "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "not-an-arn",
        "States.Format('{}', $.a)",
        "2016-03-14T01:59:00Z",
        "",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-10.0f64..10.0).prop_map(Value::from),
        strings.prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 96, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|entries| Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validate_str_never_panics_on_asl_shaped_json(value in asl_json()) {
        let options = Options::default();
        let _ = validate::validate_str(&value.to_string(), &options);
        let _ = validate::validate_value(&value, &Options::for_machine_type(MachineType::Express));
    }

    #[test]
    fn validate_str_never_panics_on_arbitrary_text(text in ".{0,200}") {
        let _ = validate::validate_str(&text, &Options::default());
    }
}
