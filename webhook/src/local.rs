//! An error sink that publishes notices to an SNS topic of the local engine.

use stepfn_local::SharedEngine;

use crate::{ErrorNotice, ErrorSink, SinkError};

/// Publishes each notice, as JSON, to a topic of a [`SharedEngine`]: what `SnsSink` (feature
/// `aws`) does on AWS, for tests and the local demo. Subscribers of the topic see it at once.
#[derive(Debug, Clone)]
pub struct LocalTopicSink {
    engine: SharedEngine,
    topic_arn: String,
}

impl LocalTopicSink {
    /// A sink publishing to `topic_arn` of `engine`.
    pub fn new(engine: SharedEngine, topic_arn: impl Into<String>) -> LocalTopicSink {
        LocalTopicSink {
            engine,
            topic_arn: topic_arn.into(),
        }
    }

    /// The topic notices go to.
    pub fn topic_arn(&self) -> &str {
        &self.topic_arn
    }
}

impl ErrorSink for LocalTopicSink {
    async fn publish(&self, notice: &ErrorNotice) -> Result<(), SinkError> {
        let body = serde_json::to_string(notice).map_err(|error| SinkError {
            message: error.to_string(),
        })?;
        self.engine.publish(&self.topic_arn, &body, &notice.source);
        Ok(())
    }
}
