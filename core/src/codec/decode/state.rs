//! One state: its `Type`, the fields its type allows, its transition, and the simple types
//! (Task, Pass, Wait, Succeed, Fail).

use serde_json::{Map, Value};

use super::location::{Decoder, Field, Location};
use crate::codec::fields::{Kind, StateField, one_of, suggest, unknown_field_message};
use crate::model::{
    FailState, Nullable, PassState, QueryLanguage, Resource, State, SucceedState, TaskState,
    Template, TextSource, Transition, WaitDuration, WaitState,
};
use crate::path::Path;
use crate::validate::Code;

/// The resource given to a Task whose `Resource` is missing or not a string: an ARN of no
/// known service, which the validator accepts as written and which needs no task token.
pub(crate) const PLACEHOLDER_RESOURCE: &str = "arn:stepfn:decoder:::missing-resource";

/// The fields of one state, by [`StateField`], with their positions.
#[derive(Debug)]
pub(crate) struct StateFields<'v> {
    found: [Option<(usize, &'v Value)>; StateField::COUNT],
}

impl<'v> StateFields<'v> {
    pub(crate) fn get<'a>(
        &self,
        state: &'a Location<'a>,
        field: StateField,
    ) -> Option<Field<'a, 'v>> {
        let (position, value) = self.found[field as usize]?;
        Some(Field {
            at: state.key(field.name(), position),
            value,
        })
    }
}

/// What every state type shares, read before the type-specific fields.
#[derive(Debug)]
pub(crate) struct Head<'n> {
    pub(crate) name: &'n str,
    pub(crate) comment: Option<String>,
    pub(crate) query_language: Option<QueryLanguage>,
    /// The language of this state, for placeholders that must not look foreign to it.
    pub(crate) language: QueryLanguage,
    /// The language nested scopes inherit: the top level's, not this state's.
    pub(crate) inherited: QueryLanguage,
}

/// The JSONPath input/output fields and their JSONata counterparts (`Parameters` aside: a
/// Map has its own rule for it).
#[derive(Debug, Default)]
pub(crate) struct Io {
    pub(crate) input_path: Option<Nullable<Path>>,
    pub(crate) result_selector: Option<Template>,
    pub(crate) result_path: Option<Nullable<Path>>,
    pub(crate) output_path: Option<Nullable<Path>>,
    pub(crate) arguments: Option<Template>,
    pub(crate) output: Option<Template>,
    pub(crate) assign: Option<Template>,
}

impl Decoder {
    /// Reads the state `name` at `at`. A state that is not an object or has no valid `Type`
    /// becomes a placeholder (see [`placeholder_state`]) so it still exists for the validator.
    pub(crate) fn state(
        &mut self,
        at: &Location<'_>,
        name: &str,
        value: &Value,
        inherited: QueryLanguage,
    ) -> State {
        let Some(object) = self.object(at, value) else {
            return placeholder_state(None);
        };
        let Some(kind) = self.kind(at, object) else {
            return placeholder_state(object.get("Next"));
        };

        let fields = self.state_fields(at, object, kind);
        let query_language = self.query_language(fields.get(at, StateField::QueryLanguage));
        let head = Head {
            name,
            comment: self.string(fields.get(at, StateField::Comment)),
            query_language,
            language: query_language.unwrap_or(inherited),
            inherited,
        };

        match kind {
            Kind::Task => State::Task(Box::new(self.task(at, &fields, head))),
            Kind::Pass => State::Pass(Box::new(self.pass(at, &fields, head))),
            Kind::Choice => State::Choice(Box::new(self.choice(at, &fields, head))),
            Kind::Wait => State::Wait(Box::new(self.wait(at, &fields, head))),
            Kind::Succeed => State::Succeed(Box::new(self.succeed(at, &fields, head))),
            Kind::Fail => State::Fail(Box::new(self.fail(at, &fields, head))),
            Kind::Parallel => State::Parallel(Box::new(self.parallel(at, &fields, head))),
            Kind::Map => State::Map(Box::new(self.map(at, &fields, head))),
        }
    }

    fn kind(&mut self, at: &Location<'_>, object: &Map<String, Value>) -> Option<Kind> {
        let Some((position, (_, value))) =
            object.iter().enumerate().find(|(_, (k, _))| *k == "Type")
        else {
            let message = format!("missing field `Type`; expected {}", one_of(&Kind::NAMES));
            self.report(Code::MissingField, at, message);
            return None;
        };
        let field = Field {
            at: at.key("Type", position),
            value,
        };
        let text = self.str(&field)?;
        let kind = Kind::from_type(text);
        if kind.is_none() {
            let message = match suggest(text, Kind::NAMES) {
                Some(close) => format!("unknown state type `{text}`; did you mean `{close}`?"),
                None => format!(
                    "unknown state type `{text}`; expected {}",
                    one_of(&Kind::NAMES)
                ),
            };
            self.report(Code::InvalidStateType, &field.at, message);
        }
        kind
    }

