//! `AwsTransport` against a local server that answers as Step Functions does (AWS JSON 1.0):
//! the real aws-sdk-sfn client signs, serializes and parses, and the error mapping and the
//! client's retries run for real. Nothing leaves 127.0.0.1.
#![cfg(feature = "aws")]

mod callback_support;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sfn::config::{Credentials, SharedCredentialsProvider};
use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use callback_support::{RequestValuation, Valuation, ValuationError};
use serde_json::{Value, json};
use stepfn_core::callback::{
    AwsTransport, CallbackClient, CallbackTask, Jitter, RetryPolicy, SendError, TaskToken,
};

const TOKEN: &str = "AAAAKgAAAAIAAAAAAAAAAQ-aws-token";
const TIMED_OUT: &str = "Task Timed Out: 'Provided task does not exist anymore'";

/// One request the fake Step Functions received.
#[derive(Debug, Clone)]
struct Received {
    target: String,
    content_type: String,
    authorization: String,
    body: Value,
}

#[derive(Default)]
struct Script {
    received: Vec<Received>,
    answers: VecDeque<(u16, String)>,
}

/// A fake Step Functions on 127.0.0.1: records each request and answers from its script,
/// `200 {}` once the script is empty.
struct FakeStepFunctions {
    url: String,
    script: Arc<Mutex<Script>>,
}

