//! The mock configuration file as serde reads it, before references and ranges are checked.

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The whole file: `{"StateMachines": {...}, "MockedResponses": {...}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    #[serde(rename = "StateMachines", default)]
    pub(super) state_machines: IndexMap<String, RawMachine>,
    #[serde(rename = "MockedResponses", default)]
    pub(super) mocked_responses: IndexMap<String, IndexMap<String, RawStep>>,
}

/// `"<machine>": {"TestCases": {"<case>": {"<state>": "<mocked response>"}}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMachine {
    #[serde(rename = "TestCases")]
    pub(super) test_cases: IndexMap<String, IndexMap<String, String>>,
}

/// `"<attempts>": {"Return": ...}` or `{"Throw": {...}}`; both or neither are reported by
/// the checks, with a pointer, rather than by serde.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    // `"Return": null` is a result (null), not an absent field.
    #[serde(rename = "Return", default, deserialize_with = "present")]
    pub(super) returns: Option<Value>,
    #[serde(rename = "Throw", default)]
    pub(super) throws: Option<RawThrow>,
}

/// `{"Error": "...", "Cause": "..."}`: both required, as the format documents.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawThrow {
    #[serde(rename = "Error")]
    pub(super) error: String,
    #[serde(rename = "Cause")]
    pub(super) cause: String,
}

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}