    fn state_fields<'v>(
        &mut self,
        at: &Location<'_>,
        object: &'v Map<String, Value>,
        kind: Kind,
    ) -> StateFields<'v> {
        let mut found = [None; StateField::COUNT];
        for (position, (key, value)) in object.iter().enumerate() {
            match StateField::from_name(key) {
                Some(field) if field.allowed_on(kind) => {
                    found[field as usize] = Some((position, value))
                }
                Some(_) => {
                    let message = format!("`{key}` is not allowed on a {} state", kind.name());
                    self.report(Code::FieldNotAllowed, &at.key(key, position), message);
                }
                None => {
                    let message = unknown_field_message(key, StateField::names_on(kind));
                    self.report(Code::UnknownField, &at.key(key, position), message);
                }
            }
        }
        StateFields { found }
    }

    pub(crate) fn io(&mut self, at: &Location<'_>, fields: &StateFields<'_>) -> Io {
        Io {
            input_path: self.nullable_path(fields.get(at, StateField::InputPath)),
            result_selector: self.template(fields.get(at, StateField::ResultSelector)),
            result_path: self.result_path(fields.get(at, StateField::ResultPath)),
            output_path: self.nullable_path(fields.get(at, StateField::OutputPath)),
            arguments: self.template(fields.get(at, StateField::Arguments)),
            output: self.template(fields.get(at, StateField::Output)),
            assign: self.assign(fields.get(at, StateField::Assign)),
        }
    }

    /// `Next` or `End: true`. A missing or broken transition becomes `End`, so the validator
    /// neither follows a name that is not there nor reports the state as a dead end;
    /// `Next` wins over a contradicting `End: true`, keeping its target reachable.
    pub(crate) fn transition(&mut self, at: &Location<'_>, fields: &StateFields<'_>) -> Transition {
        let next_field = fields.get(at, StateField::Next);
        let end_field = fields.get(at, StateField::End);
        let next = next_field.and_then(|field| self.str(&field));
        let end = end_field.and_then(|field| self.boolean(&field));

        match (next, end) {
            (Some(next), Some(true)) => {
                let message = "`End: true` contradicts `Next`; keep one".to_owned();
                if let Some(end_field) = end_field {
                    self.report(Code::NextAndEnd, &end_field.at, message);
                }
                Transition::Next(next.to_owned())
            }
            (Some(next), _) => Transition::Next(next.to_owned()),
            (None, Some(true)) => Transition::End,
            (None, _) => {
                // A `Next` or `End` of the wrong type has been reported already.
                let broken = next_field.is_some() || (end_field.is_some() && end.is_none());
                if !broken {
                    let message = "state has neither `Next` nor `End: true`; add one".to_owned();
                    self.report(Code::MissingTransition, at, message);
                }
                Transition::End
            }
        }
    }

    fn task(&mut self, at: &Location<'_>, f: &StateFields<'_>, head: Head<'_>) -> TaskState {
        let io = self.io(at, f);
        TaskState {
            comment: head.comment,
            query_language: head.query_language,
            resource: self.resource(at, f.get(at, StateField::Resource)),
            credentials: self.template(f.get(at, StateField::Credentials)),
            timeout: self.int_source(
                f.get(at, StateField::TimeoutSeconds),
                f.get(at, StateField::TimeoutSecondsPath),
            ),
            heartbeat: self.int_source(
                f.get(at, StateField::HeartbeatSeconds),
                f.get(at, StateField::HeartbeatSecondsPath),
            ),
            input_path: io.input_path,
            parameters: self.template(f.get(at, StateField::Parameters)),
            result_selector: io.result_selector,
            result_path: io.result_path,
            output_path: io.output_path,
            arguments: io.arguments,
            output: io.output,
            assign: io.assign,
            retry: self.retriers(f.get(at, StateField::Retry)),
            catch: self.catchers(f.get(at, StateField::Catch), head.name),
            transition: self.transition(at, f),
        }
    }

    /// A `Resource` (of a Task or an `ItemReader`); see [`PLACEHOLDER_RESOURCE`].
    pub(crate) fn resource(
        &mut self,
        owner: &Location<'_>,
        field: Option<Field<'_, '_>>,
    ) -> Resource {
        let text = match field {
            Some(field) => self.str(&field),
            None => {
                self.report(
                    Code::MissingField,
                    owner,
                    "missing field `Resource`".to_owned(),
                );
                None
            }
        };
        Resource::new(text.unwrap_or(PLACEHOLDER_RESOURCE))
    }

    fn pass(&mut self, at: &Location<'_>, f: &StateFields<'_>, head: Head<'_>) -> PassState {
        let io = self.io(at, f);
        PassState {
            comment: head.comment,
            query_language: head.query_language,
            result: f
                .get(at, StateField::Result)
                .map(|field| field.value.clone()),
            input_path: io.input_path,
            parameters: self.template(f.get(at, StateField::Parameters)),
            result_path: io.result_path,
            output_path: io.output_path,
            output: io.output,
            assign: io.assign,
            transition: self.transition(at, f),
        }
    }

    fn wait(&mut self, at: &Location<'_>, f: &StateFields<'_>, head: Head<'_>) -> WaitState {
        let io = self.io(at, f);
        WaitState {
            comment: head.comment,
            query_language: head.query_language,
            duration: self.wait_duration(at, f),
            input_path: io.input_path,
            output_path: io.output_path,
            output: io.output,
            assign: io.assign,
            transition: self.transition(at, f),
        }
    }

    /// The one duration field of a Wait; `Seconds: 0` stands in for a missing or broken one.
    fn wait_duration(&mut self, at: &Location<'_>, f: &StateFields<'_>) -> WaitDuration {
        let candidates = [
            StateField::Seconds,
            StateField::Timestamp,
            StateField::SecondsPath,
            StateField::TimestampPath,
        ];
        let mut chosen = None;
        for candidate in candidates {
            let Some(field) = f.get(at, candidate) else {
                continue;
            };
            match chosen {
                None => chosen = Some((candidate, field)),
                Some((_, first)) => {
                    self.exclusive(Some(first), Some(field));
                }
            }
        }
        let Some((which, field)) = chosen else {
            let names = one_of(&candidates.map(StateField::name));
            let message = format!("a Wait state needs one of {names}");
            self.report(Code::MissingField, at, message);
            return WaitDuration::Seconds(0);
        };
        let duration = match (which, field.value) {
            (StateField::Seconds, Value::String(text)) => {
                self.expression(&field, text).map(WaitDuration::SecondsExpr)
            }
            (StateField::Seconds, _) => self.unsigned(Some(field)).map(WaitDuration::Seconds),
            (StateField::Timestamp, _) => self
                .str(&field)
                .map(|text| WaitDuration::Timestamp(text.to_owned())),
            (StateField::SecondsPath, _) => {
                self.reference_path(&field).map(WaitDuration::SecondsPath)
            }
            _ => self.reference_path(&field).map(WaitDuration::TimestampPath),
        };
        duration.unwrap_or(WaitDuration::Seconds(0))
    }

    fn succeed(&mut self, at: &Location<'_>, f: &StateFields<'_>, head: Head<'_>) -> SucceedState {
        let io = self.io(at, f);
        SucceedState {
            comment: head.comment,
            query_language: head.query_language,
            input_path: io.input_path,
            output_path: io.output_path,
            output: io.output,
        }
    }

    fn fail(&mut self, at: &Location<'_>, f: &StateFields<'_>, head: Head<'_>) -> FailState {
        FailState {
            comment: head.comment,
            query_language: head.query_language,
            error: self.text_source(
                f.get(at, StateField::Error),
                f.get(at, StateField::ErrorPath),
            ),
            cause: self.text_source(
                f.get(at, StateField::Cause),
                f.get(at, StateField::CausePath),
            ),
        }
    }

    fn text_source(
        &mut self,
        value: Option<Field<'_, '_>>,
        path: Option<Field<'_, '_>>,
    ) -> Option<TextSource> {
        match self.exclusive(value, path) {
            (Some(value), _) => self.string(Some(value)).map(TextSource::Value),
            (None, Some(path)) => self.reference_dynamic(&path).map(TextSource::Path),
            (None, None) => None,
        }
    }
}

/// The stand-in for a state that is not an object or has no valid `Type`. Its own fields
/// are not checked (without a type nothing says which are allowed). It keeps the state's
/// `Next` when that is a string, as a Pass, so its target stays reachable; otherwise it is
/// a `Succeed`, which ends its scope and needs no transition.
fn placeholder_state(next: Option<&Value>) -> State {
    match next {
        Some(Value::String(next)) => State::Pass(Box::new(PassState {
            comment: None,
            query_language: None,
            result: None,
            input_path: None,
            parameters: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            transition: Transition::Next(next.clone()),
        })),
        _ => State::Succeed(Box::default()),
    }
}
