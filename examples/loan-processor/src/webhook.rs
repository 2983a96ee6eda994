//! The valuation webhook: the valuation service's reply becomes a typed callback of
//! `RequestValuation`, delivered by stepfn-webhook's `CallbackHandler` as an axum route.

use axum::Router;
use loan_processor_workflows::loan_processor::RequestValuation;
use loan_processor_workflows::{Valuation, ValuationError, ValuationResponse, ValuationResult};
use stepfn_core::callback::{CallbackTask, Transport};
use stepfn_store::TokenStore;
use stepfn_webhook::{Callback, CallbackHandler, ErrorSink};

/// Where the valuation service posts its replies.
pub const CALLBACK_PATH: &str = "/valuation-callback";

/// The webhook's handler, over token store `S`, transport `X` and error sink `K`.
pub type ValuationWebhook<S, X, K> = CallbackHandler<RequestValuation, ValuationResponse, S, X, K>;

/// A value succeeds the task with the valuation; a failure fails it with `ValuationFailed`.
pub fn callback_of(reply: ValuationResponse) -> Result<Callback<RequestValuation>, String> {
    let reference = reply.valuation_reference;
    Ok(match reply.result {
        ValuationResult::Value(value) => {
            let valuation = Valuation {
                valuation_reference: reference.clone(),
                value,
            };
            Callback::success(reference, valuation)
        }
        ValuationResult::Failure(_) => {
            Callback::failure(reference, ValuationError::ValuationFailed)
        }
    })
}

/// The webhook: claims tokens in `store`, answers through `transport`, publishes every
/// failure (late, duplicate, unknown reference, ...) to `sink` naming `source`.
pub fn valuation_webhook<S, X, K>(
    store: S,
    transport: X,
    sink: K,
    source: impl Into<String>,
) -> ValuationWebhook<S, X, K>
where
    S: TokenStore,
    X: Transport,
    K: ErrorSink,
{
    let client = RequestValuation::client(transport);
    CallbackHandler::new(callback_of, store, client, sink, source)
}

/// The webhook as an HTTP app: `POST` [`CALLBACK_PATH`]. Served by axum locally and by
/// `lambda_http` behind API Gateway.
pub fn router<S, X, K>(webhook: ValuationWebhook<S, X, K>) -> Router
where
    S: TokenStore + 'static,
    X: Transport + 'static,
    K: ErrorSink + 'static,
{
    Router::new().route(CALLBACK_PATH, webhook.route())
}
