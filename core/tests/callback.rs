//! The typed callback client: what it sends, the limits it enforces before sending, and
//! how it retries.

mod callback_support;

use std::time::Duration;

use callback_support::{
    Call, RequestValuation, Scripted, SendOffer, Valuation, ValuationError, block_on,
};
use stepfn_core::callback::limits::{MAX_CAUSE_CHARS, MAX_ERROR_CHARS, MAX_OUTPUT_BYTES};
use stepfn_core::callback::{
    CallbackClient, CallbackTask, Field, Jitter, RetryPolicy, SendError, TaskToken,
};

const TOKEN: &str = "AAAAKgAAAAIAAAAAAAAAAQ-valuation-token";

fn token() -> TaskToken<RequestValuation> {
    TaskToken::new(TOKEN).unwrap()
}

fn valuation() -> Valuation {
    Valuation {
        reference: "V-1".into(),
        value: 250_000,
    }
}

fn exact_retry(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        jitter: Jitter::None,
        ..RetryPolicy::default()
    }
}

#[test]
fn succeed_sends_the_output_as_json() {
    let client = RequestValuation::client(Scripted::default());
    block_on(client.succeed(&token(), &valuation())).unwrap();
    let output = r#"{"reference":"V-1","value":250000}"#.to_owned();
    let expected = Call::Success {
        token: TOKEN.into(),
        output,
    };
    assert_eq!(client.transport().calls(), [expected]);
}

#[test]
fn fail_sends_the_variant_as_error_and_its_details_as_cause() {
    let client = RequestValuation::client(Scripted::default());
    let failed = ValuationError::ValuationFailed {
        reason: "no access".into(),
    };
    block_on(client.fail(&token(), &failed)).unwrap();
    block_on(client.fail(&token(), &ValuationError::PropertyNotFound)).unwrap();
    let calls = client.transport().calls();
    let with_cause = Call::Failure {
        token: TOKEN.into(),
        error: Some("ValuationFailed".into()),
        cause: Some("no access".into()),
    };
    let without_cause = Call::Failure {
        token: TOKEN.into(),
        error: Some("PropertyNotFound".into()),
        cause: None,
    };
    assert_eq!(calls, [with_cause, without_cause]);
}

#[test]
fn heartbeat_is_sent_for_a_task_with_a_heartbeat() {
    let client = CallbackClient::<RequestValuation, _>::new(Scripted::default());
    block_on(client.heartbeat(&token())).unwrap();
    let expected = Call::Heartbeat {
        token: TOKEN.into(),
    };
    assert_eq!(client.transport().calls(), [expected]);
}

#[test]
fn one_transport_serves_clients_of_several_tasks() {
    let transport = Scripted::default();
    let valuation_client = RequestValuation::client(&transport);
    let offer_client = SendOffer::client(&transport);
    let offer_token = TaskToken::<SendOffer>::new("offer-token").unwrap();
    block_on(valuation_client.succeed(&token(), &valuation())).unwrap();
    block_on(offer_client.succeed(&offer_token, &true)).unwrap();
    assert_eq!(transport.calls().len(), 2);
}

/// An output whose JSON text is exactly `bytes` long, of `unit` characters.
fn output_of(bytes: usize, unit: char) -> Valuation {
    let overhead = r#"{"reference":"","value":1}"#.len();
    let count = (bytes - overhead) / unit.len_utf8();
    Valuation {
        reference: std::iter::repeat_n(unit, count).collect(),
        value: 1,
    }
}

#[test]
fn output_at_the_limit_is_sent_and_one_byte_more_is_not() {
    let client = RequestValuation::client(Scripted::default());
    block_on(client.succeed(&token(), &output_of(MAX_OUTPUT_BYTES, 'a'))).unwrap();
    let over = block_on(client.succeed(&token(), &output_of(MAX_OUTPUT_BYTES + 1, 'a')));
    let expected = SendError::PayloadTooLarge {
        field: Field::Output,
        size: MAX_OUTPUT_BYTES + 1,
        limit: MAX_OUTPUT_BYTES,
    };
    assert_eq!(over, Err(expected));
    assert_eq!(client.transport().calls().len(), 1);
}

#[test]
fn output_limit_counts_utf8_bytes_not_characters() {
    let client = RequestValuation::client(Scripted::default());
    // 'é' is two bytes: this output has far fewer characters than bytes.
    let output = output_of(MAX_OUTPUT_BYTES + 2, 'é');
    let sent = block_on(client.succeed(&token(), &output));
    assert!(matches!(
        sent,
        Err(SendError::PayloadTooLarge {
            field: Field::Output,
            ..
        })
    ));
    assert!(client.transport().calls().is_empty());
}

#[test]
fn error_and_cause_limits_count_characters() {
    let client = RequestValuation::client(Scripted::default());
    let cases = [
        (ValuationError::Named("E".repeat(MAX_ERROR_CHARS)), Ok(())),
        (ValuationError::Named("é".repeat(MAX_ERROR_CHARS)), Ok(())),
        (
            ValuationError::Named("E".repeat(MAX_ERROR_CHARS + 1)),
            Err((Field::Error, MAX_ERROR_CHARS + 1, MAX_ERROR_CHARS)),
        ),
        (
            ValuationError::ValuationFailed {
                reason: "é".repeat(MAX_CAUSE_CHARS),
            },
            Ok(()),
        ),
        (
            ValuationError::ValuationFailed {
                reason: "c".repeat(MAX_CAUSE_CHARS + 1),
            },
            Err((Field::Cause, MAX_CAUSE_CHARS + 1, MAX_CAUSE_CHARS)),
        ),
    ];
    for (error, expected) in cases {
        let sent = block_on(client.fail(&token(), &error));
        let expected = expected.map_err(|(field, size, limit)| SendError::PayloadTooLarge {
            field,
            size,
            limit,
        });
        assert_eq!(sent, expected);
    }
    assert_eq!(client.transport().calls().len(), 3);
}

