//! The AWS parts of the webhook against moto on 127.0.0.1: `SnsSink` publishing notices to a
//! topic (read back through an HTTP subscription moto delivers to), and 64 concurrent
//! duplicates claimed in a DynamoDB table. The endpoint comes from `STEPFN_SNS_ENDPOINT` or
//! `STEPFN_DYNAMODB_ENDPOINT`, or else from `.ci/test-services`; the test fails rather than skip.
#![cfg(feature = "aws")]

mod support;

use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sns::config::{Credentials, SharedCredentialsProvider};
use axum::Router;
use axum::body::Bytes;
use serde_json::Value;
use stepfn_core::callback::CallbackTask;
use stepfn_store::{DynamoStore, TokenStore};
use stepfn_webhook::{CallbackHandler, ErrorNotice, ErrorSink, Outcome, SnsSink};
use support::{Counting, RequestValuation, map_reply, record, valued};

fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        for name in ["STEPFN_SNS_ENDPOINT", "STEPFN_DYNAMODB_ENDPOINT"] {
            if let Ok(endpoint) = std::env::var(name) {
                return endpoint;
            }
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/test-services");
        let out = Command::new("bash")
            .arg(script)
            .output()
            .expect("run .ci/test-services");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), ".ci/test-services failed: {stderr}");
        String::from_utf8(out.stdout)
            .expect("an endpoint")
            .trim()
            .to_owned()
    })
}

fn conf() -> SdkConfig {
    let credentials = Credentials::new("AKIDSTEPFNTEST", "test-secret", None, None, "test");
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .endpoint_url(endpoint())
        .build()
}

fn unique(name: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{name}-{nanos}")
}

/// An SNS topic with an HTTP subscriber on 127.0.0.1 that keeps the messages delivered.
struct Topic {
    arn: String,
    messages: Arc<Mutex<Vec<String>>>,
}

impl Topic {
    async fn create() -> Self {
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&messages);
        let app = Router::new().fallback(move |body: Bytes| {
            let kept = Arc::clone(&kept);
            async move {
                let post: Value = serde_json::from_slice(&body).unwrap_or_default();
                if post["Type"] == "Notification" {
                    let message = post["Message"].as_str().unwrap_or_default().to_owned();
                    kept.lock().unwrap().push(message);
                }
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/notices", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });

        let sns = aws_sdk_sns::Client::new(&conf());
        let created = sns
            .create_topic()
            .name(unique("callback-errors"))
            .send()
            .await
            .unwrap();
        let arn = created.topic_arn().unwrap().to_owned();
        let subscribe = sns
            .subscribe()
            .topic_arn(&arn)
            .protocol("http")
            .endpoint(url);
        subscribe.send().await.unwrap();
        Topic { arn, messages }
    }

    /// The notices delivered, once `count` have arrived (or after 10 s).
    async fn notices(&self, count: usize) -> Vec<ErrorNotice> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.messages.lock().unwrap().len() < count && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let messages = self.messages.lock().unwrap().clone();
        messages
            .iter()
            .map(|m| serde_json::from_str(m).unwrap())
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sns_sink_publishes_the_notice_as_the_message() {
    let topic = Topic::create().await;
    let sink = SnsSink::from_conf(&conf(), &topic.arn);
    let notice = ErrorNotice {
        source: "arn:aws:lambda:eu-west-2:123456789012:function:valuation-webhook".into(),
        description: "duplicate callback for `V-1`: its task token was already used".into(),
        request_id: "req-sns".into(),
        body: r#"{"status":"valued","reference":"V-1","value":1}"#.into(),
        outcome: "duplicate".into(),
        reference: Some("V-1".into()),
    };
    sink.publish(&notice).await.unwrap();
    assert_eq!(topic.notices(1).await, [notice]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_to_a_missing_topic_is_a_sink_error() {
    let missing = "arn:aws:sns:eu-west-2:123456789012:no-such-topic";
    let sink = SnsSink::from_conf(&conf(), missing);
    let notice = ErrorNotice {
        source: "s".into(),
        description: "d".into(),
        request_id: "r".into(),
        body: "b".into(),
        outcome: "late".into(),
        reference: None,
    };
    assert!(sink.publish(&notice).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_concurrent_duplicates_claimed_in_dynamodb_reach_step_functions_once() {
    let store = DynamoStore::from_conf(&conf(), unique("tokens"));
    store.create_table().await.unwrap();
    store.put(record("V-ddb")).await.unwrap();
    let topic = Topic::create().await;
    let transport = Arc::new(Counting::default());
    let client = RequestValuation::client(Arc::clone(&transport));
    let sink = SnsSink::from_conf(&conf(), &topic.arn);
    let handler = CallbackHandler::new(map_reply, store, client, sink, "valuation-webhook");

    let callbacks: Vec<_> = (0..64)
        .map(|n| {
            let handler = handler.clone();
            tokio::spawn(async move {
                handler
                    .handle(&format!("req-{n}"), &valued("V-ddb", 3))
                    .await
            })
        })
        .collect();
    let mut succeeded = 0;
    for callback in callbacks {
        let handled = callback.await.unwrap();
        assert_eq!(handled.sink_error, None);
        match handled.outcome {
            Outcome::Succeeded { .. } => succeeded += 1,
            Outcome::Duplicate { .. } => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(succeeded, 1);
    assert_eq!(transport.successes(), 1);
    let notices = topic.notices(63).await;
    assert_eq!(notices.len(), 63);
    assert!(
        notices
            .iter()
            .all(|n| n.outcome == "duplicate" && n.reference.as_deref() == Some("V-ddb"))
    );
    assert_eq!(RequestValuation::STATE_NAME, "RequestValuation");
}
