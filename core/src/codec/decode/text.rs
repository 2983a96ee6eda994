//! JSON text to a `Value`, noting every key written twice in one object: a parser keeps
//! only one of the two silently, so the reader must catch it while the text is still there.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use super::location::Decoder;
use crate::validate::Code;

/// One step from the root to a value, owned: kept only for repeated keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// Parses `text`, returning the value (the last of repeated keys wins, in the first one's
/// place, as serde_json does) and the path of every repeated key.
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<Vec<Step>>), serde_json::Error> {
    let mut repeated = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let seed = Seed {
        frame: &Frame::ROOT,
        repeated: &mut repeated,
    };
    let value = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((value, repeated))
}

/// Where the value being read sits, as a chain of borrowed steps on the stack.
struct Frame<'a> {
    parent: Option<&'a Frame<'a>>,
    key: Option<&'a str>,
    index: usize,
}

impl Frame<'_> {
    const ROOT: Frame<'static> = Frame {
        parent: None,
        key: None,
        index: 0,
    };

    fn steps(&self, out: &mut Vec<Step>) {
        let Some(parent) = self.parent else {
            return;
        };
        parent.steps(out);
        out.push(match self.key {
            Some(key) => Step::Key(key.to_owned()),
            None => Step::Index(self.index),
        });
    }
}

struct Seed<'a, 'r> {
    frame: &'a Frame<'a>,
    repeated: &'r mut Vec<Vec<Step>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            let frame = Frame {
                parent: Some(self.frame),
                key: None,
                index: items.len(),
            };
            let seed = Seed {
                frame: &frame,
                repeated: &mut *self.repeated,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let frame = Frame {
                parent: Some(self.frame),
                key: Some(&key),
                index: 0,
            };
            let seed = Seed {
                frame: &frame,
                repeated: &mut *self.repeated,
            };
            let value = map.next_value_seed(seed)?;
            match object.entry(key) {
                Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                Entry::Occupied(mut entry) => {
                    let mut steps = Vec::new();
                    self.frame.steps(&mut steps);
                    steps.push(Step::Key(entry.key().clone()));
                    self.repeated.push(steps);
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

/// What kind of object a path leads to, as far as repeated keys matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The machine, a branch or a processor.
    Scope,
    /// A `States` object.
    States,
    State,
    /// Inside a payload template, at any depth.
    Template,
    Branches,
    Catch,
    Catcher,
    Choices,
    Rule,
    /// `ItemReader` or `ResultWriter`.
    ReaderWriter,
    ItemBatcher,
    Elsewhere,
}

fn step(place: Place, step: &Step) -> Place {
    match (place, step) {
        (Place::Template, _) => Place::Template,
        (Place::Scope, Step::Key(key)) if key == "States" => Place::States,
        (Place::States, Step::Key(_)) => Place::State,
        (Place::State, Step::Key(key)) => match key.as_str() {
            "Parameters" | "ResultSelector" | "ItemSelector" | "Arguments" | "Output"
            | "Assign" | "Credentials" | "Items" => Place::Template,
            "Branches" => Place::Branches,
            "ItemProcessor" | "Iterator" => Place::Scope,
            "Catch" => Place::Catch,
            "Choices" => Place::Choices,
            "ItemReader" | "ResultWriter" => Place::ReaderWriter,
            "ItemBatcher" => Place::ItemBatcher,
            _ => Place::Elsewhere,
        },
        (Place::Branches, Step::Index(_)) => Place::Scope,
        (Place::Catch, Step::Index(_)) => Place::Catcher,
        (Place::Choices, Step::Index(_)) => Place::Rule,
        (Place::Catcher | Place::Rule, Step::Key(key)) if key == "Output" || key == "Assign" => {
            Place::Template
        }
        (Place::ReaderWriter, Step::Key(key)) if key == "Parameters" || key == "Arguments" => {
            Place::Template
        }
        (Place::ItemBatcher, Step::Key(key)) if key == "BatchInput" => Place::Template,
        _ => Place::Elsewhere,
    }
}

impl Decoder {
    /// Reports the repeated keys that ASL gives a meaning to: a state defined twice in one
    /// `States`, and a key written twice in a payload template. Elsewhere (two `Next`s, say)
    /// the last one is read without a finding.
    // TODO: report the other repeated keys too once `Code` has a code for them.
    pub(crate) fn repeated_keys(&mut self, root: &Value, repeated: &[Vec<Step>]) {
        for steps in repeated {
            let Some((Step::Key(key), object)) = steps.split_last() else {
                continue;
            };
            let place = object.iter().fold(Place::Scope, step);
            let (code, message) = match place {
                Place::States => (
                    Code::DuplicateStateName,
                    format!("state `{key}` is defined twice here; JSON keeps only the last one"),
                ),
                Place::Template => (
                    Code::DuplicatePayloadKey,
                    format!("key `{key}` is written twice; JSON keeps only the last value"),
                ),
                _ => continue,
            };
            self.report_steps(code, root, steps, message);
        }
    }
}
