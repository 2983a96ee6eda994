//! The callback handler: every outcome of a reply, the notices it publishes, the axum route,
//! and 64 concurrent duplicates of one callback.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use serde_json::{Value, json};
use stepfn_core::callback::{CallbackTask, Field, RetryPolicy, SendError};
use stepfn_store::{Claim, MemoryStore, RedbStore, TokenStore};
use stepfn_webhook::{CallbackHandler, MemorySink, Outcome};
use support::{Counting, RequestValuation, ValuationReply, map_reply, record, valued};

type Handler<S> = CallbackHandler<RequestValuation, ValuationReply, S, Arc<Counting>, MemorySink>;

fn handler<S: TokenStore>(store: S, transport: &Arc<Counting>, sink: &MemorySink) -> Handler<S> {
    let client = RequestValuation::client(Arc::clone(transport)).with_retry(RetryPolicy {
        max_attempts: 3,
        ..RetryPolicy::default()
    });
    CallbackHandler::new(map_reply, store, client, sink.clone(), "valuation-webhook")
}

/// A handler over a memory store holding a token for `V-1`.
async fn with_token(transport: Counting) -> (Handler<MemoryStore>, Arc<Counting>, MemorySink) {
    let store = MemoryStore::new();
    store.put(record("V-1")).await.unwrap();
    let (transport, sink) = (Arc::new(transport), MemorySink::new());
    (handler(store, &transport, &sink), transport, sink)
}

