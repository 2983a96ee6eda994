//! The mock service -> webhook path over real HTTP: the webhook is the axum app of
//! `loan_processor::webhook::router`, served on 127.0.0.1, and the driver posts the mock
//! service's replies to it with hyper.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use loan_processor::local::{Answer, LocalSystem, Scenario, Webhook};
use loan_processor::webhook::{CALLBACK_PATH, router};
use serde_json::Value;
use stepfn_local::ExecutionStatus;
use tokio::net::{TcpListener, TcpStream};

/// Posts replies to the webhook at `address`, one connection per reply.
struct HttpWebhook {
    address: std::net::SocketAddr,
}

impl Webhook for HttpWebhook {
    async fn post(&self, request_id: &str, body: &str) -> Answer {
        let stream = TcpStream::connect(self.address).await.expect("connect");
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("handshake");
        tokio::spawn(connection);

        let request = Request::post(CALLBACK_PATH)
            .header("host", self.address.to_string())
            .header("content-type", "application/json")
            .header("x-request-id", request_id)
            .body(Full::new(Bytes::from(body.to_owned())))
            .expect("a request");
        let response = sender.send_request(request).await.expect("a response");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("a body");
        let answer: Value = serde_json::from_slice(&bytes.to_bytes()).expect("JSON");
        Answer {
            request_id: request_id.to_owned(),
            status: status.as_u16(),
            outcome: answer["outcome"].as_str().unwrap_or_default().to_owned(),
            message: answer["message"].as_str().unwrap_or_default().to_owned(),
            at_ms: 0,
        }
    }
}

async fn run_over_http(name: &str) -> loan_processor::local::ScenarioReport {
    let system = LocalSystem::new().expect("the machines are valid");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let app = router(system.webhook());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let scenario = Scenario::named(name).expect("a scenario");
    let report = scenario.run_on(&system, &HttpWebhook { address }).await;
    server.abort();
    report.expect("the scenario runs")
}

#[tokio::test]
async fn duplicate_replies_over_http_succeed_once_then_answer_duplicate() {
    let report = run_over_http("duplicate-callback").await;

    assert_eq!(report.status, ExecutionStatus::Succeeded);
    let answers: Vec<_> = report
        .webhook
        .iter()
        .map(|a| (a.status, &*a.outcome))
        .collect();
    assert_eq!(answers, [(200, "succeeded"), (200, "duplicate")]);
    let notice = &report.notifications[0];
    assert_eq!(
        notice.field("requestId"),
        "reply-2",
        "the x-request-id header"
    );
    assert_eq!(notice.field("outcome"), "duplicate");
}

#[tokio::test]
async fn a_late_reply_over_http_gets_410_and_is_published() {
    let report = run_over_http("late-callback").await;

    assert_eq!(report.status, ExecutionStatus::Failed);
    assert_eq!(report.error.as_deref(), Some("ValuationServiceTimedOut"));
    let late = &report.webhook[0];
    assert_eq!(late.status, StatusCode::GONE.as_u16());
    assert!(
        late.message
            .contains("Provided task does not exist anymore")
    );
    let notice = &report.notifications[1];
    assert_eq!(notice.field("requestId"), "reply-1");
    assert_eq!(notice.field("outcome"), "late");
}

#[tokio::test]
async fn a_reply_that_is_not_a_valuation_response_gets_400() {
    let system = LocalSystem::new().expect("the machines are valid");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move { axum::serve(listener, router(system.webhook())).await });

    let answer = HttpWebhook { address }
        .post("bad-1", r#"{"value": 1}"#)
        .await;
    server.abort();
    assert_eq!(answer.status, 400);
    assert_eq!(answer.outcome, "bad-request");
}
