//! Payload templates: JSON whose `"key.$"` fields take their values from paths or
//! intrinsic calls (JSONPath), or whose strings are `{% %}` expressions (JSONata).

use serde_json::{Map, Number, Value};

use super::JsonataExpr;
use crate::path::{Dynamic, Path, PathError};

/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Arguments`,
/// `Output`, `Assign`, `Credentials`).
#[derive(Debug, Clone, PartialEq)]
pub enum Template {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string (in JSONata states, possibly a `{% %}` expression).
    String(String),
    /// An array.
    Array(Vec<Template>),
    /// An object, its entries in document order.
    Object(Vec<TemplateEntry>),
}

/// One field of a template object.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateEntry {
    /// The key, without the `.$` suffix of a dynamic field.
    pub key: String,
    /// The value.
    pub value: TemplateValue,
}

/// The value of a template field.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateValue {
    /// `"key": <template>`.
    Static(Template),
    /// `"key.$": "<path or intrinsic>"`.
    Dynamic(Dynamic),
}

impl TemplateEntry {
    /// The key as written in ASL (`key.$` for dynamic fields).
    pub fn written_key(&self) -> String {
        match self.value {
            TemplateValue::Static(_) => self.key.clone(),
            TemplateValue::Dynamic(_) => format!("{}.$", self.key),
        }
    }
}

impl Template {
    /// Reads a template from JSON. On a bad `.$` value returns the JSON pointer (relative
    /// to `value`) of the failing field with the parse error.
    pub fn from_value(value: &Value) -> Result<Template, (String, PathError)> {
        Ok(match value {
            Value::Null => Template::Null,
            Value::Bool(b) => Template::Bool(*b),
            Value::Number(n) => Template::Number(n.clone()),
            Value::String(s) => Template::String(s.clone()),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    out.push(
                        Template::from_value(item).map_err(|(p, e)| (format!("/{index}{p}"), e))?,
                    );
                }
                Template::Array(out)
            }
            Value::Object(map) => {
                let mut out = Vec::with_capacity(map.len());
                for (key, item) in map {
                    let pointer = |p: &str| format!("/{}{p}", escape_pointer(key));
                    let entry = match (key.strip_suffix(".$"), item) {
                        (Some(stripped), Value::String(text)) => TemplateEntry {
                            key: stripped.to_owned(),
                            value: TemplateValue::Dynamic(
                                Dynamic::parse(text).map_err(|e| (pointer(""), e))?,
                            ),
                        },
                        _ => TemplateEntry {
                            key: key.clone(),
                            value: TemplateValue::Static(
                                Template::from_value(item).map_err(|(p, e)| (pointer(&p), e))?,
                            ),
                        },
                    };
                    out.push(entry);
                }
                Template::Object(out)
            }
        })
    }

    /// Writes the template back as JSON.
    pub fn to_value(&self) -> Value {
        match self {
            Template::Null => Value::Null,
            Template::Bool(b) => Value::Bool(*b),
            Template::Number(n) => Value::Number(n.clone()),
            Template::String(s) => Value::String(s.clone()),
            Template::Array(items) => Value::Array(items.iter().map(Template::to_value).collect()),
            Template::Object(entries) => {
                let mut map = Map::with_capacity(entries.len());
                for entry in entries {
                    let value = match &entry.value {
                        TemplateValue::Static(t) => t.to_value(),
                        TemplateValue::Dynamic(d) => Value::String(d.to_string()),
                    };
                    map.insert(entry.written_key(), value);
                }
                Value::Object(map)
            }
        }
    }

    /// An empty object template, to add fields to.
    pub fn object() -> Template {
        Template::Object(Vec::new())
    }

    /// Adds `"key": value` (for objects; other templates are returned unchanged).
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Template>) -> Template {
        if let Template::Object(entries) = &mut self {
            entries.push(TemplateEntry {
                key: key.into(),
                value: TemplateValue::Static(value.into()),
            });
        }
        self
    }

    /// Adds `"key.$": path` (for objects).
    pub fn with_path(mut self, key: impl Into<String>, path: Path) -> Template {
        if let Template::Object(entries) = &mut self {
            entries.push(TemplateEntry {
                key: key.into(),
                value: TemplateValue::Dynamic(Dynamic::Path(path)),
            });
        }
        self
    }

    /// Adds `"key.$": <path or intrinsic>` (for objects).
    pub fn with_dynamic(mut self, key: impl Into<String>, value: Dynamic) -> Template {
        if let Template::Object(entries) = &mut self {
            entries.push(TemplateEntry {
                key: key.into(),
                value: TemplateValue::Dynamic(value),
            });
        }
        self
    }

    /// Calls `visit` with every dynamic value and its pointer relative to the template.
    pub fn for_each_dynamic<'a>(&'a self, visit: &mut dyn FnMut(String, &'a Dynamic)) {
        self.walk(String::new(), &mut |pointer, node| {
            if let Node::Dynamic(d) = node {
                visit(pointer, d)
            }
        });
    }

    /// Calls `visit` with every JSONata expression string and its pointer.
    pub fn for_each_jsonata(&self, visit: &mut dyn FnMut(String, JsonataExpr)) {
        self.walk(String::new(), &mut |pointer, node| {
            if let Node::Template(Template::String(s)) = node
                && let Some(expr) = JsonataExpr::from_template_string(s)
            {
                visit(pointer, expr)
            }
        });
    }

    /// Whether any dynamic value or JSONata expression reads the task token
    /// (`$$.Task.Token` or `$states.context.Task.Token`).
    pub fn carries_task_token(&self) -> bool {
        match self {
            Template::String(text) => JsonataExpr::from_template_string(text)
                .is_some_and(|expr| expr.0.contains("$states.context.Task.Token")),
            Template::Array(items) => items.iter().any(Template::carries_task_token),
            Template::Object(entries) => entries.iter().any(|entry| match &entry.value {
                TemplateValue::Static(inner) => inner.carries_task_token(),
                TemplateValue::Dynamic(dynamic) => {
                    dynamic.paths().iter().any(|path| path.is_task_token())
                }
            }),
            Template::Null | Template::Bool(_) | Template::Number(_) => false,
        }
    }

    fn walk<'a>(&'a self, pointer: String, visit: &mut dyn FnMut(String, Node<'a>)) {
        visit(pointer.clone(), Node::Template(self));
        match self {
            Template::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    item.walk(format!("{pointer}/{index}"), visit);
                }
            }
            Template::Object(entries) => {
                for entry in entries {
                    let child = format!("{pointer}/{}", escape_pointer(&entry.written_key()));
                    match &entry.value {
                        TemplateValue::Static(t) => t.walk(child, visit),
                        TemplateValue::Dynamic(d) => visit(child, Node::Dynamic(d)),
                    }
                }
            }
            _ => {}
        }
    }
}

enum Node<'a> {
    Template(&'a Template),
    Dynamic(&'a Dynamic),
}

/// Escapes a key for use in a JSON pointer (RFC 6901: `~` as `~0`, `/` as `~1`).
pub fn escape_pointer(key: &str) -> String {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1")
    } else {
        key.to_owned()
    }
}

impl From<&str> for Template {
    fn from(s: &str) -> Self {
        Template::String(s.to_owned())
    }
}

impl From<String> for Template {
    fn from(s: String) -> Self {
        Template::String(s)
    }
}

impl From<bool> for Template {
    fn from(b: bool) -> Self {
        Template::Bool(b)
    }
}

impl From<i64> for Template {
    fn from(n: i64) -> Self {
        Template::Number(n.into())
    }
}
