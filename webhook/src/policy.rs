//! Least-privilege IAM policies for the webhook, its token table and its error topic.

use serde_json::{Value, json};
use stepfn_core::callback::CallbackTask;

/// Which state machines the webhook may answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// `"*"`. The Service Authorization Reference lists no resource type for the
    /// `SendTask*` actions, so this is the form AWS documents.
    AnyStateMachine,
    /// One state machine's ARN, as the CDK's `grantTaskResponse` scopes it (tested to work
    /// by the CDK team, narrower than what AWS documents).
    StateMachine(&'a str),
}

impl Resource<'_> {
    fn arn(&self) -> &str {
        match self {
            Resource::AnyStateMachine => "*",
            Resource::StateMachine(arn) => arn,
        }
    }
}

/// The policy a webhook for task `T` needs: `states:SendTaskSuccess` and
/// `states:SendTaskFailure`, and `states:SendTaskHeartbeat` only if `T` declares a
/// heartbeat.
pub fn webhook_policy<T: CallbackTask>(resource: Resource<'_>) -> Value {
    let mut actions = vec!["states:SendTaskSuccess", "states:SendTaskFailure"];
    if T::HEARTBEAT {
        actions.push("states:SendTaskHeartbeat");
    }
    policy(
        &format!("Answer{}", sid(T::STATE_NAME)),
        &actions,
        resource.arn(),
    )
}

/// The policy the token table needs from its users: `dynamodb:GetItem`, `PutItem` and
/// `UpdateItem` on `table_arn`, nothing else (no `Scan`, no `DeleteItem`).
pub fn token_table_policy(table_arn: &str) -> Value {
    let actions = [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
    ];
    policy("TaskTokenTable", &actions, table_arn)
}

/// The policy the webhook needs to publish error notices: `sns:Publish` on `topic_arn`.
pub fn error_topic_policy(topic_arn: &str) -> Value {
    policy("PublishCallbackErrors", &["sns:Publish"], topic_arn)
}

fn policy(sid: &str, actions: &[&str], resource: &str) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": sid,
            "Effect": "Allow",
            "Action": actions,
            "Resource": resource,
        }],
    })
}

/// A statement id from a state name: IAM allows only ASCII letters and digits.
fn sid(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).collect()
}
