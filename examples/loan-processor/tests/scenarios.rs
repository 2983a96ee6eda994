//! The post's six scenarios on the local engine, one test each, asserting what its test
//! suite asserted against AWS: the execution's status and error, what the error topic
//! received, what the webhook answered, and the key events of the history.

use loan_processor::local::{Notification, Scenario, ScenarioReport};
use loan_processor::mock::UNISSUED_REFERENCE;
use loan_processor::workflows::{FAILURE_DESCRIPTION, TIMEOUT_DESCRIPTION};
use serde_json::Value;
use stepfn_local::ExecutionStatus;

fn run(name: &str) -> ScenarioReport {
    let scenario = Scenario::named(name).expect("a scenario of the demo");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(scenario.run()).expect("the scenario runs")
}

/// Asserts the loan processor's own notice: published by the execution, naming the machine,
/// the execution and its start time, with the caught error.
fn assert_machine_notice(report: &ScenarioReport, notice: &Notification, description: &str) {
    let error = notice.message["error"]["Error"].as_str();
    assert_eq!(notice.sent_by, report.execution_arn);
    assert_eq!(notice.field("description"), description);
    assert!(
        notice
            .field("source")
            .contains(":stateMachine:LoanProcessor")
    );
    assert_eq!(notice.field("executionId"), report.execution_arn);
    assert_eq!(
        notice.field("executionStartTime"),
        "2026-01-01T00:00:00.000Z"
    );
    assert!(error.is_some(), "the notice carries the caught error");
}

/// Asserts a webhook notice `{source, description, requestId, body}` with its outcome.
fn assert_webhook_notice(notice: &Notification, outcome: &str, request_id: &str) {
    assert_eq!(notice.sent_by, "valuation-webhook");
    assert_eq!(notice.field("source"), "valuation-webhook");
    assert_eq!(notice.field("outcome"), outcome);
    assert_eq!(notice.field("requestId"), request_id);
    let body: Value = serde_json::from_str(notice.field("body")).expect("the body as sent");
    assert!(body["valuationReference"].is_string());
    assert!(!notice.field("description").is_empty());
}

/// Asserts that `expected` occur in the history in this order (others may come between).
fn assert_events_in_order(report: &ScenarioReport, expected: &[&str]) {
    let types = report.event_types();
    let mut rest = types.iter();
    for event in expected {
        assert!(
            rest.any(|t| t == event),
            "`{event}` missing or out of order in {types:?}"
        );
    }
}

fn outcomes(report: &ScenarioReport) -> Vec<(u16, &str)> {
    let answers = report.webhook.iter();
    answers.map(|a| (a.status, a.outcome.as_str())).collect()
}

#[test]
fn prompt_valuation_succeeds_and_is_recorded() {
    let report = run("prompt");

    assert_eq!(report.status, ExecutionStatus::Succeeded);
    assert_eq!(report.error, None);
    assert!(report.notifications.is_empty());
    assert_eq!(outcomes(&report), [(200, "succeeded")]);
    assert_eq!(report.webhook[0].at_ms, 6_000);
    assert_eq!(report.virtual_ms, 6_000);
    assert_events_in_order(
        &report,
        &[
            "TaskScheduled",
            "TaskSubmitted",
            "TaskSucceeded",
            "TaskStateExited",
            "PassStateEntered",
            "SucceedStateEntered",
            "ExecutionSucceeded",
        ],
    );
    assert!(!report.event_types().contains(&"TaskTimedOut".to_owned()));
}

#[test]
fn no_callback_times_out_and_publishes_the_execution_context() {
    let report = run("no-callback");

    assert_eq!(report.status, ExecutionStatus::Failed);
    assert_eq!(report.error.as_deref(), Some("ValuationServiceTimedOut"));
    assert_eq!(report.notifications.len(), 1);
    let notice = &report.notifications[0];
    assert_machine_notice(&report, notice, TIMEOUT_DESCRIPTION);
    assert_eq!(notice.message["error"]["Error"], "States.Timeout");
    assert!(report.webhook.is_empty(), "the service never called back");
    assert_eq!(report.virtual_ms, 30_000);
    assert_events_in_order(
        &report,
        &[
            "TaskScheduled",
            "TaskSubmitted",
            "TaskTimedOut",
            "TaskStateExited",
            "TaskStateEntered",
            "TaskSucceeded",
            "FailStateEntered",
            "ExecutionFailed",
        ],
    );
}

#[test]
fn late_callback_gets_task_timed_out_and_is_published() {
    let report = run("late-callback");

    assert_eq!(report.status, ExecutionStatus::Failed);
    assert_eq!(report.error.as_deref(), Some("ValuationServiceTimedOut"));
    assert_eq!(outcomes(&report), [(410, "late")]);
    assert_eq!(report.webhook[0].at_ms, 60_000);
    assert_eq!(report.virtual_ms, 60_000);

    assert_eq!(report.notifications.len(), 2);
    assert_machine_notice(&report, &report.notifications[0], TIMEOUT_DESCRIPTION);
    let late = &report.notifications[1];
    assert_webhook_notice(late, "late", "reply-1");
    assert!(
        late.field("description")
            .contains("Provided task does not exist anymore")
    );
    assert_events_in_order(
        &report,
        &[
            "TaskSubmitted",
            "TaskTimedOut",
            "FailStateEntered",
            "ExecutionFailed",
        ],
    );
}

#[test]
fn duplicate_callback_is_told_apart_by_the_used_flag() {
    let report = run("duplicate-callback");

    assert_eq!(report.status, ExecutionStatus::Succeeded);
    assert_eq!(report.error, None);
    assert_eq!(outcomes(&report), [(200, "succeeded"), (200, "duplicate")]);
    assert_eq!(report.notifications.len(), 1);
    let duplicate = &report.notifications[0];
    assert_webhook_notice(duplicate, "duplicate", "reply-2");
    assert!(duplicate.field("description").contains("already used"));
    assert_events_in_order(&report, &["TaskSucceeded", "ExecutionSucceeded"]);
}

#[test]
fn failed_valuation_fails_the_task_with_valuation_failed() {
    let report = run("failed-valuation");

    assert_eq!(report.status, ExecutionStatus::Failed);
    assert_eq!(report.error.as_deref(), Some("ValuationFailed"));
    assert_eq!(outcomes(&report), [(200, "failed")]);
    assert_eq!(report.notifications.len(), 1);
    let notice = &report.notifications[0];
    assert_machine_notice(&report, notice, FAILURE_DESCRIPTION);
    assert_eq!(notice.message["error"]["Error"], "ValuationFailed");
    assert_events_in_order(
        &report,
        &[
            "TaskSubmitted",
            "TaskFailed",
            "TaskStateExited",
            "TaskStateEntered",
            "FailStateEntered",
            "ExecutionFailed",
        ],
    );
}

#[test]
fn unknown_reference_is_published_and_the_task_times_out() {
    let report = run("unknown-reference");

    assert_eq!(report.status, ExecutionStatus::Failed);
    assert_eq!(report.error.as_deref(), Some("ValuationServiceTimedOut"));
    assert_eq!(outcomes(&report), [(404, "unknown-reference")]);
    assert_eq!(report.notifications.len(), 2);
    let unknown = &report.notifications[0];
    assert_webhook_notice(unknown, "unknown-reference", "reply-1");
    assert_eq!(unknown.field("reference"), UNISSUED_REFERENCE);
    assert_machine_notice(&report, &report.notifications[1], TIMEOUT_DESCRIPTION);
    assert_events_in_order(
        &report,
        &["TaskTimedOut", "FailStateEntered", "ExecutionFailed"],
    );
}
