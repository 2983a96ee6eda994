//! The reader: one pass over a `serde_json::Value`, building the model and collecting a
//! finding for every problem of shape (`text` turns JSON text into that value first,
//! noting keys written twice).
//!
//! Whatever is broken is replaced by a neutral placeholder so that the validator, run on
//! the result, reports the other mistakes and nothing that follows from these:
//! - a broken optional field is left out;
//! - a state that is not an object, or whose `Type` is missing or unknown, becomes a Pass
//!   keeping its `Next` when that is a string, else a Succeed;
//! - a missing or broken `Next`/`End` becomes `End`; `Next` wins over a contradicting
//!   `End: true`;
//! - a missing `Resource` becomes an ARN of no known service (`state::PLACEHOLDER_RESOURCE`);
//! - a Wait without a usable duration waits `Seconds: 0`;
//! - a Choice rule with a broken condition keeps its `Next` with a condition that is valid
//!   in the state's language (`IsPresent: true` on `$`, or JSONata `false`); a Catcher
//!   without `Next` points back at its own state;
//! - array entries are never dropped (pointers count them): a broken Retrier or Catcher
//!   has an empty `ErrorEquals`, a broken error name is the empty custom name;
//! - a scope (machine, branch, processor) without usable `States` has no states, and
//!   without `StartAt` starts at its first state (or at `""` when it has none); every way a
//!   scope can end up with no states has been reported, so the validator can skip it.

mod choice;
mod location;
mod nested;
mod retry;
mod scalar;
mod state;
mod template;
mod text;

pub(crate) use location::Decoder;
pub(crate) use text::{Step, parse};

use serde_json::{Map, Value};

use self::location::{Field, Location};
use crate::codec::fields::MACHINE;
use crate::model::{QueryLanguage, StateMachine, States};
use crate::validate::Code;

impl Decoder {
    /// Reads a whole definition from its root object.
    pub(crate) fn machine(&mut self, object: &Map<String, Value>) -> StateMachine {
        let root = Location::ROOT;
        let f = self.pick(&root, object, &MACHINE);
        let query_language = self.query_language(f.get(&root, "QueryLanguage"));
        let (start_at, states) = self.scope(
            &root,
            f.get(&root, "StartAt"),
            f.get(&root, "States"),
            query_language.unwrap_or_default(),
        );
        StateMachine {
            comment: self.string(f.get(&root, "Comment")),
            version: self.string(f.get(&root, "Version")),
            query_language,
            start_at,
            timeout_seconds: self.unsigned(f.get(&root, "TimeoutSeconds")),
            states,
        }
    }

    /// `StartAt` and `States` of a machine, a branch or a processor at `at`. `language` is
    /// the one its states inherit.
    pub(crate) fn scope(
        &mut self,
        at: &Location<'_>,
        start_at: Option<Field<'_, '_>>,
        states: Option<Field<'_, '_>>,
        language: QueryLanguage,
    ) -> (String, States) {
        let states = match states {
            Some(field) => self.states(&field, language),
            None => {
                self.report(Code::MissingField, at, "missing field `States`".to_owned());
                States::default()
            }
        };
        let first = || states.keys().next().cloned().unwrap_or_default();
        let start_at = match start_at {
            Some(field) => self.str(&field).map(str::to_owned).unwrap_or_else(first),
            None => {
                self.report(Code::MissingField, at, "missing field `StartAt`".to_owned());
                first()
            }
        };
        (start_at, states)
    }

    fn states(&mut self, field: &Field<'_, '_>, language: QueryLanguage) -> States {
        let Some(object) = self.object(&field.at, field.value) else {
            return States::default();
        };
        if object.is_empty() {
            let message = "`States` must hold at least one state".to_owned();
            self.report(Code::EmptyArray, &field.at, message);
        }
        let mut states = States::with_capacity_and_hasher(object.len(), Default::default());
        for (position, (name, value)) in object.iter().enumerate() {
            let state = self.state(&field.at.key(name, position), name, value, language);
            states.insert(name.clone(), state);
        }
        states
    }
}
