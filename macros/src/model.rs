// The typed model of a workflow declaration. Every value keeps the tokens it came from, so
// that checks and expansion can span errors and generated code on the user's own tokens.

use proc_macro2::Span;
use syn::{Ident, LitBool, LitFloat, LitInt, LitStr, Type, Visibility};

use crate::rename::Rename;

/// A whole `#[workflow] mod ... { ... }`.
pub(crate) struct Workflow {
    /// The generated type (`LoanProcessor`).
    pub(crate) name: Ident,
    pub(crate) vis: Visibility,
    /// The type the paths of the top-level states are checked against.
    pub(crate) data: Option<Type>,
    /// The machine's input, for its schema; `data` when absent.
    pub(crate) input: Option<Type>,
    /// The errors the machine's Fail states may raise.
    pub(crate) error: Option<Type>,
    pub(crate) express: Option<Span>,
    pub(crate) timeout: Option<Int>,
    pub(crate) comment: Option<LitStr>,
    pub(crate) rename: Rename,
    pub(crate) start: Option<Ident>,
    pub(crate) root: Scope,
    /// Enums deriving `TaskError` inside the module, whose variants the macro can check.
    pub(crate) error_enums: Vec<ErrorEnum>,
}

/// The states of the machine, of a Parallel branch or of a Map processor: one module each.
pub(crate) struct Scope {
    /// The module's name; `None` for the workflow module itself.
    pub(crate) module: Option<Ident>,
    pub(crate) states: Vec<StateDecl>,
    pub(crate) children: Vec<Scope>,
}

/// An enum with `#[derive(TaskError)]` seen inside the workflow module.
pub(crate) struct ErrorEnum {
    pub(crate) ident: Ident,
    pub(crate) variants: Vec<Ident>,
}

/// An integer with its span.
#[derive(Clone)]
pub(crate) struct Int {
    pub(crate) value: u64,
    pub(crate) span: Span,
}

/// A number with its span.
#[derive(Clone)]
pub(crate) struct Float {
    pub(crate) value: f64,
    pub(crate) span: Span,
}

/// One state: a Rust item carrying a state attribute.
pub(crate) struct StateDecl {
    pub(crate) ident: Ident,
    /// The ASL name: the item's name, or `name = "..."`.
    pub(crate) name: String,
    pub(crate) name_span: Span,
    /// The attribute's name token (`task`, `callback`, ...).
    pub(crate) attr: Ident,
    pub(crate) kind: Kind,
    pub(crate) comment: Option<LitStr>,
    pub(crate) input_path: Option<Nullable>,
    pub(crate) output_path: Option<Nullable>,
    pub(crate) next: Option<Ident>,
    pub(crate) end: Option<Span>,
    pub(crate) assign: Option<Assign>,
    /// Keys written but not understood (bad value, or an unknown key's likely meaning):
    /// checks that a key is missing stay quiet about these, to avoid a cascade.
    pub(crate) failed: Vec<String>,
}

pub(crate) enum Kind {
    Task(Box<Task>),
    Pass(Box<Pass>),
    Choice(Box<Choice>),
    Wait(Box<Wait>),
    Succeed,
    Fail(Box<Fail>),
    Parallel(Box<Parallel>),
    Map(Box<Map>),
}