#[tokio::test]
async fn a_valuation_is_sent_as_the_task_output() {
    let (handler, transport, sink) = with_token(Counting::default()).await;
    let handled = handler.handle("req-1", &valued("V-1", 250_000)).await;
    assert_eq!(
        handled.outcome,
        Outcome::Succeeded {
            reference: "V-1".into()
        }
    );
    assert_eq!(handled.notice, None);
    assert_eq!(*transport.outputs.lock().unwrap(), [r#"{"value":250000}"#]);
    assert!(sink.notices().is_empty());
}

#[tokio::test]
async fn a_failed_valuation_fails_the_task_with_its_error() {
    let (handler, transport, _) = with_token(Counting::default()).await;
    let body = br#"{"status":"failed","reference":"V-1","reason":"no access"}"#;
    let handled = handler.handle("req-1", body).await;
    let expected = Outcome::Failed {
        reference: "V-1".into(),
        error: "ValuationFailed".into(),
    };
    assert_eq!(handled.outcome, expected);
    assert_eq!(transport.failures(), 1);
}

#[tokio::test]
async fn unreadable_replies_are_bad_requests_with_a_reason() {
    let cases: [(&[u8], &str); 4] = [
        (b"{not json", "key must be a string"),
        (
            br#"{"status":"lost","reference":"V-1"}"#,
            "unknown variant `lost`",
        ),
        (
            br#"{"status":"valued","reference":"V-1"}"#,
            "missing field `value`",
        ),
        (
            br#"{"status":"valued","reference":"V-1","value":0}"#,
            "a valuation must be positive",
        ),
    ];
    for (body, reason) in cases {
        let (handler, transport, sink) = with_token(Counting::default()).await;
        let handled = handler.handle("req-bad", body).await;
        let Outcome::BadRequest { reason: got } = &handled.outcome else {
            panic!("{:?}", handled.outcome);
        };
        assert!(got.contains(reason), "{got}");
        assert_eq!(handled.outcome.status(), 400);
        assert_eq!(transport.successes(), 0);
        let [notice] = sink.notices().try_into().unwrap();
        assert_eq!(notice.body, String::from_utf8_lossy(body));
        assert_eq!(notice.outcome, "bad-request");
        assert_eq!(notice.reference, None);
    }
}

#[tokio::test]
async fn an_unknown_reference_is_reported_with_the_request() {
    let (handler, transport, sink) = with_token(Counting::default()).await;
    let handled = handler.handle("req-42", &valued("V-404", 1)).await;
    assert_eq!(
        handled.outcome,
        Outcome::UnknownReference {
            reference: "V-404".into()
        }
    );
    assert_eq!(transport.successes(), 0);

    let [notice] = sink.notices().try_into().unwrap();
    let expected = json!({
        "source": "valuation-webhook",
        "description": "no task token is stored for reference `V-404`",
        "requestId": "req-42",
        "body": r#"{"status":"valued","reference":"V-404","value":1}"#,
        "outcome": "unknown-reference",
        "reference": "V-404",
    });
    assert_eq!(serde_json::to_value(&notice).unwrap(), expected);
}

#[tokio::test]
async fn a_duplicate_is_found_in_the_store_without_calling_step_functions() {
    let (handler, transport, sink) = with_token(Counting::default()).await;
    handler.handle("req-1", &valued("V-1", 1)).await;
    let again = handler.handle("req-2", &valued("V-1", 1)).await;
    assert_eq!(
        again.outcome,
        Outcome::Duplicate {
            reference: "V-1".into()
        }
    );
    assert_eq!(again.outcome.status(), 200);
    assert_eq!(transport.successes(), 1);
    assert_eq!(sink.notices()[0].outcome, "duplicate");
}

#[tokio::test]
async fn a_late_reply_gets_task_timed_out_and_spends_the_token() {
    let timed_out = SendError::from_code(
        "TaskTimedOut",
        "Task Timed Out: 'Provided task does not exist anymore'",
    );
    let (handler, transport, sink) =
        with_token(Counting::answering([Err(timed_out.clone())])).await;
    let late = handler.handle("req-1", &valued("V-1", 1)).await;
    let expected = Outcome::Late {
        reference: "V-1".into(),
        error: timed_out,
    };
    assert_eq!(late.outcome, expected);
    assert_eq!(late.outcome.status(), 410);
    assert_eq!(sink.notices()[0].outcome, "late");

    let again = handler.handle("req-2", &valued("V-1", 1)).await;
    assert_eq!(
        again.outcome,
        Outcome::Duplicate {
            reference: "V-1".into()
        }
    );
    assert_eq!(transport.successes(), 1);
}

#[tokio::test]
async fn an_invalid_token_is_reported_and_stays_spent() {
    let invalid = SendError::from_code("InvalidToken", "Invalid Token: 'Invalid token'");
    let (handler, _, _) = with_token(Counting::answering([Err(invalid.clone())])).await;
    let handled = handler.handle("req-1", &valued("V-1", 1)).await;
    let expected = Outcome::Invalid {
        reference: "V-1".into(),
        error: invalid,
    };
    assert_eq!(handled.outcome, expected);
    assert_eq!(handled.outcome.status(), 422);
    let record = handler.store().get("V-1").await.unwrap().unwrap();
    assert!(record.used);
}

#[tokio::test]
async fn a_throttled_callback_releases_its_token_so_a_retry_succeeds() {
    let throttled = (0..3).map(|_| Err(SendError::throttled("Rate exceeded")));
    let (handler, transport, _) = with_token(Counting::answering(throttled)).await;
    let handled = handler.handle("req-1", &valued("V-1", 1)).await;
    assert!(
        matches!(handled.outcome, Outcome::Unavailable { .. }),
        "{:?}",
        handled.outcome
    );
    assert_eq!(handled.outcome.status(), 503);
    assert_eq!(
        transport.successes(),
        3,
        "three attempts by the retry policy"
    );

    let retried = handler.handle("req-2", &valued("V-1", 1)).await;
    assert_eq!(
        retried.outcome,
        Outcome::Succeeded {
            reference: "V-1".into()
        }
    );
}

#[tokio::test]
async fn an_output_over_the_limit_is_refused_before_sending_and_the_token_kept() {
    let (handler, transport, _) = with_token(Counting::default()).await;
    let reason = "x".repeat(40_000);
    let body = json!({"status": "failed", "reference": "V-1", "reason": reason}).to_string();
    let handled = handler.handle("req-1", body.as_bytes()).await;
    let Outcome::Invalid { error, .. } = &handled.outcome else {
        panic!("{:?}", handled.outcome);
    };
    assert!(matches!(
        error,
        SendError::PayloadTooLarge {
            field: Field::Cause,
            ..
        }
    ));
    assert_eq!(transport.failures(), 0);
    assert!(!handler.store().get("V-1").await.unwrap().unwrap().used);
}

#[tokio::test]
async fn a_token_of_another_task_is_refused_and_left_for_its_own_webhook() {
    let store = MemoryStore::new();
    let offer = stepfn_core::callback::TaskToken::<support::SendOffer>::new("offer-token");
    let mut stored = stepfn_store::TokenRecord::new("V-9", &offer.unwrap(), "arn:execution");
    stored.reference = "V-9".into();
    store.put(stored).await.unwrap();
    let (transport, sink) = (Arc::new(Counting::default()), MemorySink::new());
    let handler = handler(store, &transport, &sink);

    let handled = handler.handle("req-1", &valued("V-9", 1)).await;
    assert!(
        matches!(handled.outcome, Outcome::Invalid { .. }),
        "{:?}",
        handled.outcome
    );
    assert!(handled.outcome.to_string().contains("`SendOffer`"));
    assert_eq!(transport.successes(), 0);
    assert!(matches!(
        handler.store().claim("V-9").await.unwrap(),
        Claim::Won(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_concurrent_duplicates_reach_step_functions_once() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("webhook-duplicates-{}.redb", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let store = RedbStore::open(&path).unwrap();
    store.put(record("V-64")).await.unwrap();
    let (transport, sink) = (Arc::new(Counting::default()), MemorySink::new());
    let handler = handler(store, &transport, &sink);

    let started = Instant::now();
    let callbacks: Vec<_> = (0..64)
        .map(|n| {
            let handler = handler.clone();
            tokio::spawn(async move {
                handler
                    .handle(&format!("req-{n}"), &valued("V-64", 7))
                    .await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for callback in callbacks {
        outcomes.push(callback.await.unwrap().outcome);
    }
    let elapsed = started.elapsed();

    let succeeded = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Succeeded { .. }))
        .count();
    let duplicates = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Duplicate { .. }))
        .count();
    assert_eq!((succeeded, duplicates), (1, 63));
    assert_eq!(transport.successes(), 1);
    assert_eq!(sink.notices().len(), 63);
    assert!(
        elapsed < Duration::from_secs(10),
        "64 callbacks took {elapsed:?}"
    );
}

/// Serves `handler` at `/callback` on 127.0.0.1 and returns the URL.
async fn serve(handler: Handler<MemoryStore>) -> String {
    let app = Router::new().route("/callback", handler.route());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// Posts `body` with a minimal HTTP/1.1 client, returning the status and the JSON body.
async fn post(url: &str, request_id: &str, body: &[u8]) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').unwrap();
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /{path} HTTP/1.1\r\nhost: {host}\r\nx-request-id: {request_id}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response[9..12].parse().unwrap();
    let json = response.split("\r\n\r\n").nth(1).unwrap();
    (status, serde_json::from_str(json).unwrap())
}

#[tokio::test]
async fn the_axum_route_answers_each_outcome_with_its_status() {
    let (handler, transport, sink) = with_token(Counting::default()).await;
    let url = serve(handler).await;

    let (status, body) = post(&url, "req-a", &valued("V-1", 5)).await;
    assert_eq!((status, &body["outcome"]), (200, &json!("succeeded")));
    let (status, body) = post(&url, "req-b", &valued("V-1", 5)).await;
    assert_eq!((status, &body["outcome"]), (200, &json!("duplicate")));
    assert_eq!(body["reference"], "V-1");
    let (status, body) = post(&url, "req-c", b"[]").await;
    assert_eq!((status, &body["outcome"]), (400, &json!("bad-request")));
    let (status, _) = post(&url, "req-d", &valued("V-2", 5)).await;
    assert_eq!(status, 404);

    assert_eq!(transport.successes(), 1);
    let ids: Vec<String> = sink.notices().into_iter().map(|n| n.request_id).collect();
    assert_eq!(ids, ["req-b", "req-c", "req-d"]);
}

#[test]
fn every_outcome_has_a_code_and_a_status() {
    let error = SendError::from_code("TaskTimedOut", "late");
    let cases = [
        (
            Outcome::Succeeded {
                reference: "r".into(),
            },
            "succeeded",
            200,
        ),
        (
            Outcome::Failed {
                reference: "r".into(),
                error: "E".into(),
            },
            "failed",
            200,
        ),
        (
            Outcome::BadRequest { reason: "x".into() },
            "bad-request",
            400,
        ),
        (
            Outcome::UnknownReference {
                reference: "r".into(),
            },
            "unknown-reference",
            404,
        ),
        (
            Outcome::Duplicate {
                reference: "r".into(),
            },
            "duplicate",
            200,
        ),
        (
            Outcome::Late {
                reference: "r".into(),
                error: error.clone(),
            },
            "late",
            410,
        ),
        (
            Outcome::Invalid {
                reference: "r".into(),
                error,
            },
            "invalid",
            422,
        ),
        (
            Outcome::Unavailable {
                reference: "r".into(),
                reason: "x".into(),
            },
            "unavailable",
            503,
        ),
    ];
    for (outcome, code, status) in cases {
        assert_eq!(
            (outcome.code(), outcome.status()),
            (code, status),
            "{outcome}"
        );
    }
    assert_eq!(RequestValuation::STATE_NAME, "RequestValuation");
}
