//! The field names of every ASL object, which state types accept which fields, and the
//! "did you mean" suggestions for misspelt names.
//!
//! Mutually exclusive fields are listed in their canonical order (the order the writer uses):
//! the plain field before its `...Path` variant, `Seconds`, `Timestamp`, `SecondsPath`,
//! `TimestampPath` for a Wait, `ItemProcessor` before `Iterator` and `ItemSelector` before
//! `Parameters` for a Map. An `exclusive-fields` finding points at the later one.

use crate::validate::Code;

/// The eight state types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}

impl Kind {
    /// Every `Type` name, in the order the messages list them.
    pub(crate) const NAMES: [&'static str; 8] = [
        "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
    ];

    pub(crate) fn from_type(name: &str) -> Option<Kind> {
        Some(match name {
            "Task" => Kind::Task,
            "Pass" => Kind::Pass,
            "Choice" => Kind::Choice,
            "Wait" => Kind::Wait,
            "Succeed" => Kind::Succeed,
            "Fail" => Kind::Fail,
            "Parallel" => Kind::Parallel,
            "Map" => Kind::Map,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        Kind::NAMES[self as usize]
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

const TASK: u8 = 1;
const PASS: u8 = 1 << 1;
const CHOICE: u8 = 1 << 2;
const WAIT: u8 = 1 << 3;
const SUCCEED: u8 = 1 << 4;
const FAIL: u8 = 1 << 5;
const PARALLEL: u8 = 1 << 6;
const MAP: u8 = 1 << 7;
const ALL: u8 = u8::MAX;
const FLOWING: u8 = TASK | PASS | WAIT | PARALLEL | MAP;
const WORKING: u8 = TASK | PARALLEL | MAP;

macro_rules! state_fields {
    ($($field:ident: $mask:expr,)*) => {
        /// A field a state object may have, on some state type or other (asl-inventory §1.2,
        /// §1.3). The name of each variant is the field's ASL name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum StateField {
            $($field,)*
        }

        impl StateField {
            const ALL: &'static [StateField] = &[$(StateField::$field,)*];

            /// How many fields there are, the size of a slot table.
            pub(crate) const COUNT: usize = StateField::ALL.len();

            pub(crate) fn name(self) -> &'static str {
                match self {
                    $(StateField::$field => stringify!($field),)*
                }
            }

            pub(crate) fn from_name(name: &str) -> Option<StateField> {
                match name {
                    $(stringify!($field) => Some(StateField::$field),)*
                    _ => None,
                }
            }

            fn mask(self) -> u8 {
                match self {
                    $(StateField::$field => $mask,)*
                }
            }
        }
    };
}

state_fields! {
    Type: ALL,
    Comment: ALL,
    QueryLanguage: ALL,
    Resource: TASK,
    Credentials: TASK,
    TimeoutSeconds: TASK,
    TimeoutSecondsPath: TASK,
    HeartbeatSeconds: TASK,
    HeartbeatSecondsPath: TASK,
    Result: PASS,
    Choices: CHOICE,
    Default: CHOICE,
    Seconds: WAIT,
    Timestamp: WAIT,
    SecondsPath: WAIT,
    TimestampPath: WAIT,
    Error: FAIL,
    ErrorPath: FAIL,
    Cause: FAIL,
    CausePath: FAIL,
    Branches: PARALLEL,
    ItemReader: MAP,
    ItemsPath: MAP,
    Items: MAP,
    ItemSelector: MAP,
    ItemBatcher: MAP,
    MaxConcurrency: MAP,
    MaxConcurrencyPath: MAP,
    ToleratedFailurePercentage: MAP,
    ToleratedFailurePercentagePath: MAP,
    ToleratedFailureCount: MAP,
    ToleratedFailureCountPath: MAP,
    Label: MAP,
    ItemProcessor: MAP,
    Iterator: MAP,
    ResultWriter: MAP,
    InputPath: ALL & !FAIL,
    Parameters: WORKING | PASS,
    ResultSelector: WORKING,
    ResultPath: WORKING | PASS,
    OutputPath: ALL & !FAIL,
    Arguments: TASK | PARALLEL,
    Output: ALL & !FAIL,
    Assign: ALL & !(SUCCEED | FAIL),
    Retry: WORKING,
    Catch: WORKING,
    Next: FLOWING,
    End: FLOWING,
}

impl StateField {
    pub(crate) fn allowed_on(self, kind: Kind) -> bool {
        self.mask() & kind.bit() != 0
    }

    /// The names of the fields a state of this type accepts, for suggestions.
    pub(crate) fn names_on(kind: Kind) -> impl Iterator<Item = &'static str> {
        StateField::ALL
            .iter()
            .filter(move |field| field.allowed_on(kind))
            .map(|field| field.name())
    }
}

/// The fields of one kind of ASL object other than a state or a Choice rule.
#[derive(Debug)]
pub(crate) struct Table<const N: usize> {
    /// The object, as messages name it: `a Retrier`.
    pub(crate) what: &'static str,
    /// Its fields, in canonical order.
    pub(crate) names: [&'static str; N],
    /// Real ASL fields that belong elsewhere, with the code to report them under.
    pub(crate) foreign: &'static [(&'static str, Code)],
}

