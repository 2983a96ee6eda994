//! The generated least-privilege IAM policies.

mod support;

use serde_json::json;
use stepfn_core::callback::{CallbackTask, Heartbeat, NoError};
use stepfn_webhook::policy::{Resource, error_topic_policy, token_table_policy, webhook_policy};
use support::RequestValuation;

struct AwaitSignature;

impl CallbackTask for AwaitSignature {
    const STATE_NAME: &'static str = "Await signature";
    const HEARTBEAT: bool = true;
    type Output = bool;
    type Error = NoError;
}

impl Heartbeat for AwaitSignature {}

#[test]
fn a_task_without_heartbeat_gets_success_and_failure_only() {
    let policy = webhook_policy::<RequestValuation>(Resource::AnyStateMachine);
    let expected = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "AnswerRequestValuation",
            "Effect": "Allow",
            "Action": ["states:SendTaskSuccess", "states:SendTaskFailure"],
            "Resource": "*",
        }],
    });
    assert_eq!(policy, expected);
}

#[test]
fn a_task_with_heartbeat_also_gets_send_task_heartbeat_scoped_to_its_machine() {
    let arn = "arn:aws:states:eu-west-2:123456789012:stateMachine:LoanProcessor";
    let policy = webhook_policy::<AwaitSignature>(Resource::StateMachine(arn));
    let statement = &policy["Statement"][0];
    assert_eq!(statement["Sid"], "AnswerAwaitsignature");
    let actions = json!([
        "states:SendTaskSuccess",
        "states:SendTaskFailure",
        "states:SendTaskHeartbeat"
    ]);
    assert_eq!(statement["Action"], actions);
    assert_eq!(statement["Resource"], arn);
}

#[test]
fn the_token_table_gets_get_put_and_update_on_its_arn_only() {
    let arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/TaskTokens";
    let statement = &token_table_policy(arn)["Statement"][0];
    let actions = json!([
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem"
    ]);
    assert_eq!(statement["Action"], actions);
    assert_eq!(statement["Resource"], arn);
    assert_eq!(statement["Effect"], "Allow");
}

#[test]
fn the_error_topic_gets_publish_on_its_arn_only() {
    let arn = "arn:aws:sns:eu-west-2:123456789012:callback-errors";
    let statement = &error_topic_policy(arn)["Statement"][0];
    assert_eq!(statement["Action"], json!(["sns:Publish"]));
    assert_eq!(statement["Resource"], arn);
}
