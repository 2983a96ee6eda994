//! The blog's machines as CDK synthesizes them (`.ci/cdk/`, committed as fixtures), compared
//! with the macro's output after normalising what legitimately differs.

use serde_json::{Map, Value};

/// Renames every `${Placeholder}` to `${P1}`, `${P2}`, ... in order of first appearance
/// (keys visited in sorted order), so that CDK's logical ids and the macro's names compare.
pub(crate) fn normalise(value: &Value) -> Value {
    let mut names = Vec::new();
    rename(value, &mut names)
}

fn rename(value: &Value, names: &mut Vec<String>) -> Value {
    match value {
        Value::String(text) => Value::String(rename_text(text, names)),
        Value::Array(items) => Value::Array(items.iter().map(|v| rename(v, names)).collect()),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for key in keys {
                out.insert(key.clone(), rename(&map[key], names));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn rename_text(text: &str, names: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 2..start + len];
        let position = match names.iter().position(|known| known == name) {
            Some(position) => position,
            None => {
                names.push(name.to_owned());
                names.len() - 1
            }
        };
        out.push_str(&rest[..start]);
        out.push_str(&format!("${{P{}}}", position + 1));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}