pub(crate) static MACHINE: Table<6> = Table {
    what: "the state machine",
    names: [
        "Comment",
        "Version",
        "QueryLanguage",
        "TimeoutSeconds",
        "StartAt",
        "States",
    ],
    foreign: &[],
};

pub(crate) static BRANCH: Table<4> = Table {
    what: "a Parallel branch",
    names: ["Comment", "QueryLanguage", "StartAt", "States"],
    foreign: &[("ProcessorConfig", Code::FieldNotAllowed)],
};

pub(crate) static PROCESSOR: Table<5> = Table {
    what: "a Map processor",
    names: [
        "Comment",
        "QueryLanguage",
        "ProcessorConfig",
        "StartAt",
        "States",
    ],
    foreign: &[],
};

const RETRIER_ONLY: [(&str, Code); 5] = [
    ("IntervalSeconds", Code::FieldNotAllowed),
    ("MaxAttempts", Code::FieldNotAllowed),
    ("BackoffRate", Code::FieldNotAllowed),
    ("MaxDelaySeconds", Code::FieldNotAllowed),
    ("JitterStrategy", Code::FieldNotAllowed),
];

pub(crate) static RETRIER: Table<7> = Table {
    what: "a Retrier",
    names: [
        "Comment",
        "ErrorEquals",
        "IntervalSeconds",
        "MaxAttempts",
        "BackoffRate",
        "MaxDelaySeconds",
        "JitterStrategy",
    ],
    foreign: &[
        ("ResultPath", Code::RetrierResultPath),
        ("Next", Code::FieldNotAllowed),
        ("Output", Code::FieldNotAllowed),
        ("Assign", Code::FieldNotAllowed),
    ],
};

pub(crate) static CATCHER: Table<6> = Table {
    what: "a Catcher",
    names: [
        "Comment",
        "ErrorEquals",
        "ResultPath",
        "Output",
        "Assign",
        "Next",
    ],
    foreign: &RETRIER_ONLY,
};

pub(crate) static PROCESSOR_CONFIG: Table<2> = Table {
    what: "`ProcessorConfig`",
    names: ["Mode", "ExecutionType"],
    foreign: &[],
};

pub(crate) static ITEM_READER: Table<4> = Table {
    what: "`ItemReader`",
    names: ["Resource", "ReaderConfig", "Parameters", "Arguments"],
    foreign: &[("WriterConfig", Code::FieldNotAllowed)],
};

pub(crate) static READER_CONFIG: Table<7> = Table {
    what: "`ReaderConfig`",
    names: [
        "InputType",
        "CSVHeaderLocation",
        "CSVHeaders",
        "CSVDelimiter",
        "ManifestType",
        "MaxItems",
        "MaxItemsPath",
    ],
    foreign: &[],
};

pub(crate) static ITEM_BATCHER: Table<5> = Table {
    what: "`ItemBatcher`",
    names: [
        "BatchInput",
        "MaxItemsPerBatch",
        "MaxItemsPerBatchPath",
        "MaxInputBytesPerBatch",
        "MaxInputBytesPerBatchPath",
    ],
    foreign: &[],
};

pub(crate) static RESULT_WRITER: Table<4> = Table {
    what: "`ResultWriter`",
    names: ["Resource", "WriterConfig", "Parameters", "Arguments"],
    foreign: &[("ReaderConfig", Code::FieldNotAllowed)],
};

pub(crate) static WRITER_CONFIG: Table<2> = Table {
    what: "`WriterConfig`",
    names: ["OutputType", "Transformation"],
    foreign: &[],
};

/// The fields of a Choice rule other than the comparison operators.
pub(crate) const RULE_FIELDS: [&str; 9] = [
    "Comment",
    "Variable",
    "And",
    "Or",
    "Not",
    "Condition",
    "Output",
    "Assign",
    "Next",
];

/// The candidate closest to `name`, if it is close enough to be a likely misspelling:
/// equal ignoring case, or a few edits away (one edit per four characters, at most three).
pub(crate) fn suggest<'n>(
    name: &str,
    candidates: impl IntoIterator<Item = &'n str>,
) -> Option<&'n str> {
    let lowered = name.to_lowercase();
    let limit = (name.chars().count() / 4).clamp(1, 3);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&lowered, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// `unknown field `x``, with a "did you mean" tail when a candidate is close.
pub(crate) fn unknown_field_message<'n>(
    name: &str,
    candidates: impl IntoIterator<Item = &'n str>,
) -> String {
    match suggest(name, candidates) {
        Some(close) => format!("unknown field `{name}`; did you mean `{close}`?"),
        None => format!("unknown field `{name}`"),
    }
}

/// `` `a`, `b` or `c` `` for messages.
pub(crate) fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
