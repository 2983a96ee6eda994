//! The engine builds `$$` and the variables only for fields that can read them: every such
//! field still sees them.

mod common;

use common::run;
use serde_json::json;

#[test]
fn every_field_that_can_read_the_context_or_variables_still_does() {
    let pass = |fields: &str| {
        format!(
            r#"{{"StartAt":"Set","States":{{
                "Set":{{"Type":"Pass","Assign":{{"who":"ada"}},"Next":"S"}},
                "S":{{"Type":"Pass",{fields}"End":true}}}}}}"#
        )
    };
    let cases = [
        (r#""InputPath":"$$.State.Name","#, json!("S")),
        (
            r#""Parameters":{"n.$":"$$.State.Name","w.$":"$who"},"#,
            json!({"n": "S", "w": "ada"}),
        ),
        (r#""OutputPath":"$$.Execution.Name","#, json!("run")),
        (
            r#""Result":{},"ResultPath":"$.r","OutputPath":"$$.State.Name","#,
            json!("S"),
        ),
        (
            r#""Assign":{"again.$":"$who"},"OutputPath":"$$.State.Name","#,
            json!("S"),
        ),
    ];
    for (fields, expected) in cases {
        let (_, _, description) = run(&pass(fields), json!({"k": 1}));
        assert_eq!(description.output, Some(expected), "{fields}");
    }
}

#[test]
fn result_selector_and_wait_paths_still_read_the_context() {
    let definition = r#"{"StartAt":"W","States":{
        "W":{"Type":"Wait","SecondsPath":"$$.Execution.Input.s","Next":"T"},
        "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
             "Parameters":{"QueueUrl":"q","MessageBody":"m"},
             "ResultSelector":{"state.$":"$$.State.Name"},"End":true}}}"#;
    let (_, _, description) = run(definition, json!({"s": 60}));
    assert_eq!(description.output, Some(json!({"state": "T"})));
    let waited = description.stop_date.unwrap().since(description.start_date);
    assert_eq!(waited.as_secs(), 60);
}
