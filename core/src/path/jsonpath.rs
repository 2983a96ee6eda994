//! JSONPath as ASL uses it (Jayway dialect), with the `$$` context root and `$name` variables.

use std::fmt::{self, Write as _};

use super::PathError;

mod parse;

pub(super) use parse::Mode;

/// Where a path starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathRoot {
    /// `$`: the state's effective input.
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable (set by `Assign`).
    Variable(String),
}

/// One step of a path after its root.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// `.name` or `['name']`.
    Field(String),
    /// `[3]`, or `[-1]` counting from the end.
    Index(i64),
    /// `.*` or `[*]`.
    Wildcard,
    /// `..name`, `..*` or `..[0]`: the inner segment applied at every depth.
    Descendant(Box<Segment>),
    /// `[start:end]`, either part optional but not both.
    Slice {
        /// First index, inclusive.
        start: Option<i64>,
        /// Last index, exclusive.
        end: Option<i64>,
        /// Step; `None` means 1. [`Path::parse`] always leaves it `None`: AWS's JSONPath
        /// (Jayway) ignores a step or rejects the slice, so a written step is an error.
        step: Option<i64>,
    },
    /// `['a','b']` or `[0,2]`: two or more members.
    Union(Vec<UnionMember>),
    /// `[?(@.price < 10)]`, kept as the text between `[?(` and `)]`.
    Filter(String),
    /// A Jayway function ending the path, such as `.length()` or `.concat("x")`. AWS accepts
    /// them outside reference paths; the arguments are kept as written between the parentheses.
    Function {
        /// `length`, `size`, `min`, `max`, `avg`, `stddev`, `sum`, `keys`, `concat`,
        /// `append`, `first`, `last`, `distinct` or `index`.
        name: String,
        /// The text between the parentheses, usually empty.
        args: String,
    },
}

/// One member of a union segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionMember {
    /// A quoted field name.
    Field(String),
    /// An index.
    Index(i64),
}

/// A parsed path: a root and the segments after it.
///
/// `Display` writes the canonical text, which parses back to an equal path for every path
/// that [`Path::parse`] returns (and for every path built with the constructors below from a
/// valid variable name and segments that `parse` could return).
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    root: PathRoot,
    segments: Vec<Segment>,
}

impl Path {
    /// Parses any path: `$`, `$.a[0].b`, `$$.Execution.Id`, `$var.x`, with wildcards,
    /// filters, slices, unions and a trailing Jayway function.
    pub fn parse(text: &str) -> Result<Path, PathError> {
        read(text, 0, Mode::Whole)
            .map(|(path, _)| path)
            .map_err(|reason| PathError::Syntax {
                text: text.to_owned(),
                reason,
            })
    }

    /// Parses a reference path: one that selects a single node (no wildcard, filter, slice,
    /// union or recursive descent).
    pub fn parse_reference(text: &str) -> Result<Path, PathError> {
        let path = Path::parse(text)?;
        if path.is_reference() {
            Ok(path)
        } else {
            Err(PathError::NotReference {
                text: text.to_owned(),
            })
        }
    }

    /// A path from its parts, for code that builds paths rather than parsing them.
    pub fn new(root: PathRoot, segments: Vec<Segment>) -> Path {
        Path { root, segments }
    }

    /// `$`.
    pub fn input() -> Path {
        Path::new(PathRoot::Input, Vec::new())
    }

    /// `$$`.
    pub fn context() -> Path {
        Path::new(PathRoot::Context, Vec::new())
    }

    /// `$name`.
    pub fn variable(name: impl Into<String>) -> Path {
        Path::new(PathRoot::Variable(name.into()), Vec::new())
    }

    /// This path followed by `.name`.
    pub fn field(self, name: impl Into<String>) -> Path {
        self.segment(Segment::Field(name.into()))
    }

    /// This path followed by `[index]`.
    pub fn index(self, index: i64) -> Path {
        self.segment(Segment::Index(index))
    }

    /// This path followed by any segment.
    pub fn segment(mut self, segment: Segment) -> Path {
        self.segments.push(segment);
        self
    }

