//! Evaluating core's typed paths over JSON, in the Jayway dialect AWS uses: a definite path
//! selects one node or fails, an indefinite one (wildcard, slice, union, filter, descent)
//! selects a list.

use serde_json::{Map, Value};
use stepfn_core::path::{Path, PathRoot, Segment, UnionMember};

use crate::filter;

/// What a path reads: the effective input, the context object and the visible variables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Data<'a> {
    pub(crate) input: &'a Value,
    pub(crate) context: &'a Value,
    pub(crate) vars: &'a Map<String, Value>,
}

/// Why a path selected nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathFailure {
    /// A definite path has no node; the text is AWS's `No results for path: $['a']`.
    NoResults(String),
    /// A property before the last step of a definite path is missing: AWS's (Jayway's)
    /// `Missing property in path $['a']`, naming the path up to that property.
    MissingProperty(String),
    /// `$name` is not a variable in scope.
    UnknownVariable(String),
}

impl PathFailure {
    pub(crate) fn message(&self) -> String {
        match self {
            PathFailure::NoResults(normal) => format!("No results for path: {normal}"),
            PathFailure::MissingProperty(normal) => format!("Missing property in path {normal}"),
            PathFailure::UnknownVariable(name) => format!("Undefined variable ${name}"),
        }
    }
}

/// Whether a path selects at most one node (Jayway's "definite" path).
pub(crate) fn is_definite(path: &Path) -> bool {
    path.segments()
        .iter()
        .all(|s| matches!(s, Segment::Field(_) | Segment::Index(_)))
}

/// The value of `path`: its node for a definite path, the array of matches otherwise.
pub(crate) fn select(path: &Path, data: Data<'_>) -> Result<Value, PathFailure> {
    let root = match path.root() {
        PathRoot::Input => data.input,
        PathRoot::Context => data.context,
        PathRoot::Variable(name) => data
            .vars
            .get(name)
            .ok_or_else(|| PathFailure::UnknownVariable(name.clone()))?,
    };
    if let Some((Segment::Function { name, args }, prefix)) = path.segments().split_last() {
        let inner = Path::new(path.root().clone(), prefix.to_vec());
        let value = select(&inner, data)?;
        return apply_function(name, args, value).ok_or_else(|| no_results(path));
    }
    if is_definite(path) {
        let segments = path.segments();
        let mut node = root;
        for (at, segment) in segments.iter().enumerate() {
            node = match step_definite(node, segment) {
                Some(next) => next,
                None if at + 1 < segments.len()
                    && matches!(segment, Segment::Field(_))
                    && node.is_object() =>
                {
                    let prefix = Path::new(path.root().clone(), segments[..=at].to_vec());
                    return Err(PathFailure::MissingProperty(normalized(&prefix)));
                }
                None => return Err(no_results(path)),
            };
        }
        return Ok(node.clone());
    }
    let mut nodes = vec![root];
    for segment in path.segments() {
        let mut next = Vec::new();
        for node in nodes {
            apply(node, segment, &mut next);
        }
        nodes = next;
    }
    Ok(Value::Array(nodes.into_iter().cloned().collect()))
}

fn no_results(path: &Path) -> PathFailure {
    PathFailure::NoResults(normalized(path))
}

fn step_definite<'v>(node: &'v Value, segment: &Segment) -> Option<&'v Value> {
    match (segment, node) {
        (Segment::Field(name), Value::Object(map)) => map.get(name),
        (Segment::Index(index), Value::Array(items)) => items.get(resolve_index(*index, items)?),
        _ => None,
    }
}

fn resolve_index(index: i64, items: &[Value]) -> Option<usize> {
    let len = items.len() as i64;
    let index = if index < 0 { len + index } else { index };
    (0..len).contains(&index).then_some(index as usize)
}

fn children(node: &Value) -> Vec<&Value> {
    match node {
        Value::Object(map) => map.values().collect(),
        Value::Array(items) => items.iter().collect(),
        _ => Vec::new(),
    }
}

fn apply<'v>(node: &'v Value, segment: &Segment, out: &mut Vec<&'v Value>) {
    match segment {
        Segment::Field(_) | Segment::Index(_) => out.extend(step_definite(node, segment)),
        Segment::Wildcard => out.extend(children(node)),
        Segment::Descendant(inner) => descend(node, inner, out),
        Segment::Slice { start, end, step } => {
            if let Value::Array(items) = node {
                slice(items, *start, *end, step.unwrap_or(1), out);
            }
        }
        Segment::Union(members) => {
            for member in members {
                let segment = match member {
                    UnionMember::Field(name) => Segment::Field(name.clone()),
                    UnionMember::Index(index) => Segment::Index(*index),
                };
                out.extend(step_definite(node, &segment));
            }
        }
        Segment::Function { .. } => {}
        Segment::Filter(text) => {
            for child in children(node) {
                if filter::holds(text, child) {
                    out.push(child);
                }
            }
        }
    }
}

fn descend<'v>(node: &'v Value, inner: &Segment, out: &mut Vec<&'v Value>) {
    apply(node, inner, out);
    for child in children(node) {
        descend(child, inner, out);
    }
}

fn slice<'v>(
    items: &'v [Value],
    start: Option<i64>,
    end: Option<i64>,
    step: i64,
    out: &mut Vec<&'v Value>,
) {
    let len = items.len() as i64;
    let clamp = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
    if step <= 0 {
        return;
    }
    let (from, to) = (clamp(start.unwrap_or(0)), clamp(end.unwrap_or(len)));
    let mut index = from;
    while index < to {
        out.push(&items[index as usize]);
        index += step;
    }
}

