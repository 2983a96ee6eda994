//! The two state machines of the blog post on task token failures
//! (`shared/reference/task-token-failures-blog.md`), written with `#[workflow]`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stepfn::prelude::*;

/// The property to value.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Property {
    pub(crate) name_or_number: String,
    pub(crate) post_code: String,
}

/// What the loan processor is started with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoanApplication {
    pub(crate) applicant_name: String,
    pub(crate) property: Property,
    pub(crate) amount: u64,
}

/// The document flowing through the loan processor.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoanData {
    pub(crate) application: LoanApplication,
    pub(crate) valuation: Option<ValuationResponse>,
    pub(crate) error: Option<CaughtError>,
}

/// What the valuation request Lambda receives; it stores the token and calls the service.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ValuationRequest {
    pub(crate) task_token: TaskToken<loan_processor::RequestValuation>,
    pub(crate) loan_application: LoanApplication,
}

/// What the valuation service calls back with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ValuationResponse {
    pub(crate) valuation_reference: String,
    pub(crate) value: u64,
}

/// How a valuation fails: the webhook calls `SendTaskFailure` with `ValuationFailed`.
#[derive(Debug, TaskError)]
pub(crate) enum ValuationError {
    ValuationFailed,
}

/// The errors the loan processor ends with.
#[derive(Debug, TaskError)]
pub(crate) enum LoanError {
    ValuationServiceTimedOut,
    ValuationFailed,
}

/// The message published to the error topic, with the context support needs.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorNotice {
    pub(crate) state_machine_id: String,
    pub(crate) execution_id: String,
    pub(crate) execution_start_time: String,
    pub(crate) error: Option<CaughtError>,
}

#[workflow(
    LoanProcessor,
    data = LoanData,
    input = LoanData,
    error = LoanError,
    rename_all = "camelCase",
    comment = "Requests a property valuation and waits for the valuation service to call back"
)]
pub(crate) mod loan_processor {
    use super::*;

    #[callback(
        lambda = ValuationRequestFunctionArn,
        payload = ValuationRequest { loan_application: $.application },
        output = ValuationResponse,
        error = ValuationError,
        timeout = 30,
        result_path = $.valuation,
        catch(States::Timeout => PublishTimeout, result_path = $.error),
        catch(ValuationError::ValuationFailed => PublishFailure, result_path = $.error),
        next = ValuationReceived,
    )]
    pub(crate) struct RequestValuation;

    #[task(
        sns = ErrorTopicArn,
        payload = ErrorNotice {
            state_machine_id: $$.StateMachine.Id,
            execution_id: $$.Execution.Id,
            execution_start_time: $$.Execution.StartTime,
            error: $.error,
        },
        next = ValuationServiceTimedOut,
    )]
    pub(crate) struct PublishTimeout;

    #[task(
        sns = ErrorTopicArn,
        payload = ErrorNotice {
            state_machine_id: $$.StateMachine.Id,
            execution_id: $$.Execution.Id,
            execution_start_time: $$.Execution.StartTime,
            error: $.error,
        },
        next = ValuationFailed,
    )]
    pub(crate) struct PublishFailure;

    #[fail(error = LoanError::ValuationServiceTimedOut, cause = "the valuation service did not call back in time")]
    pub(crate) struct ValuationServiceTimedOut;

    #[fail(error = LoanError::ValuationFailed, cause = "the valuation service could not value the property")]
    pub(crate) struct ValuationFailed;

    #[succeed]
    pub(crate) struct ValuationReceived;
}

/// The mock valuation service's request: the valuation request plus how long to wait.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MockValuationRequest {
    pub(crate) task_token: String,
    pub(crate) valuation_reference: String,
    pub(crate) delay_seconds: u64,
}

#[workflow(MockValuationService, data = MockValuationRequest, express, rename_all = "camelCase")]
pub(crate) mod mock_valuation_service {
    #[wait(seconds_path = $.delay_seconds, next = SendResponse)]
    pub(crate) struct Wait;

    #[task(lambda = SendResponseFunctionArn, payload = $, end)]
    pub(crate) struct SendResponse;
}
