//! The loan processor of the task-token failures post, declared once: its types, the
//! `LoanProcessor` machine that waits for a valuation, and the `MockValuation` machine that
//! plays the valuation service. The demo, the Lambda functions and the build script share it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stepfn::prelude::*;

/// The property to value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The house name or number; the mock service picks its behaviour from it.
    pub name_or_number: String,
    /// The postcode.
    pub postcode: String,
}

/// A loan application, as the loan processor is started with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoanApplication {
    /// The business reference of the application.
    pub application_reference: String,
    /// Who applies.
    pub applicant_name: String,
    /// The property the loan is secured on.
    pub property: Property,
    /// The amount asked for.
    pub amount: u64,
}

/// The document flowing through the loan processor; it starts with `application` only.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoanData {
    /// The application.
    pub application: LoanApplication,
    /// What the valuation service called back with.
    pub valuation: Option<Valuation>,
    /// The valuation as recorded against the application.
    pub record: Option<ValuationRecord>,
    /// The error a Catcher caught.
    pub error: Option<CaughtError>,
}

/// What `RequestValuation`'s Lambda function receives: the token to store, the execution
/// waiting on it, and the application.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValuationRequest {
    /// Answers `RequestValuation`, once the valuation service calls back.
    pub task_token: TaskToken<loan_processor::RequestValuation>,
    /// The waiting execution (`$$.Execution.Id`), kept with the token.
    pub execution_id: String,
    /// The application to value the property of.
    pub loan_application: LoanApplication,
}

/// A valuation: `RequestValuation`'s result, placed at `$.valuation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Valuation {
    /// The reference the valuation service was called with.
    pub valuation_reference: String,
    /// The property's value.
    pub value: u64,
}

/// The valuation recorded against the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValuationRecord {
    /// The application valued.
    pub application_reference: String,
    /// The valuation's reference.
    pub valuation_reference: String,
    /// The property's value.
    pub value: u64,
}

/// What the valuation service posts to the webhook: its reference, and a value or a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValuationResponse {
    /// The reference the service was called with (or, when it misbehaves, another one).
    pub valuation_reference: String,
    /// The value, or why there is none.
    #[serde(flatten)]
    pub result: ValuationResult,
}

/// A valuation's result: `{"value": 250000}` or `{"failure": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ValuationResult {
    /// The property's value.
    Value(u64),
    /// Why the property could not be valued.
    Failure(String),
}

/// How a valuation fails: the webhook calls `SendTaskFailure` with `ValuationFailed`.
#[derive(Debug, Clone, PartialEq, Eq, TaskError)]
pub enum ValuationError {
    /// The valuation service could not value the property.
    ValuationFailed,
}

/// The errors the loan processor fails with.
#[derive(Debug, TaskError)]
pub enum LoanError {
    /// No valuation arrived within `RequestValuation`'s timeout.
    ValuationServiceTimedOut,
    /// The valuation service answered with a failure.
    ValuationFailed,
}

/// What the loan processor publishes to the error topic before it fails: the convention's
/// `source` and `description`, and the context support needs to find the execution.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FailureNotice {
    /// The state machine (`$$.StateMachine.Id`).
    pub source: String,
    /// What went wrong.
    pub description: String,
    /// The failed execution (`$$.Execution.Id`).
    pub execution_id: String,
    /// When it started (`$$.Execution.StartTime`).
    pub execution_start_time: String,
    /// The error caught.
    pub error: Option<CaughtError>,
}

/// The description of the notice published when the valuation service does not answer.
pub const TIMEOUT_DESCRIPTION: &str = "the valuation service did not call back in time";
/// The description of the notice published when the valuation service answers a failure.
pub const FAILURE_DESCRIPTION: &str = "the valuation service could not value the property";

#[workflow(
    LoanProcessor,
    data = LoanData,
    input = LoanData,
    error = LoanError,
    rename_all = "camelCase",
    comment = "Requests a property valuation and waits for the valuation service to call back"
)]
pub mod loan_processor {
    use super::*;

    /// Hands the token to the valuation request Lambda and waits, for at most 30 s.
    #[callback(
        lambda = ValuationRequestFunctionArn,
        payload = ValuationRequest { execution_id: $$.Execution.Id, loan_application: $.application },
        output = Valuation,
        error = ValuationError,
        timeout = 30,
        result_path = $.valuation,
        catch(States::Timeout => PublishTimeout, result_path = $.error),
        catch(ValuationError::ValuationFailed => PublishFailure, result_path = $.error),
        next = RecordValuation,
    )]
    #[derive(Debug)]
    pub struct RequestValuation;

    /// Tells support that the valuation service did not answer.
    #[task(
        sns = ErrorTopicArn,
        payload = FailureNotice {
            source: $$.StateMachine.Id,
            description: "the valuation service did not call back in time",
            execution_id: $$.Execution.Id,
            execution_start_time: $$.Execution.StartTime,
            error: $.error,
        },
        result_path = null,
        next = ValuationServiceTimedOut,
    )]
    #[derive(Debug)]
    pub struct PublishTimeout;

    /// Tells support that the valuation failed.
    #[task(
        sns = ErrorTopicArn,
        payload = FailureNotice {
            source: $$.StateMachine.Id,
            description: "the valuation service could not value the property",
            execution_id: $$.Execution.Id,
            execution_start_time: $$.Execution.StartTime,
            error: $.error,
        },
        result_path = null,
        next = ValuationFailed,
    )]
    #[derive(Debug)]
    pub struct PublishFailure;

    #[fail(error = LoanError::ValuationServiceTimedOut, cause = "the valuation service did not call back in time")]
    #[derive(Debug)]
    pub struct ValuationServiceTimedOut;

    #[fail(error = LoanError::ValuationFailed, cause = "the valuation service could not value the property")]
    #[derive(Debug)]
    pub struct ValuationFailed;

    /// Records the valuation against the application.
    #[pass(
        parameters = ValuationRecord {
            application_reference: $.application.application_reference,
            valuation_reference: $.valuation.valuation_reference,
            value: $.valuation.value,
        },
        result_path = $.record,
        next = ValuationReceived,
    )]
    #[derive(Debug)]
    pub struct RecordValuation;

    #[succeed]
    #[derive(Debug)]
    pub struct ValuationReceived;
}

/// What the mock valuation service's machine runs on: the request, and how long to wait
/// before answering.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MockValuationRequest {
    /// The reference to answer with.
    pub valuation_reference: String,
    /// The property; its name or number picks the behaviour.
    pub property: Property,
    /// How long the `Wait` state waits.
    pub delay_seconds: u64,
}

#[workflow(
    MockValuation,
    data = MockValuationRequest,
    express,
    rename_all = "camelCase",
    comment = "Plays the valuation service: waits, then sends the response to the webhook"
)]
pub mod mock_valuation {
    /// Waits as long as the request says.
    #[wait(seconds_path = $.delay_seconds, next = SendResponse)]
    #[derive(Debug)]
    pub struct Wait;

    /// Posts the response (or two, or a failure) to the webhook.
    #[task(lambda = SendResponseFunctionArn, payload = $, end)]
    #[derive(Debug)]
    pub struct SendResponse;
}
