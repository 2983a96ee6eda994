//! The loan processor of the task-token failures post, end to end: the valuation request
//! handler, the mock valuation service's behaviours, the webhook, and (feature `local`) the
//! whole system on the local engine in virtual time, with the demo's report.
//!
//! The machines and types are declared in `loan-processor-workflows`, re-exported here as
//! [`workflows`]. Feature `lambda` adds what the two Lambda functions need on AWS
//! (module `aws`); it never pulls in the engine.
#![warn(missing_docs)]

pub mod files;
pub mod mock;
pub mod request;
pub mod webhook;

#[cfg(feature = "lambda")]
pub mod aws;
#[cfg(feature = "local")]
pub mod local;

pub use loan_processor_workflows as workflows;
