//! The demo's six scenarios, each run on a fresh system, and their report: a table for
//! people, JSON for programs.

use std::fmt::Write as _;
use std::time::Instant as WallClock;

use loan_processor_workflows::{LoanApplication, Property};
use serde::Serialize;
use serde_json::Value;
use stepfn_local::{ExecutionStatus, HistoryEvent};

use super::{Answer, LocalSystem, Webhook};

/// One scenario of the post: the property name that triggers it in the mock service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    /// The scenario's name in the report (`late-callback`).
    pub name: &'static str,
    /// The property's name or number that makes the mock service behave so.
    pub name_or_number: &'static str,
}

/// The six scenarios, in the order the demo runs them.
pub const SCENARIOS: [Scenario; 6] = [
    Scenario::new("prompt", "10"),
    Scenario::new("no-callback", "No callback"),
    Scenario::new("late-callback", "Late callback"),
    Scenario::new("duplicate-callback", "Duplicate response"),
    Scenario::new("failed-valuation", "Failed response"),
    Scenario::new("unknown-reference", "Unknown response"),
];

impl Scenario {
    const fn new(name: &'static str, name_or_number: &'static str) -> Scenario {
        Scenario {
            name,
            name_or_number,
        }
    }

    /// The scenario named `name`.
    pub fn named(name: &str) -> Option<Scenario> {
        SCENARIOS.into_iter().find(|s| s.name == name)
    }

    /// The loan application whose property triggers the scenario.
    pub fn application(self) -> LoanApplication {
        LoanApplication {
            application_reference: format!("APP-{}", self.name),
            applicant_name: "Ada Lovelace".to_owned(),
            property: Property {
                name_or_number: self.name_or_number.to_owned(),
                postcode: "SW1A 1AA".to_owned(),
            },
            amount: 180_000,
        }
    }

    /// Runs the scenario on a fresh system with the webhook in-process.
    pub async fn run(self) -> Result<ScenarioReport, String> {
        let system = LocalSystem::new().map_err(|e| e.to_string())?;
        let webhook = system.webhook();
        self.run_on(&system, &webhook).await
    }

    /// Runs the scenario on `system`, posting replies to `webhook` (in-process or HTTP).
    pub async fn run_on<W: Webhook>(
        self,
        system: &LocalSystem,
        webhook: &W,
    ) -> Result<ScenarioReport, String> {
        let wall = WallClock::now();
        let run = system.run(self.name, &self.application(), webhook).await?;
        let wall_micros = u64::try_from(wall.elapsed().as_micros()).unwrap_or(u64::MAX);

        let engine = system.engine().lock();
        let notifications = engine
            .topic_messages(system.error_topic_arn())
            .iter()
            .map(|m| Notification {
                sent_by: m.sent_by.clone(),
                message: m.json().unwrap_or_else(|| Value::String(m.body.clone())),
            })
            .collect();
        let history = engine
            .history(&run.execution.execution_arn)
            .map_err(|e| e.to_string())?
            .to_vec();
        Ok(ScenarioReport {
            scenario: self.name,
            name_or_number: self.name_or_number,
            execution_arn: run.execution.execution_arn.clone(),
            status: run.execution.status,
            error: run.execution.error.clone(),
            cause: run.execution.cause.clone(),
            notifications,
            webhook: run.answers,
            request_errors: run.request_errors,
            virtual_ms: u64::try_from(run.virtual_time.as_millis()).unwrap_or(u64::MAX),
            wall_micros,
            history,
        })
    }
}

/// A message the error topic received.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// Who published it: the execution ARN, or the webhook's name.
    pub sent_by: String,
    /// The notice, parsed.
    pub message: Value,
}

impl Notification {
    /// A field of the notice as text, or `""`.
    pub fn field(&self, name: &str) -> &str {
        self.message.get(name).and_then(Value::as_str).unwrap_or("")
    }
}

