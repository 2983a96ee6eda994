//! The typed Amazon States Language model: a state machine, its states and their fields.
//!
//! Every field AWS accepts today has a typed home here, for both query languages. The model
//! can hold definitions that the validator rejects (a JSONPath field in a JSONata state, a
//! heartbeat longer than the timeout): reading and checking are separate steps, so that a
//! definition with several mistakes reports all of them.

mod choice;
mod error_name;
mod map;
mod resource;
mod retry;
mod states;
mod template;

pub use choice::{
    ChoiceRule, Comparison, ComparisonOperator, Condition, DataTest, Operand, OperandKind,
};
pub use error_name::{ErrorName, PredefinedError};
pub use map::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemReader, MapState,
    OutputType, Processor, ProcessorConfig, ProcessorMode, ReaderConfig, ResultWriter,
    Transformation, WriterConfig,
};
pub use resource::{IntegrationPattern, Resource, ResourceKind};
pub use retry::{Catcher, JitterStrategy, Retrier};
pub use states::{
    Branch, ChoiceState, FailState, ParallelState, PassState, State, SucceedState, TaskState,
    Transition, WaitDuration, WaitState,
};
pub use template::{Template, TemplateEntry, TemplateValue, escape_pointer};

use indexmap::IndexMap;

use crate::path::{Dynamic, Path};

/// The states of a machine, a Parallel branch or a Map processor, in document order.
pub type States = IndexMap<String, State>;

/// A whole state machine definition.
#[derive(Debug, Clone, PartialEq)]
pub struct StateMachine {
    /// `Comment`.
    pub comment: Option<String>,
    /// `Version` (AWS knows only `"1.0"`).
    pub version: Option<String>,
    /// `QueryLanguage` for every state that does not say otherwise; `None` means JSONPath.
    pub query_language: Option<QueryLanguage>,
    /// `StartAt`.
    pub start_at: String,
    /// `TimeoutSeconds` for the whole execution.
    pub timeout_seconds: Option<u64>,
    /// `States`.
    pub states: States,
}

/// Standard or Express: the validator needs to know, because Express machines cannot wait
/// for callbacks or run `.sync` jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MachineType {
    /// Up to one year, exactly-once state transitions, full history.
    #[default]
    Standard,
    /// Up to five minutes, at-least-once, no callbacks.
    Express,
}

impl MachineType {
    /// `STANDARD` or `EXPRESS`, as the AWS API spells them.
    pub fn as_str(self) -> &'static str {
        match self {
            MachineType::Standard => "STANDARD",
            MachineType::Express => "EXPRESS",
        }
    }
}

/// The language of a state's expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QueryLanguage {
    /// Paths, payload templates (`"key.$"`) and intrinsic functions. The ASL default.
    #[default]
    JsonPath,
    /// `{% ... %}` JSONata expressions, `Arguments` and `Output`.
    Jsonata,
}

impl QueryLanguage {
    /// `JSONPath` or `JSONata`.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

/// A JSONata expression: the text between `{%` and `%}`. Kept as text; stepfn does not
/// evaluate JSONata yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JsonataExpr(pub String);

impl JsonataExpr {
    /// The expression inside `text` if `text` is a `{% ... %}` string.
    pub fn from_template_string(text: &str) -> Option<JsonataExpr> {
        let inner = text.trim().strip_prefix("{%")?.strip_suffix("%}")?;
        Some(JsonataExpr(inner.trim().to_owned()))
    }

    /// The expression written as ASL writes it, `{% expr %}`.
    pub fn to_template_string(&self) -> String {
        format!("{{% {} %}}", self.0)
    }
}

/// A field that may be `null` in ASL with a meaning of its own (`"ResultPath": null` keeps
/// the input, `"InputPath": null` passes `{}`).
#[derive(Debug, Clone, PartialEq)]
pub enum Nullable<T> {
    /// The field is `null`.
    Null,
    /// The field has a value.
    Value(T),
}

/// An integer field that may instead be read from the input (`...Path`) or computed by
/// JSONata (`"{% ... %}"`): `TimeoutSeconds`, `HeartbeatSeconds`, `MaxConcurrency`,
/// `MaxItemsPerBatch` and the like.
#[derive(Debug, Clone, PartialEq)]
pub enum IntSource {
    /// A literal integer (`TimeoutSeconds: 30`).
    Value(u64),
    /// The `...Path` variant (`TimeoutSecondsPath: "$.timeout"`), a reference path.
    Path(Path),
    /// A JSONata expression in the value field (`TimeoutSeconds: "{% $x %}"`).
    Expr(JsonataExpr),
}

/// A number field with the same three forms (`ToleratedFailurePercentage`).
#[derive(Debug, Clone, PartialEq)]
pub enum NumberSource {
    /// A literal number.
    Value(f64),
    /// The `...Path` variant.
    Path(Path),
    /// A JSONata expression.
    Expr(JsonataExpr),
}

/// A string field with a `...Path` variant (`Error`/`ErrorPath`, `Cause`/`CausePath`).
/// In JSONata states the literal may itself be a `{% %}` expression.
#[derive(Debug, Clone, PartialEq)]
pub enum TextSource {
    /// A literal string (or, in JSONata, an expression string).
    Value(String),
    /// The `...Path` variant: a path or an intrinsic call.
    Path(Dynamic),
}

impl StateMachine {
    /// The query language of the top level (JSONPath unless the machine says otherwise).
    pub fn top_query_language(&self) -> QueryLanguage {
        self.query_language.unwrap_or_default()
    }
}
