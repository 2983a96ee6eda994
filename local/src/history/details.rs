//! The `...EventDetails` objects of history events, with AWS's field names.

use std::collections::BTreeMap;

use serde::Serialize;

/// `inputDetails` / `outputDetails`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PayloadDetails {
    /// Whether the payload was cut (never, locally).
    pub truncated: bool,
}

/// `executionStartedEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionStarted {
    /// The input, as JSON text.
    pub input: String,
    /// Always `{"truncated": false}`.
    pub input_details: PayloadDetails,
    /// The execution role.
    pub role_arn: String,
}

/// `error` and `cause`, each omitted when absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ErrorInfo {
    /// The error name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The cause text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// `output` and `outputDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutputInfo {
    /// JSON text.
    pub output: String,
    /// Always `{"truncated": false}`.
    pub output_details: PayloadDetails,
}

/// `stateEnteredEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateEntered {
    /// The state's name.
    pub name: String,
    /// The raw state input, as JSON text.
    pub input: String,
    /// Always `{"truncated": false}`.
    pub input_details: PayloadDetails,
}

/// `stateExitedEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateExited {
    /// The state's name.
    pub name: String,
    /// The state output, as JSON text.
    pub output: String,
    /// Always `{"truncated": false}`.
    pub output_details: PayloadDetails,
    /// The variables the state's (or the taken Catcher's) `Assign` set: each name with its
    /// value as JSON text. Absent when nothing was assigned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_variables: Option<BTreeMap<String, String>>,
    /// `{"truncated": false}` beside `assignedVariables`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_variables_details: Option<PayloadDetails>,
}

/// `taskScheduledEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskScheduled {
    /// `lambda`, `sqs`, `states`, ...
    pub resource_type: String,
    /// `invoke.waitForTaskToken`, `sendMessage`, ...
    pub resource: String,
    /// The region.
    pub region: String,
    /// The resolved parameters, as JSON text.
    pub parameters: String,
    /// Only when the state sets a timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_in_seconds: Option<u64>,
    /// Only when the state sets a heartbeat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_in_seconds: Option<u64>,
}

/// `resourceType` and `resource` (`taskStartedEventDetails`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskResource {
    /// `lambda`, `sqs`, ...
    pub resource_type: String,
    /// `invoke`, `sendMessage`, ...
    pub resource: String,
}

/// `taskSubmittedEventDetails` and `taskSucceededEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskOutput {
    /// `lambda`, `sqs`, ...
    pub resource_type: String,
    /// `invoke`, `sendMessage`, ...
    pub resource: String,
    /// JSON text.
    pub output: String,
    /// Always `{"truncated": false}`.
    pub output_details: PayloadDetails,
}

/// `taskFailedEventDetails` and `taskTimedOutEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskError {
    /// `lambda`, `sqs`, ...
    pub resource_type: String,
    /// `invoke`, `sendMessage`, ...
    pub resource: String,
    /// The error name, omitted when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The cause, omitted when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// `lambdaFunctionScheduledEventDetails` and `activityScheduledEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionScheduled {
    /// The function or activity ARN.
    pub resource: String,
    /// The effective input, as JSON text.
    pub input: String,
    /// Always `{"truncated": false}`.
    pub input_details: PayloadDetails,
    /// Only when the state sets a timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_in_seconds: Option<u64>,
    /// Only when the state sets a heartbeat (activities).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_in_seconds: Option<u64>,
}

/// `activityStartedEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityStarted {
    /// The worker name the poller gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worker_name: Option<String>,
}

/// `mapStateStartedEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapStateStarted {
    /// The number of items.
    pub length: usize,
}

/// `mapRunStartedEventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapRunStarted {
    /// The Map Run's ARN (`arn:aws:states:...:mapRun:<machine>/<label>:<id>`).
    pub map_run_arn: String,
}

/// `mapIteration...EventDetails`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapIteration {
    /// The Map state's name.
    pub name: String,
    /// The item's index.
    pub index: usize,
}