impl FakeStepFunctions {
    async fn start(answers: impl IntoIterator<Item = (u16, Value)>) -> Self {
        let answers = answers
            .into_iter()
            .map(|(s, b)| (s, b.to_string()))
            .collect();
        let script = Arc::new(Mutex::new(Script {
            answers,
            ..Script::default()
        }));
        let shared = Arc::clone(&script);
        let app = Router::new().fallback(move |headers: HeaderMap, body: Bytes| {
            let script = Arc::clone(&shared);
            async move { answer(&script, &headers, &body) }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeStepFunctions { url, script }
    }

    fn received(&self) -> Vec<Received> {
        self.script.lock().unwrap().received.clone()
    }

    fn client(&self, retry: RetryPolicy) -> CallbackClient<RequestValuation, AwsTransport> {
        RequestValuation::client(AwsTransport::from_conf(&conf(&self.url))).with_retry(retry)
    }
}

fn answer(
    script: &Mutex<Script>,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, HeaderMap, String) {
    let header = |name: &str| {
        let value = headers.get(name).and_then(|v| v.to_str().ok());
        value.unwrap_or_default().to_owned()
    };
    let mut script = script.lock().unwrap();
    script.received.push(Received {
        target: header("x-amz-target"),
        content_type: header("content-type"),
        authorization: header("authorization"),
        body: serde_json::from_slice(body).unwrap_or(Value::Null),
    });
    let (status, body) = script.answers.pop_front().unwrap_or((200, "{}".into()));
    let mut headers = HeaderMap::new();
    headers.insert(
        "content-type",
        "application/x-amz-json-1.0".parse().unwrap(),
    );
    (StatusCode::from_u16(status).unwrap(), headers, body)
}

/// Static test credentials, a fixed region, the fake's endpoint.
fn conf(url: &str) -> SdkConfig {
    let credentials = Credentials::new("AKIDSTEPFNTEST", "test-secret", None, None, "test");
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .endpoint_url(url)
        .build()
}

fn fast_retry(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_delay: Duration::from_millis(5),
        jitter: Jitter::None,
        ..RetryPolicy::default()
    }
}

fn token() -> TaskToken<RequestValuation> {
    TaskToken::new(TOKEN).unwrap()
}

fn error(kind: &str, message: &str) -> (u16, Value) {
    (400, json!({"__type": kind, "message": message}))
}

#[tokio::test]
async fn send_task_success_is_a_signed_json_1_0_request_with_token_and_output() {
    let fake = FakeStepFunctions::start([]).await;
    let valuation = Valuation {
        reference: "V-7".into(),
        value: 300_000,
    };
    fake.client(RetryPolicy::never())
        .succeed(&token(), &valuation)
        .await
        .unwrap();

    let [request] = fake.received().try_into().unwrap();
    assert_eq!(request.target, "AWSStepFunctions.SendTaskSuccess");
    assert_eq!(request.content_type, "application/x-amz-json-1.0");
    assert!(
        request
            .authorization
            .starts_with("AWS4-HMAC-SHA256 Credential=AKIDSTEPFNTEST/")
    );
    assert!(
        request
            .authorization
            .contains("/eu-west-2/states/aws4_request")
    );
    let output = r#"{"reference":"V-7","value":300000}"#;
    assert_eq!(request.body, json!({"taskToken": TOKEN, "output": output}));
}

#[tokio::test]
async fn send_task_failure_carries_error_and_cause() {
    let fake = FakeStepFunctions::start([]).await;
    let failed = ValuationError::ValuationFailed {
        reason: "surveyor ill".into(),
    };
    let client = fake.client(RetryPolicy::never());
    client.fail(&token(), &failed).await.unwrap();
    client
        .fail(&token(), &ValuationError::PropertyNotFound)
        .await
        .unwrap();

    let [with_cause, without] = fake.received().try_into().unwrap();
    assert_eq!(with_cause.target, "AWSStepFunctions.SendTaskFailure");
    let expected = json!({"taskToken": TOKEN, "error": "ValuationFailed", "cause": "surveyor ill"});
    assert_eq!(with_cause.body, expected);
    assert_eq!(
        without.body,
        json!({"taskToken": TOKEN, "error": "PropertyNotFound"})
    );
}

#[tokio::test]
async fn send_task_heartbeat_sends_only_the_token() {
    let fake = FakeStepFunctions::start([]).await;
    fake.client(RetryPolicy::never())
        .heartbeat(&token())
        .await
        .unwrap();
    let [request] = fake.received().try_into().unwrap();
    assert_eq!(request.target, "AWSStepFunctions.SendTaskHeartbeat");
    assert_eq!(request.body, json!({"taskToken": TOKEN}));
}

#[tokio::test]
async fn service_errors_map_to_typed_errors() {
    let long_type = "com.amazonaws.swf.service.v2.model#TaskTimedOut";
    let cases = [
        (
            error(long_type, TIMED_OUT),
            SendError::TaskTimedOut {
                message: TIMED_OUT.into(),
            },
        ),
        (
            error("TaskTimedOut", TIMED_OUT),
            SendError::TaskTimedOut {
                message: TIMED_OUT.into(),
            },
        ),
        (
            error("InvalidToken", "Invalid Token: 'Invalid token'"),
            SendError::InvalidToken {
                message: "Invalid Token: 'Invalid token'".into(),
            },
        ),
        (
            error("TaskDoesNotExist", "The activity does not exist"),
            SendError::TaskDoesNotExist {
                message: "The activity does not exist".into(),
            },
        ),
        (
            error(
                "InvalidOutput",
                "The provided JSON output data is not valid",
            ),
            SendError::InvalidOutput {
                message: "The provided JSON output data is not valid".into(),
            },
        ),
        (
            error("KmsAccessDeniedException", "denied"),
            SendError::Rejected {
                code: "KmsAccessDeniedException".into(),
                message: "denied".into(),
            },
        ),
        (
            error("ValidationException", "1 validation error detected"),
            SendError::Rejected {
                code: "ValidationException".into(),
                message: "1 validation error detected".into(),
            },
        ),
    ];
    for (response, expected) in cases {
        let fake = FakeStepFunctions::start([response]).await;
        let valuation = Valuation {
            reference: "V-1".into(),
            value: 1,
        };
        let sent = fake
            .client(fast_retry(3))
            .succeed(&token(), &valuation)
            .await;
        assert_eq!(sent, Err(expected));
        assert_eq!(
            fake.received().len(),
            1,
            "errors that are final are not retried"
        );
    }
}

#[tokio::test]
async fn heartbeat_and_failure_errors_are_mapped_too() {
    let fake = FakeStepFunctions::start([
        error("TaskTimedOut", TIMED_OUT),
        error("InvalidToken", "Invalid Token: 'Invalid token'"),
    ])
    .await;
    let client = fake.client(RetryPolicy::never());
    let late = client.heartbeat(&token()).await.unwrap_err();
    let invalid = client
        .fail(&token(), &ValuationError::PropertyNotFound)
        .await
        .unwrap_err();
    assert!(matches!(late, SendError::TaskTimedOut { .. }), "{late:?}");
    assert!(
        matches!(invalid, SendError::InvalidToken { .. }),
        "{invalid:?}"
    );
}

#[tokio::test]
async fn throttling_is_retried_then_succeeds() {
    let throttled = || error("ThrottlingException", "Rate exceeded");
    let fake = FakeStepFunctions::start([throttled(), throttled()]).await;
    let valuation = Valuation {
        reference: "V-2".into(),
        value: 2,
    };
    fake.client(fast_retry(5))
        .succeed(&token(), &valuation)
        .await
        .unwrap();

    let received = fake.received();
    assert_eq!(received.len(), 3);
    assert!(
        received.iter().all(|r| r.body == received[0].body),
        "the same request each time"
    );
}

#[tokio::test]
async fn throttling_that_outlasts_the_retries_is_reported_with_the_attempts() {
    let throttled = || error("ThrottlingException", "Rate exceeded");
    let fake = FakeStepFunctions::start([throttled(), throttled(), throttled()]).await;
    let sent = fake.client(fast_retry(3)).heartbeat(&token()).await;
    let expected = SendError::Throttled {
        message: "Rate exceeded".into(),
        attempts: 3,
    };
    assert_eq!(sent, Err(expected));
}

#[tokio::test]
async fn server_errors_are_transient_and_retried() {
    let fake = FakeStepFunctions::start([(500, json!({"__type": "InternalFailure"}))]).await;
    fake.client(fast_retry(2))
        .heartbeat(&token())
        .await
        .unwrap();
    assert_eq!(fake.received().len(), 2);
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_transient_transport_failure() {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = RequestValuation::client(AwsTransport::from_conf(&conf(&url)));
    let sent = client.with_retry(fast_retry(2)).heartbeat(&token()).await;
    assert!(
        matches!(
            sent,
            Err(SendError::Transport {
                transient: true,
                attempts: 2,
                ..
            })
        ),
        "{sent:?}"
    );
}

#[tokio::test]
async fn with_endpoint_redirects_an_existing_transport() {
    let fake = FakeStepFunctions::start([]).await;
    let transport = AwsTransport::from_conf(&conf("http://127.0.0.1:9")).with_endpoint(&fake.url);
    let client = CallbackClient::<RequestValuation, _>::new(transport);
    client.heartbeat(&token()).await.unwrap();
    assert_eq!(fake.received().len(), 1);
}
