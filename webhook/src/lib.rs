//! Building blocks of a Step Functions callback webhook: the handler that answers a task when
//! the external service calls back, the error notices it publishes, and the IAM policies it
//! needs.
//!
//! The flow of one callback, as in the loan processor: the external service posts its reply;
//! the [`CallbackHandler`] parses it (bad JSON or an unknown shape is a 400 with the
//! reason), maps it to a [`Callback`] (reference, output or error), claims the reference's
//! token in a [`TokenStore`](stepfn_store::TokenStore), and answers with the task's typed
//! [`CallbackClient`](stepfn_core::callback::CallbackClient). Every failure becomes a typed
//! [`Outcome`] (unknown reference, duplicate, late, invalid, unavailable) and an
//! [`ErrorNotice`] `{source, description, requestId, body}` published to an [`ErrorSink`].
//!
//! ```
//! use serde::Deserialize;
//! use stepfn_core::callback::{CallbackTask, NoError, SendError, TaskToken, Transport};
//! use stepfn_store::{MemoryStore, TokenRecord, TokenStore};
//! use stepfn_webhook::{Callback, CallbackHandler, MemorySink, Outcome};
//!
//! // What the workflow macro generates for the task.
//! struct RequestValuation;
//! impl CallbackTask for RequestValuation {
//!     const STATE_NAME: &'static str = "RequestValuation";
//!     type Output = u64;
//!     type Error = NoError;
//! }
//!
//! // The valuation service's reply.
//! #[derive(Deserialize)]
//! struct Reply { reference: String, value: u64 }
//!
//! # struct Accept;
//! # impl Transport for Accept {
//! #     async fn send_task_success(&self, _: &str, _: &str) -> Result<(), SendError> { Ok(()) }
//! #     async fn send_task_failure(&self, _: &str, _: Option<&str>, _: Option<&str>)
//! #         -> Result<(), SendError> { Ok(()) }
//! #     async fn send_task_heartbeat(&self, _: &str) -> Result<(), SendError> { Ok(()) }
//! #     async fn sleep(&self, _: std::time::Duration) {}
//! # }
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # rt.block_on(async {
//! let store = MemoryStore::new();
//! let token: TaskToken<RequestValuation> = "AAAAKgAAAAIAAAAA-token".parse().unwrap();
//! store.put(TokenRecord::new("V-1", &token, "arn:aws:states:...:execution:loan:1")).await?;
//!
//! let handler = CallbackHandler::new(
//!     |reply: Reply| Ok(Callback::<RequestValuation>::success(reply.reference, reply.value)),
//!     store,
//!     RequestValuation::client(Accept), // `AwsTransport::from_env().await` in a Lambda
//!     MemorySink::new(),                // `SnsSink` in a Lambda
//!     "valuation-webhook",
//! );
//! let body = br#"{"reference": "V-1", "value": 250000}"#;
//! let first = handler.handle("request-1", body).await;
//! let again = handler.handle("request-2", body).await;
//! assert_eq!(first.outcome, Outcome::Succeeded { reference: "V-1".into() });
//! assert_eq!(again.outcome, Outcome::Duplicate { reference: "V-1".into() });
//! # Ok::<(), stepfn_store::StoreError>(()) }).unwrap();
//! ```
#![warn(missing_docs)]

mod handler;
#[cfg(feature = "local")]
mod local;
mod notice;
mod outcome;
pub mod policy;
mod route;
#[cfg(feature = "aws")]
mod sns;

pub use handler::{Callback, CallbackHandler, Handled};
#[cfg(feature = "local")]
pub use local::LocalTopicSink;
pub use notice::{ErrorNotice, ErrorSink, MemorySink, SinkError};
pub use outcome::Outcome;
#[cfg(feature = "aws")]
pub use sns::SnsSink;
