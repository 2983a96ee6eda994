//! Where stepfn-local knowingly differs from AWS: each test pins today's behaviour; the
//! reasons are in the crate docs' "Known differences".

mod common;

use common::{run, start, types};
use serde_json::json;
use stepfn_local::{Engine, MachineType};

#[test]
fn a_jsonata_state_fails_with_states_runtime_until_jsonata_is_supported() {
    let definition = r#"{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% 1 + 1 %}","End":true}}}"#;
    let (engine, arn, description) = run(definition, json!({}));
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    assert!(
        description
            .cause
            .unwrap()
            .contains("JSONata is not supported yet")
    );
    assert_eq!(
        types(&engine, &arn),
        ["ExecutionStarted", "PassStateEntered", "ExecutionFailed"]
    );
}

#[test]
fn a_distributed_map_reads_its_items_from_the_input_only() {
    let definition = r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
        "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
            "Parameters":{"Bucket":"b","Key":"items.json"}},
        "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}"#;
    let (_, _, description) = run(definition, json!({}));
    assert_eq!(description.error.as_deref(), Some("States.Runtime"));
    assert!(
        description
            .cause
            .unwrap()
            .contains("ItemReader is not supported")
    );
}

#[test]
fn express_executions_keep_a_history() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;
    let machine = engine
        .create_state_machine("Fast", definition, MachineType::Express)
        .unwrap();
    let arn = engine
        .start_execution(&machine, Some("e"), json!({}))
        .unwrap();
    assert!(arn.contains(":express:Fast:e"));
    engine.run_to_completion(&arn).unwrap();
    assert_eq!(engine.history(&arn).unwrap().len(), 4);
}

#[test]
fn topics_and_queues_exist_on_first_use() {
    let mut engine = Engine::new();
    let definition = r#"{"StartAt":"N","States":{"N":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
        "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:never-created","Message":"m"},"End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    engine.run_to_completion(&arn).unwrap();
    assert_eq!(
        engine
            .topic_messages("arn:aws:sns:us-east-1:123456789012:never-created")
            .len(),
        1
    );
}

#[test]
fn intrinsic_failure_causes_are_stepfn_wording() {
    let definition = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"States.ArrayGetItem($.a, $.i)"},"End":true}}}"#;
    let (_, _, description) = run(definition, json!({"a": [], "i": 3}));
    assert_eq!(
        description.error.as_deref(),
        Some("States.IntrinsicFailure")
    );
    assert_eq!(
        description.cause.as_deref(),
        Some("Invalid arguments in States.ArrayGetItem: index 3 is out of bounds")
    );
}

#[test]
fn states_take_no_virtual_time_so_events_share_timestamps() {
    let definition = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}"#;
    let (engine, arn, _) = run(definition, json!({}));
    let stamps: Vec<_> = engine
        .history(&arn)
        .unwrap()
        .iter()
        .map(|e| e.timestamp)
        .collect();
    assert!(stamps.iter().all(|t| *t == stamps[0]));
}

#[test]
fn sdk_http_metadata_carries_only_predictable_headers() {
    let mut engine = Engine::new();
    engine.register_lambda("f", |_, _| Ok(json!(1)));
    let definition = r#"{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
        "Parameters":{"FunctionName":"f"},"End":true}}}"#;
    let arn = start(&mut engine, definition, json!({}));
    let output = engine.run_to_completion(&arn).unwrap().output.unwrap();
    let headers = output["SdkHttpMetadata"]["HttpHeaders"]
        .as_object()
        .unwrap();
    let mut names: Vec<&str> = headers.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["Content-Type", "Date", "x-amzn-RequestId"]);
}
