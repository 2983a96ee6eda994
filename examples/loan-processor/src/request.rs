//! The valuation request handler, `RequestValuation`'s Lambda function: keeps the task token
//! under a new valuation reference, then calls the valuation service.

use std::future::Future;

use loan_processor_workflows::{LoanApplication, ValuationRequest};
use serde::{Deserialize, Serialize};
use stepfn_store::{StoreError, TokenRecord, TokenStore};

/// The valuation service, as the request handler calls it: on AWS the mock service's Express
/// machine started through the SDK (module `aws`, feature `lambda`); locally the same machine
/// on the engine.
pub trait ValuationService: Send + Sync {
    /// Asks for a valuation of `application`'s property, to be called back with `reference`.
    fn request_valuation(
        &self,
        reference: &str,
        application: &LoanApplication,
    ) -> impl Future<Output = Result<(), ServiceError>> + Send;
}

/// The valuation service refused the request or could not be reached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the valuation service refused the request: {message}")]
pub struct ServiceError {
    /// What it said.
    pub message: String,
}

/// Why a valuation could not be requested; the Lambda function fails, and so does the task.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// The token could not be stored.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The valuation service could not be called.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// What the handler returns: the reference the service will call back with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Requested {
    /// The new valuation reference.
    pub valuation_reference: String,
}

/// A new valuation reference: the application's reference and something unique to this
/// request (the Lambda request id on AWS, a sequence number locally).
pub fn valuation_reference(application: &LoanApplication, unique: &str) -> String {
    format!("VAL-{}-{unique}", application.application_reference)
}

/// Handles one invocation: stores the token under `reference` (before calling the service,
/// so that even an instant callback finds it), then calls the service.
pub async fn request_valuation<S: TokenStore, V: ValuationService>(
    request: &ValuationRequest,
    reference: String,
    store: &S,
    service: &V,
) -> Result<Requested, RequestError> {
    let record = TokenRecord::new(&reference, &request.task_token, &request.execution_id);
    store.put(record).await?;

    service
        .request_valuation(&reference, &request.loan_application)
        .await?;
    tracing::info!(reference, "valuation requested");
    Ok(Requested {
        valuation_reference: reference,
    })
}