    /// `$$.Task.Token`.
    pub fn task_token() -> Path {
        Path::context().field("Task").field("Token")
    }

    /// Where the path starts.
    pub fn root(&self) -> &PathRoot {
        &self.root
    }

    /// The segments after the root.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether the path is a reference path: only `.field`, `['field']` and `[index]`
    /// segments, so it selects at most one node.
    pub fn is_reference(&self) -> bool {
        self.segments
            .iter()
            .all(|segment| matches!(segment, Segment::Field(_) | Segment::Index(_)))
    }

    /// Whether this is exactly `$$.Task.Token`.
    pub fn is_task_token(&self) -> bool {
        self.root == PathRoot::Context
            && matches!(
                self.segments.as_slice(),
                [Segment::Field(task), Segment::Field(token)] if task == "Task" && token == "Token"
            )
    }
}

/// Reads a path starting at byte `start` of `text` and returns it with the offset just
/// after it; the error is a reason in a few words, with byte offsets into `text`.
pub(super) fn read(text: &str, start: usize, mode: Mode) -> Result<(Path, usize), String> {
    parse::read(text, start, mode)
}

/// Whether `name` can be written after a dot in every context, intrinsic arguments
/// included: an ASCII identifier.
pub(super) fn is_plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Writes `name` in single quotes, escaping `'` and `\`.
pub(super) fn write_quoted(out: &mut impl fmt::Write, name: &str) -> fmt::Result {
    out.write_char('\'')?;
    for c in name.chars() {
        if c == '\'' || c == '\\' {
            out.write_char('\\')?;
        }
        out.write_char(c)?;
    }
    out.write_char('\'')
}

fn write_segment(f: &mut fmt::Formatter<'_>, segment: &Segment) -> fmt::Result {
    match segment {
        Segment::Field(name) if is_plain_name(name) => write!(f, ".{name}"),
        Segment::Field(name) => {
            f.write_char('[')?;
            write_quoted(f, name)?;
            f.write_char(']')
        }
        Segment::Index(index) => write!(f, "[{index}]"),
        Segment::Wildcard => f.write_str("[*]"),
        Segment::Descendant(inner) => match inner.as_ref() {
            Segment::Field(name) if is_plain_name(name) => write!(f, "..{name}"),
            other => {
                f.write_str("..")?;
                write_segment(f, other)
            }
        },
        Segment::Slice { start, end, step } => write_slice(f, *start, *end, *step),
        Segment::Union(members) => write_union(f, members),
        Segment::Filter(text) => write!(f, "[?({text})]"),
        Segment::Function { name, args } => write!(f, ".{name}({args})"),
    }
}

fn write_slice(
    f: &mut fmt::Formatter<'_>,
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
) -> fmt::Result {
    f.write_char('[')?;
    if let Some(start) = start {
        write!(f, "{start}")?;
    }
    f.write_char(':')?;
    if let Some(end) = end {
        write!(f, "{end}")?;
    }
    if let Some(step) = step {
        write!(f, ":{step}")?;
    }
    f.write_char(']')
}

fn write_union(f: &mut fmt::Formatter<'_>, members: &[UnionMember]) -> fmt::Result {
    f.write_char('[')?;
    for (position, member) in members.iter().enumerate() {
        if position > 0 {
            f.write_char(',')?;
        }
        match member {
            UnionMember::Field(name) => write_quoted(f, name)?,
            UnionMember::Index(index) => write!(f, "{index}")?,
        }
    }
    f.write_char(']')
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.root {
            PathRoot::Input => f.write_char('$')?,
            PathRoot::Context => f.write_str("$$")?,
            PathRoot::Variable(name) => write!(f, "${name}")?,
        }
        for segment in &self.segments {
            write_segment(f, segment)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::is_plain_name;

    #[test]
    fn plain_names_are_ascii_identifiers() {
        for name in ["a", "_", "a_1", "Execution"] {
            assert!(is_plain_name(name), "{name}");
        }
        for name in ["", "1a", "a-b", "a b", "é", "a.b", "a'"] {
            assert!(!is_plain_name(name), "{name}");
        }
    }
}
