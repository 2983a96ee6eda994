//! `#[workflow]` end to end: the blog's two machines and a machine using every state type,
//! checked against committed snapshots, core's validator, core's decoder and CDK's output.
//!
//! Snapshots live in `tests/snapshots/`; after a deliberate change, regenerate them with
//! `STEPFN_BLESS=1 cargo test --test workflow` and review the diff like code. Every run also
//! writes the generated ASL to `target/generated-asl/` for the external validators
//! (`.ci/external-validators target/generated-asl`), except `EveryState`, which goes to
//! `target/generated-asl-statelint-gaps/`: statelint 3.1 rejects three things AWS accepts
//! there (`Label` on a distributed Map, a `${Placeholder}` as a whole `Resource`, and
//! `ToleratedFailurePercentage: 5.0`, which core's writer prints with a fraction).

mod workflow {
    pub(crate) mod blog;
    pub(crate) mod cdk;
    pub(crate) mod every_state;
}

use std::path::{Path, PathBuf};

use serde_json::Value;
use stepfn::core::validate::{Options, validate};
use stepfn::{CallbackTask, MachineType, StateMachine, Substitutions, TaskToken, Workflow};
use workflow::blog::{LoanProcessor, LoanProcessorSubstitutions, MockValuationService};
use workflow::every_state::EveryState;

/// Name, ASL, schemas and machine type of every workflow under test.
fn workflows() -> Vec<(&'static str, String, Value, StateMachine, MachineType)> {
    fn one<W: Workflow>() -> (&'static str, String, Value, StateMachine, MachineType) {
        let schemas = serde_json::to_value(W::schemas()).expect("schemas are JSON");
        (
            W::NAME,
            W::asl(),
            schemas,
            W::state_machine(),
            W::MACHINE_TYPE,
        )
    }
    vec![
        one::<LoanProcessor>(),
        one::<MockValuationService>(),
        one::<EveryState>(),
    ]
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `actual` with the committed file, or rewrites it when `STEPFN_BLESS` is set.
fn snapshot(path: &Path, actual: &str) {
    if std::env::var_os("STEPFN_BLESS").is_some() {
        std::fs::write(path, actual).expect("write the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with STEPFN_BLESS=1 to create it",
            path.display()
        )
    });
    assert_eq!(
        expected,
        actual,
        "{} changed; review, then run with STEPFN_BLESS=1",
        path.display()
    );
}

#[test]
fn generated_asl_matches_the_snapshots() {
    for (name, asl, schemas, _, _) in workflows() {
        let folder = match name {
            "EveryState" => "generated-asl-statelint-gaps",
            _ => "generated-asl",
        };
        let out = root().join("target").join(folder);
        std::fs::create_dir_all(&out).expect("create the generated ASL folder");
        let asl = format!("{asl}\n");
        snapshot(
            &root().join(format!("tests/snapshots/{name}.asl.json")),
            &asl,
        );
        let schemas = serde_json::to_string_pretty(&schemas).expect("schemas are JSON") + "\n";
        snapshot(
            &root().join(format!("tests/snapshots/{name}.schemas.json")),
            &schemas,
        );
        std::fs::write(out.join(format!("{name}.asl.json")), asl).expect("write generated ASL");
    }
}

#[test]
fn every_generated_machine_passes_the_validator_without_findings() {
    for (name, _, _, machine, machine_type) in workflows() {
        let findings = validate(&machine, &Options::for_machine_type(machine_type));
        assert!(
            findings.is_empty(),
            "{name}: the macro built a machine the validator flags: {findings:#?}"
        );
    }
}

#[test]
fn every_generated_machine_round_trips_through_the_decoder() {
    for (name, asl, _, machine, _) in workflows() {
        let decoded = StateMachine::from_json(&machine.to_json()).expect("the decoder reads it");
        assert_eq!(decoded, machine, "{name} changed through to_json/from_json");
        let decoded = StateMachine::from_json(&asl).expect("the decoder reads asl()");
        assert_eq!(decoded, machine, "{name} changed through asl()/from_json");
    }
}

#[test]
fn outputs_are_deterministic() {
    assert_eq!(EveryState::asl(), EveryState::asl());
    assert_eq!(EveryState::schemas(), EveryState::schemas());
}

#[test]
fn every_placeholder_is_a_field_of_the_substitutions_struct() {
    assert_eq!(
        LoanProcessor::SUBSTITUTIONS,
        &["ErrorTopicArn", "ValuationRequestFunctionArn"]
    );
    let substitutions = LoanProcessorSubstitutions {
        error_topic_arn: "arn:aws:sns:eu-west-1:123456789012:errors".to_owned(),
        valuation_request_function_arn: "arn:aws:lambda:eu-west-1:123456789012:function:request"
            .to_owned(),
    };
    let deployed = substitutions.apply(&LoanProcessor::asl());
    assert!(
        !deployed.contains("${"),
        "a placeholder was left: {deployed}"
    );
    assert_eq!(
        substitutions.to_map().len(),
        LoanProcessor::SUBSTITUTIONS.len()
    );
}

#[test]
fn callback_tasks_implement_the_callback_traits() {
    use workflow::blog::loan_processor::RequestValuation;
    use workflow::every_state::order_flow::{Approve, Pack};

    fn heartbeat<T: stepfn::Heartbeat>() -> &'static str {
        T::STATE_NAME
    }
    assert_eq!(RequestValuation::STATE_NAME, "RequestValuation");
    assert_eq!(heartbeat::<Approve>(), "Approve");
    assert_eq!(Pack::STATE_NAME, "Pack");

    let token: TaskToken<RequestValuation> =
        serde_json::from_value(Value::from("AAAAKgAAAAIAAAA")).expect("a token deserializes");
    assert_eq!(token.state_name(), "RequestValuation");
    assert_eq!(
        <<RequestValuation as CallbackTask>::Error as stepfn::TaskError>::error_names(),
        &["ValuationFailed"]
    );
}

#[test]
fn the_callback_payload_carries_the_task_token() {
    let asl: Value = serde_json::from_str(&LoanProcessor::asl()).expect("JSON");
    let payload = &asl["States"]["RequestValuation"]["Parameters"]["Payload"];
    assert_eq!(payload["taskToken.$"], "$$.Task.Token");
    assert_eq!(payload["loanApplication.$"], "$.application");
}

#[test]
fn schemas_cover_the_input_and_each_task() {
    let roles: Vec<String> = LoanProcessor::schemas().into_keys().collect();
    assert_eq!(
        roles,
        [
            "PublishFailure.payload",
            "PublishTimeout.payload",
            "RequestValuation.error",
            "RequestValuation.output",
            "RequestValuation.payload",
            "input"
        ]
    );
}

#[test]
fn the_blog_machines_equal_what_cdk_synthesizes() {
    for name in ["LoanProcessor", "MockValuationService"] {
        let fixture = root().join(format!(".ci/cdk/fixtures/{name}.asl.json"));
        let cdk: Value = serde_json::from_str(&std::fs::read_to_string(&fixture).expect("fixture"))
            .expect("CDK fixture is JSON");
        let ours: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(format!("tests/snapshots/{name}.asl.json")))
                .expect("snapshot"),
        )
        .expect("snapshot is JSON");
        assert_eq!(
            workflow::cdk::normalise(&ours),
            workflow::cdk::normalise(&cdk),
            "{name} differs from CDK's synthesis (placeholders normalised)"
        );
    }
}
