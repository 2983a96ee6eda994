//! `Retry` and `Catch`.
//!
//! A broken entry is kept in place as a placeholder, never dropped: the validator's
//! pointers (`/Catch/2`) count entries, so a removed one would shift every later pointer.

use serde_json::Value;

use super::location::{Decoder, Field, Location};
use crate::codec::fields::{CATCHER, RETRIER};
use crate::model::{Catcher, ErrorName, Retrier};
use crate::validate::Code;

impl Decoder {
    /// `Retry`: an array of Retriers.
    pub(crate) fn retriers(&mut self, field: Option<Field<'_, '_>>) -> Vec<Retrier> {
        let Some(field) = field else {
            return Vec::new();
        };
        let Some(items) = self.array(&field) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| self.retrier(&field.at.index(index), item))
            .collect()
    }

    fn retrier(&mut self, at: &Location<'_>, value: &Value) -> Retrier {
        let mut retrier = Retrier::new(Vec::<ErrorName>::new());
        let Some(object) = self.object(at, value) else {
            return retrier;
        };
        let f = self.pick(at, object, &RETRIER);
        retrier.comment = self.string(f.get(at, "Comment"));
        retrier.error_equals = self.error_equals(at, f.get(at, "ErrorEquals"));
        retrier.interval_seconds = self.unsigned(f.get(at, "IntervalSeconds"));
        retrier.max_attempts = self.unsigned(f.get(at, "MaxAttempts"));
        retrier.backoff_rate = self.number(f.get(at, "BackoffRate"));
        retrier.max_delay_seconds = self.unsigned(f.get(at, "MaxDelaySeconds"));
        retrier.jitter_strategy = self.jitter(f.get(at, "JitterStrategy"));
        retrier
    }

    /// `Catch`: an array of Catchers. `state` names the state they belong to: a Catcher
    /// without a usable `Next` points back at it, a target that exists, is reachable
    /// whenever the Catcher is, and adds no finding of its own.
    pub(crate) fn catchers(&mut self, field: Option<Field<'_, '_>>, state: &str) -> Vec<Catcher> {
        let Some(field) = field else {
            return Vec::new();
        };
        let Some(items) = self.array(&field) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| self.catcher(&field.at.index(index), item, state))
            .collect()
    }

    fn catcher(&mut self, at: &Location<'_>, value: &Value, state: &str) -> Catcher {
        let Some(object) = self.object(at, value) else {
            return Catcher::new(Vec::<ErrorName>::new(), state);
        };
        let f = self.pick(at, object, &CATCHER);
        let next = match f.get(at, "Next") {
            Some(next) => self.str(&next),
            None => {
                self.report(Code::MissingField, at, "missing field `Next`".to_owned());
                None
            }
        };
        Catcher {
            comment: self.string(f.get(at, "Comment")),
            error_equals: self.error_equals(at, f.get(at, "ErrorEquals")),
            next: next.unwrap_or(state).to_owned(),
            result_path: self.result_path(f.get(at, "ResultPath")),
            output: self.template(f.get(at, "Output")),
            assign: self.assign(f.get(at, "Assign")),
        }
    }

    /// `ErrorEquals`: a non-empty array of names. A name of the wrong type stays as an empty
    /// custom name, which no validator rule looks at.
    fn error_equals(
        &mut self,
        owner: &Location<'_>,
        field: Option<Field<'_, '_>>,
    ) -> Vec<ErrorName> {
        let Some(field) = field else {
            self.report(
                Code::MissingField,
                owner,
                "missing field `ErrorEquals`".to_owned(),
            );
            return Vec::new();
        };
        let Some(items) = self.array(&field) else {
            return Vec::new();
        };
        if items.is_empty() {
            let message = "`ErrorEquals` must name at least one error".to_owned();
            self.report(Code::EmptyArray, &field.at, message);
        }
        let mut names = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let name = match item {
                Value::String(name) => ErrorName::from(name.as_str()),
                _ => {
                    self.wrong_type(&field.at.index(index), "a string");
                    ErrorName::Custom(String::new())
                }
            };
            names.push(name);
        }
        names
    }

    /// An array field, or an `invalid-type` finding.
    pub(crate) fn array<'v>(&mut self, field: &Field<'_, 'v>) -> Option<&'v Vec<Value>> {
        match field.value {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(&field.at, "an array");
                None
            }
        }
    }
}
