//! Payload templates, reporting every bad `.$` value rather than the first.

use serde_json::Value;

use super::location::{Decoder, Field, Location};
use crate::model::{Template, TemplateEntry, TemplateValue};
use crate::path::{Dynamic, Path};

impl Decoder {
    /// A template field (`Parameters`, `Arguments`, `Output`, `ItemSelector`, ...). `.$` keys
    /// are read as dynamic values whatever the state's query language: the validator flags
    /// them in JSONata states.
    pub(crate) fn template(&mut self, field: Option<Field<'_, '_>>) -> Option<Template> {
        let field = field?;
        Some(self.template_value(&field.at, field.value))
    }

    /// `Assign`: a template that must be an object of variable names.
    pub(crate) fn assign(&mut self, field: Option<Field<'_, '_>>) -> Option<Template> {
        let field = field?;
        match field.value {
            Value::Object(_) => Some(self.template_value(&field.at, field.value)),
            _ => {
                self.wrong_type(&field.at, "an object of variable names");
                None
            }
        }
    }

    fn template_value(&mut self, at: &Location<'_>, value: &Value) -> Template {
        match value {
            Value::Null => Template::Null,
            Value::Bool(flag) => Template::Bool(*flag),
            Value::Number(number) => Template::Number(number.clone()),
            Value::String(text) => Template::String(text.clone()),
            Value::Array(items) => Template::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.template_value(&at.index(index), item))
                    .collect(),
            ),
            Value::Object(map) => {
                let mut entries = Vec::with_capacity(map.len());
                for (position, (key, item)) in map.iter().enumerate() {
                    let field = Field {
                        at: at.key(key, position),
                        value: item,
                    };
                    entries.push(self.template_entry(&field, key));
                }
                Template::Object(entries)
            }
        }
    }

    fn template_entry(&mut self, field: &Field<'_, '_>, key: &str) -> TemplateEntry {
        let Some(stripped) = key.strip_suffix(".$") else {
            return TemplateEntry {
                key: key.to_owned(),
                value: TemplateValue::Static(self.template_value(&field.at, field.value)),
            };
        };
        // A broken dynamic value stays as `$` so the key still counts for the validator's
        // duplicate-key check without reporting anything of its own.
        let dynamic = match field.value {
            Value::String(text) => Dynamic::parse(text)
                .map_err(|error| self.path_error(field, error))
                .ok(),
            _ => {
                self.wrong_type(
                    &field.at,
                    "a string holding a path or an intrinsic function call",
                );
                None
            }
        };
        TemplateEntry {
            key: stripped.to_owned(),
            value: TemplateValue::Dynamic(dynamic.unwrap_or_else(|| Dynamic::Path(Path::input()))),
        }
    }
}
