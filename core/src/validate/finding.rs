//! Findings: what the decoder and the validator report, each with a stable code and a location.

use std::fmt;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS would reject the definition, or it cannot run as written.
    Error,
    /// AWS accepts the definition, but it is almost certainly a mistake.
    Warning,
}

/// One problem found in a definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stable code of the rule that was broken.
    pub code: Code,
    /// Whether the definition is rejected because of it.
    pub severity: Severity,
    /// A JSON pointer (RFC 6901) to the offending field, `""` for the whole document.
    pub pointer: String,
    /// One line for humans; its wording may change between releases, the code does not.
    pub message: String,
}

impl Finding {
    /// An error-severity finding.
    pub fn error(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// A warning-severity finding.
    pub fn warning(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// Whether this finding makes the definition invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{severity}[{}] {pointer}: {}", self.code, self.message)
    }
}

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*) => {
        /// The stable code of a finding. The text form (`unknown-state`) never changes once
        /// released; the pointer each code uses is given in its documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable text form, as printed and as written in fixture expectations.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }

            /// The code with the given text form.
            pub fn from_text(text: &str) -> Option<Code> {
                match text {
                    $($text => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    // ---- Reading the document (the decoder) ----
    /// The text is not JSON. Pointer `""`; the message carries line and column.
    InvalidJson => "invalid-json",
    /// A field has the wrong JSON type (a string where an object is needed, a fraction where
    /// an integer is needed, ...). Pointer: the field.
    InvalidType => "invalid-type",
    /// A required field is absent. Pointer: the object that lacks it, e.g. `/States/A` for a
    /// Task without `Resource`, `""` for a missing `StartAt`.
    MissingField => "missing-field",
    /// A field that is not part of ASL at all (maybe a typo). Pointer: the field.
    UnknownField => "unknown-field",
    /// A real ASL field used where it is not allowed, e.g. `Retry` on a Pass state or `Next`
    /// on a Choice state. Pointer: the field.
    FieldNotAllowed => "field-not-allowed",
    /// `Type` is not one of the eight state types. Pointer: `/States/A/Type`.
    InvalidStateType => "invalid-state-type",
    /// A value outside its closed set (`QueryLanguage`, `JitterStrategy`, `Mode`, ...) or a
    /// malformed literal. Pointer: the field.
    InvalidValue => "invalid-value",
    /// Two fields that exclude each other are both present (`TimeoutSeconds` and
    /// `TimeoutSecondsPath`, `Seconds` and `Timestamp`, ...). Pointer: the `...Path`
    /// variant where there is one; otherwise the second of the fields in document order.
    ExclusiveFields => "exclusive-fields",
    /// A state that must transition has neither `Next` nor `End: true`. Pointer: the state.
    MissingTransition => "missing-transition",
    /// A state has both `Next` and `End: true`. Pointer: `/States/A/End`.
    NextAndEnd => "next-and-end",
    /// An array that must not be empty is empty (`Choices`, `Branches`, `ErrorEquals`).
    /// Pointer: the array.
    EmptyArray => "empty-array",
    /// A path (`$.a.b`, `$$.Execution.Id`, `$var`) does not parse. Pointer: the field.
    InvalidPath => "invalid-path",
    /// A path that must select a single node (a Reference Path) uses wildcards, filters,
    /// slices or unions; or a `ResultPath` starts with `$$` or names a variable. Pointer:
    /// the field.
    InvalidReferencePath => "invalid-reference-path",
    /// An intrinsic function call does not parse or names no known function. Pointer: the
    /// field.
    InvalidIntrinsic => "invalid-intrinsic",
    /// An intrinsic function is called with the wrong number of arguments, or with a
    /// literal argument of the wrong type. Pointer: the field.
    IntrinsicArity => "intrinsic-arity",
    /// A Retrier has a `ResultPath`. Pointer: `/States/A/Retry/0/ResultPath`.
    RetrierResultPath => "retrier-result-path",
    /// A Choice data test has no comparison operator or more than one. Pointer: the rule.
    InvalidChoiceRule => "invalid-choice-rule",
    /// A rule nested in `And`/`Or`/`Not` has a `Next`. Pointer: `.../Next`.
    NestedRuleNext => "nested-rule-next",

    // ---- Transitions and names (the validator) ----
    /// `StartAt`, `Next`, `Default`, a Choice rule's `Next` or a Catcher's `Next` names no
    /// state of its scope. Pointer: that field (`/StartAt`, `/States/A/Next`,
    /// `/States/C/Choices/1/Next`, `/States/A/Catch/0/Next`,
    /// `/States/P/Branches/0/StartAt`). When a scope's `StartAt` names no state, every
    /// state of that scope is also unreachable, as AWS reports it.
    UnknownState => "unknown-state",
    /// No path of transitions leads from `StartAt` to this state. Pointer: the state.
    UnreachableState => "unreachable-state",
    /// A scope (the machine, a branch, a Map processor) has no state that ends it. Pointer:
    /// the scope's `States` object.
    NoTerminalState => "no-terminal-state",
    /// Two states share a name, anywhere in the machine including nested branches.
    /// Pointer: the second state met in a depth-first walk in document order.
    DuplicateStateName => "duplicate-state-name",
    /// A state name is longer than 80 characters. Pointer: the state.
    StateNameTooLong => "state-name-too-long",
    /// A state name is empty or has a control character. (AWS accepts spaces and
    /// punctuation in state names; its stricter character list is for the names of state
    /// machines, executions and activities.) Pointer: the state.
    InvalidStateName => "invalid-state-name",

    // ---- Errors, Retry and Catch ----
    /// `States.ALL` shares its `ErrorEquals` with other names. Pointer: the `ErrorEquals`
    /// array.
    StatesAllNotAlone => "states-all-not-alone",
    /// A Retrier or Catcher with `States.ALL` is not the last one. Pointer: that Retrier or
    /// Catcher (`/States/A/Retry/0`).
    StatesAllNotLast => "states-all-not-last",
    /// An error name starts with `States.` but is not one of the predefined errors.
    /// Pointer: the name (`/States/A/Catch/0/ErrorEquals/1`, `/States/F/Error`).
    ReservedErrorName => "reserved-error-name",
    /// `BackoffRate` is below 1.0. Pointer: the field.
    BackoffRateBelowOne => "backoff-rate-below-one",

    // ---- Numbers and timeouts ----
    /// A number outside what AWS accepts: timeouts and heartbeats 1..=99999999,
    /// `IntervalSeconds` 1..=99999999, `MaxAttempts` 0..=99999999, `MaxDelaySeconds`
    /// 1..=31622401, Wait `Seconds` 0..=99999999, `ToleratedFailurePercentage` 0..=100,
    /// negative counts. Pointer: the field.
    OutOfRange => "out-of-range",
    /// `HeartbeatSeconds` is not smaller than `TimeoutSeconds`. Pointer:
    /// `/States/A/HeartbeatSeconds`.
    HeartbeatNotBelowTimeout => "heartbeat-not-below-timeout",
    /// A timestamp (Wait `Timestamp`, a Timestamp comparison) is not RFC 3339 with an
    /// uppercase `T` and `Z`/offset. Pointer: the field.
    InvalidTimestamp => "invalid-timestamp",

    // ---- Payloads and query languages ----
    /// A payload template has both `x` and `x.$` (or the same key twice). Pointer: the
    /// second key.
    DuplicatePayloadKey => "duplicate-payload-key",
    /// A JSONPath-only field (`InputPath`, `Parameters`, `ResultSelector`, `ResultPath`,
    /// `OutputPath`, `...Path` variants, `Variable`, `.$` keys, `ItemsPath`) in a JSONata
    /// state. Pointer: the field.
    JsonPathFieldInJsonata => "jsonpath-field-in-jsonata",
    /// A JSONata-only field (`Arguments`, `Output`, `Condition`, `Items`, a `{% %}` value in
    /// a numeric field) in a JSONPath state. Pointer: the field.
    JsonataFieldInJsonPath => "jsonata-field-in-jsonpath",
    /// A state asks for JSONPath inside a machine whose top level is JSONata. Pointer:
    /// `/States/A/QueryLanguage`.
    QueryLanguageMix => "query-language-mix",
    /// An `Assign` variable name is not a valid identifier, is longer than 80 characters or
    /// is the reserved `states`. Pointer: `.../Assign/<key as written>` (`x.$` for a
    /// JSONPath dynamic value).
    InvalidVariableName => "invalid-variable-name",

    // ---- Resources and integrations ----
    /// `Resource` is neither an ARN nor a `${Placeholder}` for DefinitionSubstitutions.
    /// Pointer: `/States/A/Resource`.
    InvalidResource => "invalid-resource",
    /// A `.waitForTaskToken` task whose payload never carries `$$.Task.Token`
    /// (`$states.context.Task.Token` in JSONata). A warning: AWS accepts such a task (it
    /// can then only end by its timeout, or after a year). Pointer: the payload field
    /// (`Parameters` or `Arguments`), or the state when there is none.
    MissingTaskToken => "missing-task-token",
    /// `.waitForTaskToken` or `.sync` in an Express machine. Pointer: `/States/A/Resource`.
    ExpressUnsupportedPattern => "express-unsupported-pattern",
    /// An integration pattern the service does not support, such as `.sync` on an
    /// `aws-sdk:*` resource. Pointer: `/States/A/Resource`.
    UnsupportedIntegrationPattern => "unsupported-integration-pattern",

    // ---- Map ----
    /// A field only a distributed Map may have (`ItemReader`, `ItemBatcher`, `ResultWriter`,
    /// `ToleratedFailure...`, `Label`) on an inline Map. Pointer: the field.
    DistributedMapField => "distributed-map-field",
    /// `ItemBatcher` without `MaxItemsPerBatch` or `MaxInputBytesPerBatch` (or a Path of
    /// them). Pointer: `/States/M/ItemBatcher`.
    ItemBatcherWithoutLimit => "item-batcher-without-limit",
    /// `ResultWriter` with a combination AWS rejects (Resource without Parameters/Arguments,
    /// or neither Resource nor WriterConfig). Pointer: `/States/M/ResultWriter`.
    InvalidResultWriter => "invalid-result-writer",

    // ---- Whole document ----
    /// The definition is larger than 1 MB (1,048,576 bytes) of JSON. Pointer `""`.
    DefinitionTooLarge => "definition-too-large",
    /// States are nested (Parallel/Map inside Parallel/Map) deeper than the validator's
    /// limit (`Options::max_nesting_depth`, 16 by default: AWS has such a check but does
    /// not publish its limit), or an intrinsic call nests more than 10 deep. Pointer: the
    /// state or field.
    NestingTooDeep => "nesting-too-deep",

    // ---- Warnings ----
    /// A callback (`.waitForTaskToken`) or activity task without `TimeoutSeconds`: AWS then
    /// waits up to a year. Warning. Pointer: the state.
    NoTaskTimeout => "no-task-timeout",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
