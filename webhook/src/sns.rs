//! `SnsSink`: error notices published to an SNS topic (feature `aws`).

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_sns::Client;
use aws_sdk_sns::error::DisplayErrorContext;

use crate::{ErrorNotice, ErrorSink, SinkError};

/// An [`ErrorSink`] that publishes each notice as the JSON message of an SNS topic. The IAM
/// action it needs is `sns:Publish` on the topic ([`error_topic_policy`](crate::policy::error_topic_policy)).
#[derive(Debug, Clone)]
pub struct SnsSink {
    client: Client,
    topic_arn: String,
}

impl SnsSink {
    /// A sink publishing to `topic_arn` with `client`.
    pub fn new(client: Client, topic_arn: impl Into<String>) -> Self {
        SnsSink {
            client,
            topic_arn: topic_arn.into(),
        }
    }

    /// A sink configured by `conf` (its endpoint too, if set).
    pub fn from_conf(conf: &SdkConfig, topic_arn: impl Into<String>) -> Self {
        SnsSink::new(Client::new(conf), topic_arn)
    }

    /// A sink configured from the environment as the AWS CLI is.
    pub async fn from_env(topic_arn: impl Into<String>) -> Self {
        let conf = aws_config::load_defaults(BehaviorVersion::latest()).await;
        SnsSink::from_conf(&conf, topic_arn)
    }

    /// The topic's ARN.
    pub fn topic_arn(&self) -> &str {
        &self.topic_arn
    }
}

impl ErrorSink for SnsSink {
    async fn publish(&self, notice: &ErrorNotice) -> Result<(), SinkError> {
        let message = serde_json::to_string(notice).map_err(|e| SinkError {
            message: e.to_string(),
        })?;
        let publish = self.client.publish().topic_arn(&self.topic_arn);
        let sent = publish.message(message).send().await;
        sent.map(drop).map_err(|e| SinkError {
            message: DisplayErrorContext(e).to_string(),
        })
    }
}
