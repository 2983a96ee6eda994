//! Where a value sits in the document, and the findings collected while reading it.

use serde_json::{Map, Value};

use super::text::Step as OwnedStep;
use crate::codec::fields::{Table, unknown_field_message};
use crate::model::escape_pointer;
use crate::validate::{Code, Finding};

/// A chain of keys and indices from the root to a value. It lives on the stack and becomes a
/// JSON pointer only when a finding is reported, so reading a valid document formats no
/// pointer at all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Location<'a> {
    parent: Option<&'a Location<'a>>,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    /// A field, with its position among its object's fields (for source order).
    Key(&'a str, usize),
    Index(usize),
}

impl<'a> Location<'a> {
    /// The document itself, pointer `""`.
    pub(crate) const ROOT: Location<'static> = Location {
        parent: None,
        step: Step::Root,
    };

    /// The field `name`, the `position`-th of this object.
    pub(crate) fn key(&'a self, name: &'a str, position: usize) -> Location<'a> {
        Location {
            parent: Some(self),
            step: Step::Key(name, position),
        }
    }

    /// The `index`-th item of this array.
    pub(crate) fn index(&'a self, index: usize) -> Location<'a> {
        Location {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The name of the field this location ends in (`""` for an array item or the root).
    pub(crate) fn name(&self) -> &'a str {
        match self.step {
            Step::Key(name, _) => name,
            _ => "",
        }
    }

    /// The RFC 6901 pointer.
    pub(crate) fn pointer(&self) -> String {
        let mut out = match self.parent {
            Some(parent) => parent.pointer(),
            None => String::new(),
        };
        match self.step {
            Step::Root => {}
            Step::Key(name, _) => {
                out.push('/');
                out.push_str(&escape_pointer(name));
            }
            Step::Index(index) => {
                out.push('/');
                out.push_str(&index.to_string());
            }
        }
        out
    }

    /// The positions along the chain: sorting by them puts findings in source order.
    fn order(&self) -> Vec<usize> {
        let mut out = match self.parent {
            Some(parent) => parent.order(),
            None => Vec::new(),
        };
        match self.step {
            Step::Root => {}
            Step::Key(_, position) | Step::Index(position) => out.push(position),
        }
        out
    }
}

/// A field found in an object: where it is and its value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'a, 'v> {
    pub(crate) at: Location<'a>,
    pub(crate) value: &'v Value,
}

/// The fields of a [`Table`] found in one object, with their positions.
#[derive(Debug)]
pub(crate) struct Fields<'v, const N: usize> {
    names: &'static [&'static str; N],
    found: [Option<(usize, &'v Value)>; N],
}

impl<'v, const N: usize> Fields<'v, N> {
    /// The field `name` of `object`, located under `object`'s location.
    pub(crate) fn get<'a>(
        &self,
        object: &'a Location<'a>,
        name: &'static str,
    ) -> Option<Field<'a, 'v>> {
        let slot = self.names.iter().position(|known| *known == name);
        debug_assert!(slot.is_some(), "`{name}` is not in the table");
        let (position, value) = self.found[slot?]?;
        Some(Field {
            at: object.key(name, position),
            value,
        })
    }
}

/// The findings of one read, in the order they were met.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    findings: Vec<(Vec<usize>, Finding)>,
}

impl Decoder {
    /// Reports an error at `at`.
    pub(crate) fn report(&mut self, code: Code, at: &Location<'_>, message: String) {
        self.findings
            .push((at.order(), Finding::error(code, at.pointer(), message)));
    }

    /// Reports an error at the end of `steps`, a path from `root` known only as owned steps.
    pub(crate) fn report_steps(
        &mut self,
        code: Code,
        root: &Value,
        steps: &[OwnedStep],
        message: String,
    ) {
        let mut pointer = String::new();
        let mut order = Vec::with_capacity(steps.len());
        let mut node = Some(root);
        for step in steps {
            pointer.push('/');
            match step {
                OwnedStep::Key(key) => {
                    pointer.push_str(&escape_pointer(key));
                    let object = node.and_then(Value::as_object);
                    let position = object.and_then(|map| map.keys().position(|k| k == key));
                    order.push(position.unwrap_or(usize::MAX));
                    node = object.and_then(|map| map.get(key));
                }
                OwnedStep::Index(index) => {
                    pointer.push_str(&index.to_string());
                    order.push(*index);
                    node = node.and_then(|value| value.get(index));
                }
            }
        }
        self.findings
            .push((order, Finding::error(code, pointer, message)));
    }

    /// `` `X` must be <what> `` as an `invalid-type` finding.
    pub(crate) fn wrong_type(&mut self, at: &Location<'_>, what: &str) {
        let message = match (at.step, at.parent) {
            (Step::Key(name, _), _) => format!("`{name}` must be {what}"),
            (Step::Index(index), Some(parent)) if !parent.name().is_empty() => {
                format!("item {index} of `{}` must be {what}", parent.name())
            }
            _ => format!("must be {what}"),
        };
        self.report(Code::InvalidType, at, message);
    }

    /// The object at `at`, or an `invalid-type` finding.
    pub(crate) fn object<'v>(
        &mut self,
        at: &Location<'_>,
        value: &'v Value,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            _ => {
                self.wrong_type(at, "an object");
                None
            }
        }
    }

    /// Sorts the fields of `object` into `table`'s slots, reporting every other field.
    pub(crate) fn pick<'v, const N: usize>(
        &mut self,
        at: &Location<'_>,
        object: &'v Map<String, Value>,
        table: &'static Table<N>,
    ) -> Fields<'v, N> {
        let mut found = [None; N];
        for (position, (key, value)) in object.iter().enumerate() {
            match table.names.iter().position(|known| known == key) {
                Some(slot) => found[slot] = Some((position, value)),
                None => self.stray_field(&at.key(key, position), table),
            }
        }
        Fields {
            names: &table.names,
            found,
        }
    }

    fn stray_field<const N: usize>(&mut self, at: &Location<'_>, table: &Table<N>) {
        let name = at.name();
        match table.foreign.iter().find(|(foreign, _)| *foreign == name) {
            Some((_, code)) => {
                let message = format!("`{name}` is not allowed in {}", table.what);
                self.report(*code, at, message);
            }
            None => {
                let message = unknown_field_message(name, table.names.iter().copied());
                self.report(Code::UnknownField, at, message);
            }
        }
    }

    /// The findings in source order; findings at one place keep the order they were met in.
    pub(crate) fn finish(mut self) -> Vec<Finding> {
        self.findings.sort_by(|a, b| a.0.cmp(&b.0));
        self.findings
            .into_iter()
            .map(|(_, finding)| finding)
            .collect()
    }
}
