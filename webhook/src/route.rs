//! The handler as an axum route, and the outcome as an HTTP response.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, post};
use serde::de::DeserializeOwned;
use serde_json::json;
use stepfn_core::callback::{CallbackTask, Transport};
use stepfn_store::TokenStore;

use crate::{CallbackHandler, ErrorSink, Outcome};

/// Headers that carry a request id, first match wins: a proxy's, API Gateway's, Lambda's.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "x-amzn-requestid",
    "x-amz-apigw-id",
    "lambda-runtime-aws-request-id",
];

impl<T, R, S, X, K> CallbackHandler<T, R, S, X, K>
where
    T: CallbackTask,
    T::Output: Send + Sync,
    T::Error: Send + Sync,
    R: DeserializeOwned + 'static,
    S: TokenStore + 'static,
    X: Transport + 'static,
    K: ErrorSink + 'static,
{
    /// The handler as a `POST` route: `Router::new().route("/callback", handler.route())`.
    /// It answers with the outcome's status ([`Outcome::status`]) and a JSON body
    /// `{"outcome", "reference", "message"}`.
    pub fn route<St: Clone + Send + Sync + 'static>(self) -> MethodRouter<St> {
        post(move |headers: HeaderMap, body: Bytes| async move {
            let request_id = request_id(&headers);
            self.handle(&request_id, &body).await.outcome
        })
    }
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::OK);
        let body = json!({
            "outcome": self.code(),
            "reference": self.reference(),
            "message": self.to_string(),
        });
        let headers = [(CONTENT_TYPE, "application/json")];
        (status, headers, body.to_string()).into_response()
    }
}

/// The request's id from its headers, or a new one unique in this process.
fn request_id(headers: &HeaderMap) -> String {
    let found = REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok());
    match found {
        Some(id) => id.to_owned(),
        None => {
            static NEXT: AtomicU64 = AtomicU64::new(1);
            let now = SystemTime::now().duration_since(UNIX_EPOCH);
            let millis = now.map_or(0, |d| d.as_millis());
            format!("stepfn-{millis}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
        }
    }
}
