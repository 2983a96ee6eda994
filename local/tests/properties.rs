//! Property tests: any valid machine built from the flow states terminates with a
//! consistent history, and a seed fixes the whole run.

mod common;

use common::assert_consistent;
use proptest::prelude::*;
use serde_json::{Value, json};
use stepfn_local::{Engine, MachineType};

/// One generated state, before it is given a name and a transition.
#[derive(Debug, Clone)]
enum Kind {
    Pass(i64),
    Wait(u64),
    Choice(i64),
    Parallel(Vec<Vec<Kind>>),
    Map(Vec<Kind>),
}

fn leaf() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (0i64..10).prop_map(Kind::Pass),
        (0u64..120).prop_map(Kind::Wait),
        (0i64..10).prop_map(Kind::Choice),
    ]
}

fn kind() -> impl Strategy<Value = Kind> {
    leaf().prop_recursive(2, 16, 3, |inner| {
        prop_oneof![
            leaf(),
            prop::collection::vec(prop::collection::vec(inner.clone(), 1..3), 1..3)
                .prop_map(Kind::Parallel),
            prop::collection::vec(inner, 1..3).prop_map(Kind::Map),
        ]
    })
}

/// Writes a chain of states named `{prefix}{i}` ending in `end` (`Succeed`, `Fail` or an
/// `End: true` Pass), every transition going forward.
fn chain(kinds: &[Kind], prefix: &str, end: u8) -> Value {
    let mut states = serde_json::Map::new();
    let name = |i: usize| format!("{prefix}{i}");
    for (i, kind) in kinds.iter().enumerate() {
        let next = name(i + 1);
        let state = match kind {
            Kind::Pass(n) => {
                json!({"Type": "Pass", "Result": n, "ResultPath": "$.last", "Next": next})
            }
            Kind::Wait(s) => json!({"Type": "Wait", "Seconds": s, "Next": next}),
            Kind::Choice(n) => json!({"Type": "Choice", "Default": next,
                "Choices": [{"Variable": "$.k", "NumericLessThan": n, "Next": next}]}),
            Kind::Parallel(branches) => {
                let branches: Vec<Value> = branches
                    .iter()
                    .enumerate()
                    .map(|(b, states)| chain(states, &format!("{prefix}{i}b{b}x"), 2))
                    .collect();
                json!({"Type": "Parallel", "Branches": branches, "ResultPath": null, "Next": next})
            }
            Kind::Map(states) => {
                json!({"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": next,
                "ItemSelector": {"k.$": "$$.Map.Item.Value"},
                "ItemProcessor": chain(states, &format!("{prefix}{i}mx"), 2)})
            }
        };
        states.insert(name(i), state);
    }
    let last = match end {
        0 => json!({"Type": "Succeed"}),
        1 => json!({"Type": "Fail", "Error": "Generated", "Cause": "end of chain"}),
        _ => json!({"Type": "Pass", "End": true}),
    };
    states.insert(name(kinds.len()), last);
    json!({"StartAt": name(0), "States": states})
}

fn run(definition: &Value, seed: u64) -> (Engine, String) {
    let mut engine = Engine::with_seed(seed);
    let machine = engine
        .create_state_machine("Generated", definition.to_string(), MachineType::Standard)
        .unwrap_or_else(|e| panic!("generated machine rejected: {e}\n{definition:#}"));
    let arn = engine
        .start_execution(&machine, None, json!({"k": 4, "items": [1, 7, 3]}))
        .unwrap();
    engine
        .run_to_completion(&arn)
        .expect("a forward-only machine ends");
    (engine, arn)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_generated_machine_terminates_with_a_consistent_history(
        kinds in prop::collection::vec(kind(), 0..6),
        end in 0u8..3,
        seed in any::<u64>(),
    ) {
        let definition = chain(&kinds, "S", end);
        let (engine, arn) = run(&definition, seed);
        assert_consistent(&engine, &arn);
    }

    #[test]
    fn the_same_seed_gives_the_same_history(kinds in prop::collection::vec(kind(), 1..4), seed in any::<u64>()) {
        let definition = chain(&kinds, "S", 0);
        let (first, arn) = run(&definition, seed);
        let (second, again) = run(&definition, seed);
        prop_assert_eq!(&arn, &again);
        prop_assert_eq!(first.history(&arn).unwrap(), second.history(&again).unwrap());
    }
}
