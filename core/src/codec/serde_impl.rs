//! `serde` for [`StateMachine`], and the `from_json`/`to_json` shortcuts, on top of the
//! reader and the writer.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{decode_str, decode_value, to_string_pretty, to_value};
use crate::model::StateMachine;
use crate::validate::Finding;

/// A definition that could not be read: the findings, errors and all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", Lines(findings))]
pub struct DecodeError {
    /// Every finding of the read, in source order.
    pub findings: Vec<Finding>,
}

/// Findings one per line.
struct Lines<'f>(&'f [Finding]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, finding) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl StateMachine {
    /// Reads a definition from JSON text; fails when the reader finds any error.
    pub fn from_json(text: &str) -> Result<StateMachine, DecodeError> {
        let decoded = decode_str(text);
        match decoded.machine {
            Some(machine) if !decoded.findings.iter().any(Finding::is_error) => Ok(machine),
            _ => Err(DecodeError {
                findings: decoded.findings,
            }),
        }
    }

    /// The definition as pretty JSON text in canonical key order, with a final newline.
    pub fn to_json(&self) -> String {
        to_string_pretty(self)
    }
}

impl Serialize for StateMachine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        to_value(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StateMachine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let decoded = decode_value(&value);
        match decoded.machine {
            Some(machine) if !decoded.findings.iter().any(Finding::is_error) => Ok(machine),
            _ => {
                let error = DecodeError {
                    findings: decoded.findings,
                };
                Err(D::Error::custom(format!(
                    "invalid state machine definition:\n{error}"
                )))
            }
        }
    }
}
