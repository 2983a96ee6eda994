//! The validator: every rule of the ASL spec and of AWS's own definition checks.

mod finding;

pub use finding::{Code, Finding, Severity};
