//! The core of stepfn: the Amazon States Language model, its reader and writer, and the
//! validator shared by the macros, the local engine and the command-line tool.
#![warn(missing_docs)]

mod builder;
pub mod callback;
pub mod codec;
pub mod model;
pub mod path;
pub mod validate;

pub use model::{MachineType, QueryLanguage, State, StateMachine};
pub use validate::{Code, Finding, Severity};
