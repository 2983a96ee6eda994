//! `LocalTopicSink`: notices reach the local engine's topic and its subscribers.

use std::sync::{Arc, Mutex};

use stepfn_local::{Engine, SharedEngine};
use stepfn_webhook::{ErrorNotice, ErrorSink, LocalTopicSink};

const TOPIC: &str = "arn:aws:sns:eu-west-2:123456789012:ErrorTopic";

fn notice() -> ErrorNotice {
    ErrorNotice {
        source: "valuation-webhook".into(),
        description: "Task Timed Out: 'Provided task does not exist anymore'".into(),
        request_id: "request-7".into(),
        body: r#"{"reference":"V-1"}"#.into(),
        outcome: "late".into(),
        reference: Some("V-1".into()),
    }
}

#[tokio::test]
async fn a_published_notice_lands_on_the_engine_topic_as_json() {
    let engine = SharedEngine::new(Engine::new());
    let sink = LocalTopicSink::new(engine.clone(), TOPIC);

    sink.publish(&notice()).await.unwrap();

    let engine = engine.lock();
    let messages = engine.topic_messages(TOPIC);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].sent_by, "valuation-webhook");
    let body: ErrorNotice = serde_json::from_str(&messages[0].body).unwrap();
    assert_eq!(body, notice());
    assert_eq!(
        messages[0].json().unwrap()["requestId"],
        serde_json::json!("request-7")
    );
}

#[tokio::test]
async fn subscribers_of_the_topic_see_the_notice_at_once() {
    let engine = SharedEngine::new(Engine::new());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    engine.lock().subscribe(TOPIC, move |message, _| {
        record.lock().unwrap().push(message.body.clone());
    });

    LocalTopicSink::new(engine, TOPIC)
        .publish(&notice())
        .await
        .unwrap();

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].contains("\"outcome\":\"late\""));
}
