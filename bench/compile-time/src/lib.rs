//! One 200-state machine: declared with `#[workflow]`, written as a `json!` literal, or
//! parsed from JSON text at run time (the floor: no compile-time work at all).
#![recursion_limit = "8192"]

#[cfg(feature = "json")]
mod machine_json;
#[cfg(feature = "macro")]
mod machine_macro;
#[cfg(feature = "text")]
mod machine_text;

#[cfg(feature = "json")]
pub use machine_json::machine;
#[cfg(feature = "macro")]
pub use machine_macro::Machine;
#[cfg(feature = "text")]
pub use machine_text::machine;