#[test]
fn throttled_calls_are_retried_with_exponential_backoff_then_succeed() {
    let throttled = || Err(SendError::throttled("Rate exceeded"));
    let transport = Scripted::answering([throttled(), throttled(), Ok(())]);
    let client = RequestValuation::client(transport).with_retry(exact_retry(5));
    block_on(client.succeed(&token(), &valuation())).unwrap();
    assert_eq!(client.transport().calls().len(), 3);
    let sleeps = [Duration::from_millis(100), Duration::from_millis(200)];
    assert_eq!(client.transport().sleeps(), sleeps);
}

#[test]
fn retries_are_bounded_and_the_last_error_counts_the_attempts() {
    let answers = (0..10).map(|_| Err(SendError::throttled("Rate exceeded")));
    let client = RequestValuation::client(Scripted::answering(answers));
    let client = client.with_retry(exact_retry(4));
    let sent = block_on(client.heartbeat(&token()));
    let expected = SendError::Throttled {
        message: "Rate exceeded".into(),
        attempts: 4,
    };
    assert_eq!(sent, Err(expected));
    assert_eq!(client.transport().calls().len(), 4);
    assert_eq!(client.transport().sleeps().len(), 3);
}

#[test]
fn transient_failures_are_retried_and_permanent_ones_are_not() {
    let cases = [
        (SendError::transport("connection reset", true), 3),
        (SendError::transport("no credentials", false), 1),
        (SendError::from_code("TaskTimedOut", "Task Timed Out"), 1),
        (SendError::from_code("InvalidToken", "Invalid Token"), 1),
        (
            SendError::from_code("KmsAccessDeniedException", "denied"),
            1,
        ),
    ];
    for (error, calls) in cases {
        let answers = (0..3).map(|_| Err(error.clone()));
        let client = RequestValuation::client(Scripted::answering(answers));
        let client = client.with_retry(exact_retry(3));
        let sent = block_on(client.succeed(&token(), &valuation()));
        assert_eq!(sent.unwrap_err().code(), error.code());
        assert_eq!(client.transport().calls().len(), calls, "{error}");
    }
}

#[test]
fn backoff_grows_by_the_rate_up_to_the_cap_and_jitter_stays_below_it() {
    let policy = RetryPolicy {
        max_attempts: 10,
        initial_delay: Duration::from_millis(100),
        backoff_rate: 3.0,
        max_delay: Duration::from_secs(1),
        jitter: Jitter::Full,
    };
    let ceilings: Vec<u128> = (1..=5).map(|n| policy.backoff(n).as_millis()).collect();
    assert_eq!(ceilings, [100, 300, 900, 1000, 1000]);
    for retry in 1..=5 {
        for _ in 0..50 {
            assert!(policy.delay(retry) <= policy.backoff(retry));
        }
    }
    let spread: std::collections::HashSet<Duration> = (0..20).map(|_| policy.delay(3)).collect();
    assert!(spread.len() > 1, "full jitter draws different delays");
}

#[test]
fn a_policy_that_never_retries_makes_one_attempt() {
    let answers = [Err(SendError::throttled("slow down"))];
    let client = RequestValuation::client(Scripted::answering(answers));
    let client = client.with_retry(RetryPolicy::never());
    let sent = block_on(client.succeed(&token(), &valuation()));
    assert!(matches!(
        sent,
        Err(SendError::Throttled { attempts: 1, .. })
    ));
    assert!(client.transport().sleeps().is_empty());
}

#[test]
fn error_codes_map_to_typed_errors() {
    let cases = [
        ("TaskTimedOut", "TaskTimedOut", false, true),
        ("InvalidToken", "InvalidToken", false, true),
        ("TaskDoesNotExist", "TaskDoesNotExist", false, true),
        ("InvalidOutput", "InvalidOutput", false, false),
        ("ThrottlingException", "ThrottlingException", true, false),
        ("KmsThrottlingException", "ThrottlingException", true, false),
        ("ValidationException", "ValidationException", false, false),
    ];
    for (code, typed, retryable, spent) in cases {
        let error = SendError::from_code(code, "message");
        assert_eq!(error.code(), typed, "{code}");
        assert_eq!(error.is_retryable(), retryable, "{code}");
        assert_eq!(error.token_is_spent(), spent, "{code}");
    }
}

#[test]
fn a_token_in_a_payload_is_checked_when_read() {
    #[derive(serde::Deserialize)]
    struct Payload {
        #[serde(rename = "taskToken")]
        _token: TaskToken<RequestValuation>,
    }
    let long = format!(r#"{{"taskToken":"{}"}}"#, "a".repeat(2049));
    for bad in [
        r#"{"taskToken":""}"#,
        r#"{"taskToken":"a b"}"#,
        long.as_str(),
    ] {
        assert!(serde_json::from_str::<Payload>(bad).is_err(), "{bad}");
    }
    let max = format!(r#"{{"taskToken":"{}"}}"#, "a".repeat(2048));
    assert!(serde_json::from_str::<Payload>(&max).is_ok());
}

#[test]
fn token_and_client_debug_output_hides_the_token() {
    let client = RequestValuation::client(Scripted::default());
    let shown = format!("{:?} {} {client:?}", token(), token());
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("RequestValuation"));
}

#[test]
fn the_task_names_its_state_and_heartbeat() {
    assert_eq!(token().state_name(), "RequestValuation");
    fn has_heartbeat<T: CallbackTask>() -> bool {
        T::HEARTBEAT
    }
    assert!(has_heartbeat::<RequestValuation>());
    assert!(!has_heartbeat::<SendOffer>());
}
