//! JSONPath as ASL uses it (Jayway dialect), with the `$$` context root and `$name` variables.

use std::fmt;

use super::PathError;

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
    /// `[start:end:step]`, each part optional.
    Slice {
        /// First index, inclusive.
        start: Option<i64>,
        /// Last index, exclusive.
        end: Option<i64>,
        /// Step; `None` means 1.
        step: Option<i64>,
    },
    /// `['a','b']` or `[0,2]`.
    Union(Vec<UnionMember>),
    /// `[?(@.price < 10)]`, kept as the text between `[?(` and `)]`.
    Filter(String),
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
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    root: PathRoot,
    segments: Vec<Segment>,
}

impl Path {
    /// Parses any path: `$`, `$.a[0].b`, `$$.Execution.Id`, `$var.x`, with wildcards,
    /// filters, slices and unions.
    pub fn parse(text: &str) -> Result<Path, PathError> {
        let _ = text;
        todo!("path parser")
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

    /// `$`.
    pub fn input() -> Path {
        Path {
            root: PathRoot::Input,
            segments: Vec::new(),
        }
    }

    /// `$$`.
    pub fn context() -> Path {
        Path {
            root: PathRoot::Context,
            segments: Vec::new(),
        }
    }

    /// `$name`.
    pub fn variable(name: impl Into<String>) -> Path {
        Path {
            root: PathRoot::Variable(name.into()),
            segments: Vec::new(),
        }
    }

    /// This path followed by `.name`.
    pub fn field(mut self, name: impl Into<String>) -> Path {
        self.segments.push(Segment::Field(name.into()));
        self
    }

    /// This path followed by `[index]`.
    pub fn index(mut self, index: i64) -> Path {
        self.segments.push(Segment::Index(index));
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

    /// Whether the path can select at most one node.
    pub fn is_reference(&self) -> bool {
        self.segments
            .iter()
            .all(|segment| matches!(segment, Segment::Field(_) | Segment::Index(_)))
    }

    /// Whether this is exactly `$$.Task.Token`.
    pub fn is_task_token(&self) -> bool {
        *self == Path::task_token()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!("path rendering")
    }
}