/// What one scenario did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioReport {
    /// The scenario's name.
    pub scenario: &'static str,
    /// The property name that triggered it.
    pub name_or_number: &'static str,
    /// The loan processor's execution.
    pub execution_arn: String,
    /// How it ended.
    pub status: ExecutionStatus,
    /// Its error, if it failed.
    pub error: Option<String>,
    /// Its cause, if it failed.
    pub cause: Option<String>,
    /// What the error topic received, oldest first.
    pub notifications: Vec<Notification>,
    /// What the webhook answered each reply of the mock service.
    pub webhook: Vec<Answer>,
    /// Requests the valuation request handler could not make.
    pub request_errors: Vec<String>,
    /// Virtual time the scenario took.
    pub virtual_ms: u64,
    /// Wall time the scenario took.
    pub wall_micros: u64,
    /// The loan processor's execution history.
    #[serde(skip)]
    pub history: Vec<HistoryEvent>,
}

impl ScenarioReport {
    /// The history's event types, in order.
    pub fn event_types(&self) -> Vec<String> {
        self.history.iter().map(HistoryEvent::event_type).collect()
    }
}

/// The six scenarios' reports.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// One report per scenario, in [`SCENARIOS`] order.
    pub scenarios: Vec<ScenarioReport>,
    /// Wall time of all six together.
    pub total_wall_micros: u64,
}

impl Report {
    /// Runs all six scenarios, each on a fresh system, with the webhook in-process.
    pub async fn run_all() -> Result<Report, String> {
        let wall = WallClock::now();
        let mut scenarios = Vec::with_capacity(SCENARIOS.len());
        for scenario in SCENARIOS {
            scenarios.push(scenario.run().await?);
        }
        let total_wall_micros = u64::try_from(wall.elapsed().as_micros()).unwrap_or(u64::MAX);
        Ok(Report {
            scenarios,
            total_wall_micros,
        })
    }

    /// The report of scenario `name`.
    pub fn scenario(&self, name: &str) -> Option<&ScenarioReport> {
        self.scenarios.iter().find(|s| s.scenario == name)
    }

    /// The table the demo prints.
    pub fn table(&self) -> String {
        let header = [
            "scenario",
            "status",
            "error",
            "error topic received",
            "webhook answered",
            "virtual",
            "wall",
        ];
        let rows: Vec<[String; 7]> = self.scenarios.iter().map(row).collect();
        let mut widths = header.map(str::len);
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }

        let mut out = String::new();
        line(&mut out, &header.map(str::to_owned), &widths);
        line(&mut out, &widths.map(|w| "-".repeat(w)), &widths);
        for row in &rows {
            line(&mut out, row, &widths);
        }
        let total = self.total_wall_micros as f64 / 1000.0;
        let _ = writeln!(out, "\nall six scenarios: {total:.1} ms of wall time");
        out
    }
}

fn row(report: &ScenarioReport) -> [String; 7] {
    let status = serde_json::to_value(report.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let notices: Vec<String> = report.notifications.iter().map(summary).collect();
    let answers: Vec<String> = report
        .webhook
        .iter()
        .map(|a| format!("{} {} at {}s", a.status, a.outcome, a.at_ms / 1000))
        .collect();
    [
        report.scenario.to_owned(),
        status,
        report.error.clone().unwrap_or_else(|| "-".to_owned()),
        or_dash(notices.join("; ")),
        or_dash(answers.join("; ")),
        format!("{} s", report.virtual_ms as f64 / 1000.0),
        format!("{:.2} ms", report.wall_micros as f64 / 1000.0),
    ]
}

/// `machine: <error caught>` for the loan processor's own notices, `webhook: <outcome>` for
/// the webhook's, with AWS's own words for a late reply (what support searches for).
fn summary(notification: &Notification) -> String {
    let outcome = notification.field("outcome");
    if outcome.is_empty() {
        let error = notification
            .message
            .pointer("/error/Error")
            .and_then(Value::as_str);
        return format!("machine: {}", error.unwrap_or("notice"));
    }
    let description = notification.field("description");
    match description.find("Provided task") {
        Some(at) if outcome == "late" => {
            let aws = description[at..].trim_end_matches(['\'', '"']);
            format!("webhook: late ({aws})")
        }
        _ => format!("webhook: {outcome}"),
    }
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "-".to_owned()
    } else {
        text
    }
}

fn line(out: &mut String, cells: &[String; 7], widths: &[usize; 7]) {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| format!("{cell:<width$}"))
        .collect();
    let _ = writeln!(out, "{}", padded.join("  ").trim_end());
}