/// A Jayway function (`.length()`, `.sum()`, ...) applied to what the path before it
/// selected.
fn apply_function(name: &str, args: &str, value: Value) -> Option<Value> {
    let numbers = || -> Option<Vec<f64>> { value.as_array()?.iter().map(Value::as_f64).collect() };
    let number = |n: f64| serde_json::Number::from_f64(n).map(Value::Number);
    match name {
        "length" | "size" => match &value {
            Value::Array(items) => Some(Value::from(items.len())),
            Value::Object(map) => Some(Value::from(map.len())),
            Value::String(s) => Some(Value::from(s.chars().count())),
            _ => None,
        },
        "min" => number(numbers()?.into_iter().reduce(f64::min)?),
        "max" => number(numbers()?.into_iter().reduce(f64::max)?),
        "sum" => number(numbers()?.iter().sum()),
        "avg" => {
            let all = numbers()?;
            number(all.iter().sum::<f64>() / all.len().max(1) as f64)
        }
        "stddev" => {
            let all = numbers()?;
            let mean = all.iter().sum::<f64>() / all.len().max(1) as f64;
            let variance =
                all.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / all.len().max(1) as f64;
            number(variance.sqrt())
        }
        "keys" => Some(Value::Array(
            value
                .as_object()?
                .keys()
                .map(|k| Value::String(k.clone()))
                .collect(),
        )),
        "first" => value.as_array()?.first().cloned(),
        "last" => value.as_array()?.last().cloned(),
        "index" => {
            let items = value.as_array()?;
            let index: i64 = args.trim().parse().ok()?;
            items.get(resolve_index(index, items)?).cloned()
        }
        "distinct" => {
            let mut unique: Vec<Value> = Vec::new();
            for item in value.as_array()? {
                if !unique.contains(item) {
                    unique.push(item.clone());
                }
            }
            Some(Value::Array(unique))
        }
        _ => None,
    }
}

/// Puts `value` at the reference path `path` inside `target` (ResultPath). `$` replaces
/// the whole target; missing objects on the way are created.
pub(crate) fn set(target: Value, path: &Path, value: Value) -> Result<Value, String> {
    let segments = path.segments();
    if segments.is_empty() {
        return Ok(value);
    }
    let mut root = target;
    let mut node = &mut root;
    for (position, segment) in segments.iter().enumerate() {
        let last = position + 1 == segments.len();
        node = match (segment, node) {
            (Segment::Field(name), Value::Object(map)) => {
                if last {
                    map.insert(name.clone(), value);
                    return Ok(root);
                }
                map.entry(name.clone())
                    .or_insert_with(|| Value::Object(Map::new()))
            }
            (Segment::Index(index), Value::Array(items)) => {
                let at = resolve_index(*index, items).ok_or_else(|| display(path))?;
                if last {
                    items[at] = value;
                    return Ok(root);
                }
                &mut items[at]
            }
            _ => return Err(display(path)),
        };
    }
    Ok(root)
}

/// The path as written, `$.a.b[0]`.
pub(crate) fn display(path: &Path) -> String {
    let mut out = match path.root() {
        PathRoot::Input => "$".to_owned(),
        PathRoot::Context => "$$".to_owned(),
        PathRoot::Variable(name) => format!("${name}"),
    };
    for segment in path.segments() {
        write_segment(&mut out, segment, false);
    }
    out
}

/// Jayway's normalized form, `$['a']['b'][0]`, as AWS quotes it in error causes.
pub(crate) fn normalized(path: &Path) -> String {
    let mut out = match path.root() {
        PathRoot::Input => "$".to_owned(),
        PathRoot::Context => "$$".to_owned(),
        PathRoot::Variable(name) => format!("${name}"),
    };
    for segment in path.segments() {
        write_segment(&mut out, segment, true);
    }
    out
}

fn write_segment(out: &mut String, segment: &Segment, bracketed: bool) {
    match segment {
        Segment::Field(name) if bracketed || !is_plain(name) => {
            out.push_str(&format!("['{name}']"))
        }
        Segment::Field(name) => out.push_str(&format!(".{name}")),
        Segment::Index(index) => out.push_str(&format!("[{index}]")),
        Segment::Wildcard => out.push_str("[*]"),
        Segment::Descendant(inner) => {
            out.push_str("..");
            let mut rest = String::new();
            write_segment(&mut rest, inner, bracketed);
            out.push_str(rest.trim_start_matches('.'));
        }
        Segment::Slice { start, end, step } => {
            let part = |v: &Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
            let step = step.map(|s| format!(":{s}")).unwrap_or_default();
            out.push_str(&format!("[{}:{}{step}]", part(start), part(end)));
        }
        Segment::Union(members) => {
            let parts: Vec<String> = members
                .iter()
                .map(|m| match m {
                    UnionMember::Field(name) => format!("'{name}'"),
                    UnionMember::Index(index) => index.to_string(),
                })
                .collect();
            out.push_str(&format!("[{}]", parts.join(",")));
        }
        Segment::Filter(text) => out.push_str(&format!("[?({text})]")),
        Segment::Function { name, args } => out.push_str(&format!(".{name}({args})")),
    }
}

fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}
