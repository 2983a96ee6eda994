//! Every Choice comparison operator against outcomes recorded on real AWS Step Functions.
//!
//! `tests/fixtures/choice-operators.json` restates, in our own format, the cases LocalStack
//! recorded on AWS for each comparison operator (only the tests LocalStack marks as validated
//! against AWS). Each group names one operator, whether the rule compares with a literal or
//! with a `...Path`, and its cases: an input `{"Variable": v, "Value": x}` and whether AWS
//! took the rule's branch.
//!
//! The machine is the one the recordings used: a Choice state with one rule
//! `{"Variable": "$.Variable", "<Operator>": x}` (or `"<Operator>Path": "$.Value"`), whose
//! branch is a Pass state with the result `{"TestResult.$": "ConditionTrue"}` and whose
//! Default is a Pass state with `{"TestResult.$": "ConditionFalse"}`. Every recorded
//! execution succeeded.
//!
//! The test runs every case and reports every disagreement at once.

mod common;

use serde::Deserialize;
use serde_json::{Value, json};
use stepfn_local::{Engine, ExecutionStatus, MachineType};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/choice-operators.json"
);

#[derive(Deserialize)]
struct Group {
    source: String,
    operator: String,
    path: bool,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    input: Value,
    result: bool,
}

/// The recorded machine for one operator and, for a literal rule, the input's `Value`.
fn definition(operator: &str, path: bool, value: &Value) -> String {
    let mut rule = json!({"Variable": "$.Variable", "Next": "ConditionTrue"});
    if path {
        rule[format!("{operator}Path")] = json!("$.Value");
    } else {
        rule[operator] = value.clone();
    }
    json!({
        "StartAt": "Choice",
        "States": {
            "Choice": {"Type": "Choice", "Choices": [rule], "Default": "ConditionFalse"},
            "ConditionTrue": {
                "Type": "Pass",
                "Result": {"TestResult.$": "ConditionTrue"},
                "End": true
            },
            "ConditionFalse": {
                "Type": "Pass",
                "Result": {"TestResult.$": "ConditionFalse"},
                "End": true
            }
        }
    })
    .to_string()
}

fn expected_output(result: bool) -> Value {
    let branch = if result {
        "ConditionTrue"
    } else {
        "ConditionFalse"
    };
    json!({ "TestResult.$": branch })
}

/// What the engine did with one case, if it differs from AWS.
fn disagreement(group: &Group, case: &Case) -> Option<String> {
    let value = case.input.get("Value").cloned().unwrap_or(Value::Null);
    let definition = definition(&group.operator, group.path, &value);
    // Report a rejected definition instead of stopping at the first one.
    if let Err(error) =
        Engine::new().create_state_machine("Machine", definition.as_str(), MachineType::Standard)
    {
        return Some(format!(
            "definition rejected: {error}; definition {definition}"
        ));
    }
    let (_, _, description) = common::run(&definition, case.input.clone());
    let expected = expected_output(case.result);
    if description.status == ExecutionStatus::Succeeded
        && description.output.as_ref() == Some(&expected)
    {
        return None;
    }
    Some(match description.status {
        ExecutionStatus::Succeeded => format!(
            "engine output {}",
            description.output.unwrap_or(Value::Null)
        ),
        status => format!(
            "engine ended {status:?}: {} {}",
            description.error.unwrap_or_default(),
            description.cause.unwrap_or_default()
        ),
    })
}

#[test]
fn every_comparison_operator_decides_as_recorded_on_aws() {
    let text = std::fs::read_to_string(FIXTURE).expect("fixture readable");
    let groups: Vec<Group> = serde_json::from_str(&text).expect("fixture parses");
    assert!(!groups.is_empty(), "no recorded groups");
    let mut total = 0;
    let mut mismatches = Vec::new();
    for group in &groups {
        assert!(!group.cases.is_empty(), "{}: no cases", group.source);
        for case in &group.cases {
            total += 1;
            if let Some(engine) = disagreement(group, case) {
                let operator = if group.path {
                    format!("{}Path", group.operator)
                } else {
                    group.operator.clone()
                };
                mismatches.push(format!(
                    "{operator} on {}: AWS {} | {engine}\n    ({})",
                    case.input,
                    if case.result {
                        "ConditionTrue"
                    } else {
                        "ConditionFalse"
                    },
                    group.source
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {total} recorded cases differ from AWS:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
