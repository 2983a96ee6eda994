//! JSONPath filter expressions (`[?(@.price < 10 && @.tag == 'x')]`), the subset ASL
//! definitions use: `@`-relative field paths, literals, comparisons, `&&`, `||`, `!`.

use serde_json::Value;

/// Whether the filter `text` holds for `node`. An expression that cannot be read holds for
/// nothing, as Jayway selects nothing for it.
pub(crate) fn holds(text: &str, node: &Value) -> bool {
    eval_or(text.trim(), node).unwrap_or(false)
}

fn eval_or(text: &str, node: &Value) -> Option<bool> {
    let parts = split_top(text, "||");
    let mut any = false;
    for part in parts {
        any |= eval_and(part.trim(), node)?;
    }
    Some(any)
}

fn eval_and(text: &str, node: &Value) -> Option<bool> {
    let mut all = true;
    for part in split_top(text, "&&") {
        all &= eval_atom(part.trim(), node)?;
    }
    Some(all)
}

fn eval_atom(text: &str, node: &Value) -> Option<bool> {
    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return eval_or(inner.trim(), node);
    }
    if let Some(inner) = text.strip_prefix('!') {
        return eval_atom(inner.trim(), node).map(|b| !b);
    }
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
        if let Some(at) = find_top(text, op) {
            let left = operand(text[..at].trim(), node);
            let right = operand(text[at + op.len()..].trim(), node);
            return Some(compare(left.as_ref(), op, right.as_ref()));
        }
    }
    Some(operand(text, node).is_some_and(|v| v != Value::Bool(false)))
}

fn compare(left: Option<&Value>, op: &str, right: Option<&Value>) -> bool {
    let (Some(left), Some(right)) = (left, right) else {
        return op == "!=" && left.is_some() != right.is_some();
    };
    match op {
        "==" => equal(left, right),
        "!=" => !equal(left, right),
        _ => {
            let ordering = match (left, right) {
                (Value::Number(a), Value::Number(b)) => a
                    .as_f64()
                    .zip(b.as_f64())
                    .and_then(|(a, b)| a.partial_cmp(&b)),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                _ => None,
            };
            let Some(ordering) = ordering else {
                return false;
            };
            match op {
                "<" => ordering.is_lt(),
                "<=" => ordering.is_le(),
                ">" => ordering.is_gt(),
                _ => ordering.is_ge(),
            }
        }
    }
}

fn equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => left == right,
    }
}

fn operand(text: &str, node: &Value) -> Option<Value> {
    if let Some(rest) = text.strip_prefix('@') {
        return relative(rest, node).cloned();
    }
    if let Some(inner) = quoted(text) {
        return Some(Value::String(inner.to_owned()));
    }
    serde_json::from_str(text).ok()
}

fn quoted(text: &str) -> Option<&str> {
    text.strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .or_else(|| text.strip_prefix('"').and_then(|t| t.strip_suffix('"')))
}

fn relative<'v>(mut rest: &str, mut node: &'v Value) -> Option<&'v Value> {
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            node = node.as_object()?.get(&after[..end])?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inside = after[..end].trim();
            node = match quoted(inside) {
                Some(name) => node.as_object()?.get(name)?,
                None => {
                    let index: i64 = inside.parse().ok()?;
                    let items = node.as_array()?;
                    let index = if index < 0 {
                        items.len() as i64 + index
                    } else {
                        index
                    };
                    items.get(usize::try_from(index).ok()?)?
                }
            };
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(node)
}

/// Splits at `sep` outside quotes and parentheses.
fn split_top<'t>(text: &'t str, sep: &str) -> Vec<&'t str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = find_top(rest, sep) {
        parts.push(&rest[..at]);
        rest = &rest[at + sep.len()..];
    }
    parts.push(rest);
    parts
}

fn find_top(text: &str, needle: &str) -> Option<usize> {
    let (mut depth, mut quote) = (0i32, None::<char>);
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, _) if depth == 0 && text[at..].starts_with(needle) => {
                // `<` must not match the start of `<=`, nor `=` inside `==`/`!=`.
                let after = text[at + needle.len()..].chars().next();
                if needle.len() == 1 && after == Some('=') {
                    continue;
                }
                return Some(at);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::holds;
    use serde_json::json;

    #[test]
    fn filters_compare_fields_with_literals() {
        let book = json!({"price": 8.95, "category": "fiction", "isbn": "x"});
        let cases = [
            ("@.price < 10", true),
            ("@.price >= 10", false),
            ("@.category == 'fiction'", true),
            ("@.category != 'fiction'", false),
            ("@.isbn", true),
            ("@.missing", false),
            ("@.price < 10 && @.category == 'reference'", false),
            ("@.price < 1 || @.category == 'fiction'", true),
        ];
        for (text, expected) in cases {
            assert_eq!(holds(text, &book), expected, "{text}");
        }
    }
}