/// A path as written in an attribute: `$`, `$.a.b[0]`, `$$.Execution.Id`.
#[derive(Clone)]
pub(crate) struct AslPath {
    pub(crate) root: Root,
    pub(crate) root_span: Span,
    pub(crate) segments: Vec<Segment>,
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Root {
    /// `$`.
    Input,
    /// `$$`.
    Context,
    /// `$name`: a variable set by `assign`; only in payload values and `assign` values.
    Variable(Ident),
}

#[derive(Clone)]
pub(crate) enum Segment {
    Field(Ident),
    Index(LitInt),
}

/// A path, or `null` where ASL gives `null` a meaning.
#[derive(Clone)]
pub(crate) enum Nullable {
    Null,
    Path(AslPath),
}

/// A payload: a typed struct literal whose fields are paths and literals, or a path.
pub(crate) enum Payload {
    Path(AslPath),
    Struct(StructLit),
}

/// `Type { field: value, ... }`, optionally ending with `..`.
pub(crate) struct StructLit {
    pub(crate) ty: syn::Path,
    pub(crate) fields: Vec<(Ident, Value)>,
    pub(crate) rest: Option<Span>,
}

pub(crate) enum Value {
    Path(AslPath),
    Str(LitStr),
    Int(LitInt),
    Float(LitFloat),
    Bool(LitBool),
    Null(Span),
    Struct(StructLit),
    Intrinsic(Intrinsic),
}

/// `States::format("{} failed", $.id)`: an intrinsic function call as a payload value. Its
/// arguments are paths, literals or calls; never `Value::Struct`.
pub(crate) struct Intrinsic {
    pub(crate) function: stepfn_core::path::IntrinsicFunction,
    /// The function's name token (`format`), where errors about the call are spanned.
    pub(crate) ident: Ident,
    pub(crate) args: Vec<Value>,
}

/// `assign(name = value, ...)`: the variables a state or a catcher sets.
pub(crate) struct Assign {
    pub(crate) entries: Vec<(Ident, Value)>,
}

/// A `${Name}` placeholder (an identifier) or a literal value.
#[derive(Clone)]
pub(crate) enum Target {
    Placeholder(Ident),
    Literal(LitStr),
}

pub(crate) struct Task {
    pub(crate) callback: bool,
    /// The integration key (`lambda`, `sns`, ...) and its target.
    pub(crate) integration: Option<(Ident, Target)>,
    /// `pattern = sync` or `pattern = sync2`.
    pub(crate) pattern: Option<Ident>,
    pub(crate) method: Option<LitStr>,
    pub(crate) connection: Option<Target>,
    pub(crate) source: Option<LitStr>,
    pub(crate) detail_type: Option<LitStr>,
    pub(crate) payload: Option<Payload>,
    pub(crate) output: Option<Type>,
    pub(crate) error: Option<Type>,
    pub(crate) timeout: Option<Int>,
    pub(crate) heartbeat: Option<Int>,
    pub(crate) timeout_path: Option<AslPath>,
    pub(crate) heartbeat_path: Option<AslPath>,
    pub(crate) credentials: Option<Target>,
    pub(crate) token_field: Option<Ident>,
    pub(crate) results: Results,
}

/// `result_path`, `result_selector`, `retry` and `catch`.
#[derive(Default)]
pub(crate) struct Results {
    pub(crate) result_path: Option<Nullable>,
    pub(crate) result_selector: Option<Payload>,
    pub(crate) retry: Vec<Retry>,
    pub(crate) catch: Vec<Catch>,
}

/// An error named in `retry`, `catch` or `#[fail(error = ...)]`.
#[derive(Clone)]
pub(crate) enum ErrorRef {
    /// `States::Timeout`: the `States` token and the variant.
    States(Ident, Ident),
    /// `ValuationError::ValuationFailed`: the enum's path and the variant.
    Variant(syn::Path, Ident),
    /// `"Lambda.ServiceException"`.
    Literal(LitStr),
}

pub(crate) struct Retry {
    pub(crate) key: Ident,
    pub(crate) errors: Vec<ErrorRef>,
    pub(crate) interval: Option<Int>,
    pub(crate) max_attempts: Option<Int>,
    pub(crate) backoff: Option<Float>,
    pub(crate) max_delay: Option<Int>,
    pub(crate) jitter: Option<Ident>,
    pub(crate) comment: Option<LitStr>,
}

pub(crate) struct Catch {
    pub(crate) key: Ident,
    pub(crate) errors: Vec<ErrorRef>,
    pub(crate) next: Ident,
    pub(crate) result_path: Option<Nullable>,
    pub(crate) comment: Option<LitStr>,
    pub(crate) assign: Option<Assign>,
}

pub(crate) struct Pass {
    pub(crate) result: Option<syn::Expr>,
    pub(crate) parameters: Option<Payload>,
    pub(crate) result_path: Option<Nullable>,
}

pub(crate) struct Choice {
    pub(crate) rules: Vec<Rule>,
    pub(crate) otherwise: Option<Ident>,
}

pub(crate) struct Rule {
    pub(crate) condition: Condition,
    pub(crate) next: Ident,
}

pub(crate) enum Condition {
    Compare {
        path: AslPath,
        op: CompareOp,
        op_span: Span,
        value: Operand,
    },
    /// `is_present($.x)`, `is_null`, `is_string`, `is_numeric`, `is_boolean`, `is_timestamp`.
    Test {
        test: Ident,
        path: AslPath,
    },
    /// `matches($.name, "*.pdf")`.
    Matches {
        path: AslPath,
        pattern: LitStr,
    },
    Not(Box<Condition>),
    And(Vec<Condition>),
    Or(Vec<Condition>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

pub(crate) enum Operand {
    Str(LitStr),
    Number { text: String },
    Bool(LitBool),
    Timestamp(LitStr),
}

pub(crate) struct Wait {
    pub(crate) duration: Option<Duration>,
}

pub(crate) enum Duration {
    Seconds(Int),
    Timestamp(LitStr),
    SecondsPath(AslPath),
    TimestampPath(AslPath),
}

pub(crate) struct Fail {
    pub(crate) error: Option<ErrorRef>,
    pub(crate) cause: Option<LitStr>,
    pub(crate) error_path: Option<AslPath>,
    pub(crate) cause_path: Option<AslPath>,
}

pub(crate) struct Parallel {
    pub(crate) branches: Vec<Ident>,
    pub(crate) parameters: Option<Payload>,
    pub(crate) results: Results,
}

pub(crate) struct Map {
    pub(crate) items: Option<AslPath>,
    pub(crate) item: Option<Type>,
    pub(crate) processor: Option<Ident>,
    pub(crate) item_selector: Option<Payload>,
    pub(crate) max_concurrency: Option<Int>,
    pub(crate) distributed: Option<Span>,
    pub(crate) execution: Option<Ident>,
    pub(crate) tolerated_failure_percentage: Option<Float>,
    pub(crate) tolerated_failure_count: Option<Int>,
    pub(crate) label: Option<LitStr>,
    pub(crate) max_items_per_batch: Option<Int>,
    pub(crate) max_bytes_per_batch: Option<Int>,
    pub(crate) item_reader: Option<ItemReader>,
    pub(crate) result_writer: Option<ResultWriter>,
    pub(crate) results: Results,
}

/// A string that is written as a literal or read from a path.
#[derive(Clone)]
pub(crate) enum Text {
    Literal(LitStr),
    Path(AslPath),
}

/// `item_reader(s3_object, bucket = ..., key = ..., ...)`: where a distributed Map reads.
pub(crate) struct ItemReader {
    /// The `item_reader` token.
    pub(crate) key: Ident,
    /// `s3_object` (`s3:getObject`) or `s3_list` (`s3:listObjectsV2`).
    pub(crate) source: Option<Ident>,
    pub(crate) bucket: Option<Target>,
    pub(crate) object: Option<Text>,
    pub(crate) prefix: Option<Text>,
    /// `csv`, `json`, `jsonl`, `parquet` or `manifest`.
    pub(crate) input_type: Option<Ident>,
    /// `first_row` or `given`.
    pub(crate) csv_header_location: Option<Ident>,
    pub(crate) max_items: Option<Int>,
}

/// `result_writer(bucket = ..., prefix = ..., ...)`: where a distributed Map writes.
pub(crate) struct ResultWriter {
    /// The `result_writer` token.
    pub(crate) key: Ident,
    pub(crate) bucket: Option<Target>,
    pub(crate) prefix: Option<Text>,
    /// `json` or `jsonl`.
    pub(crate) output_type: Option<Ident>,
    /// `none`, `compact` or `flatten`.
    pub(crate) transformation: Option<Ident>,
}

impl StateDecl {
    /// The `retry`/`catch`/`result_path` block of the states that have one.
    pub(crate) fn results(&self) -> Option<&Results> {
        match &self.kind {
            Kind::Task(task) => Some(&task.results),
            Kind::Parallel(parallel) => Some(&parallel.results),
            Kind::Map(map) => Some(&map.results),
            _ => None,
        }
    }

    /// Every state this state names as a successor, in the order written.
    pub(crate) fn successors(&self) -> Vec<&Ident> {
        let mut out: Vec<&Ident> = self.next.iter().collect();
        if let Kind::Choice(choice) = &self.kind {
            out.extend(choice.rules.iter().map(|rule| &rule.next));
            out.extend(choice.otherwise.iter());
        }
        if let Some(results) = self.results() {
            out.extend(results.catch.iter().map(|catch| &catch.next));
        }
        out
    }

    /// Whether any of `keys` was written but not understood.
    pub(crate) fn failed(&self, keys: &[&str]) -> bool {
        self.failed.iter().any(|key| keys.contains(&key.as_str()))
    }

    /// Whether the state must say `next` or `end` and says neither.
    pub(crate) fn lacks_transition(&self) -> bool {
        let transitions = !matches!(self.kind, Kind::Choice(_) | Kind::Succeed | Kind::Fail(_));
        transitions && self.next.is_none() && self.end.is_none()
    }

    /// Whether the state ends its scope.
    pub(crate) fn is_terminal(&self) -> bool {
        matches!(self.kind, Kind::Succeed | Kind::Fail(_)) || self.end.is_some()
    }
}

impl ErrorRef {
    /// The tokens to span an error about this name on.
    pub(crate) fn span(&self) -> Span {
        match self {
            ErrorRef::States(_, variant) | ErrorRef::Variant(_, variant) => variant.span(),
            ErrorRef::Literal(lit) => lit.span(),
        }
    }
}

/// The words `item_reader` and `result_writer` take, by key: each is its ASL value in
/// lowercase (`first_row` for `FIRST_ROW`).
pub(crate) const MAP_WORDS: &[(&str, &str)] = &[
    ("input_type", "csv"),
    ("input_type", "json"),
    ("input_type", "jsonl"),
    ("input_type", "parquet"),
    ("input_type", "manifest"),
    ("csv_header_location", "first_row"),
    ("csv_header_location", "given"),
    ("output_type", "json"),
    ("output_type", "jsonl"),
    ("transformation", "none"),
    ("transformation", "compact"),
    ("transformation", "flatten"),
];

/// The ASL value of a word of `key`, if it is one.
pub(crate) fn map_word(key: &str, word: &Ident) -> Option<String> {
    let word = word.to_string();
    MAP_WORDS
        .iter()
        .any(|(k, w)| *k == key && *w == word)
        .then(|| word.to_uppercase())
}

impl ItemReader {
    /// The reader's `Resource`.
    pub(crate) fn resource(&self) -> &'static str {
        match &self.source {
            Some(source) if source == "s3_list" => "arn:aws:states:::s3:listObjectsV2",
            _ => "arn:aws:states:::s3:getObject",
        }
    }
}

impl ResultWriter {
    /// The writer's `Resource`.
    pub(crate) const RESOURCE: &'static str = "arn:aws:states:::s3:putObject";
}
