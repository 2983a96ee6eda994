//! The Map state, inline and distributed, with its reader, batcher and writer.

use super::{
    Catcher, IntSource, Nullable, NumberSource, QueryLanguage, Resource, Retrier, States, Template,
    Transition,
};
use crate::path::Path;

/// A Map state.
#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `ItemProcessor` (or the deprecated `Iterator`).
    pub processor: Processor,
    /// JSONPath `ItemsPath`: where the items are in the effective input.
    pub items_path: Option<Path>,
    /// JSONata `Items`: an array or an expression.
    pub items: Option<Template>,
    /// `ItemSelector`: the input of each iteration.
    pub item_selector: Option<Template>,
    /// The deprecated `Parameters` form of `ItemSelector`.
    pub parameters: Option<Template>,
    /// `ItemReader` (distributed).
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher` (distributed).
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter` (distributed).
    pub result_writer: Option<ResultWriter>,
    /// `MaxConcurrency` / `MaxConcurrencyPath` (0 = no limit).
    pub max_concurrency: Option<IntSource>,
    /// `ToleratedFailurePercentage` / `...Path`.
    pub tolerated_failure_percentage: Option<NumberSource>,
    /// `ToleratedFailureCount` / `...Path`.
    pub tolerated_failure_count: Option<IntSource>,
    /// `Label` of the child executions (distributed).
    pub label: Option<String>,
    /// JSONPath `InputPath`.
    pub input_path: Option<Nullable<Path>>,
    /// JSONPath `ResultSelector`.
    pub result_selector: Option<Template>,
    /// JSONPath `ResultPath`.
    pub result_path: Option<Nullable<Path>>,
    /// JSONPath `OutputPath`.
    pub output_path: Option<Nullable<Path>>,
    /// JSONata `Output`.
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Template>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl MapState {
    /// Whether the processor runs in `DISTRIBUTED` mode.
    pub fn is_distributed(&self) -> bool {
        self.processor
            .config
            .as_ref()
            .and_then(|config| config.mode)
            == Some(ProcessorMode::Distributed)
    }
}

/// The states run for each item.
#[derive(Debug, Clone, PartialEq)]
pub struct Processor {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` of the processor's top level.
    pub query_language: Option<QueryLanguage>,
    /// `ProcessorConfig`.
    pub config: Option<ProcessorConfig>,
    /// `StartAt`.
    pub start_at: String,
    /// `States`.
    pub states: States,
    /// Written as the deprecated `Iterator` rather than `ItemProcessor`.
    pub legacy_iterator: bool,
}

/// `ProcessorConfig`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProcessorConfig {
    /// `Mode` (default `INLINE`).
    pub mode: Option<ProcessorMode>,
    /// `ExecutionType` of the child workflows (distributed only).
    pub execution_type: Option<ExecutionType>,
}

macro_rules! string_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident => $text:literal,)* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant,)*
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The value as ASL writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value written `text`.
            pub fn from_text(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;

string_enum! {
    /// `ProcessorConfig.Mode`.
    ProcessorMode {
        /// Iterations run inside this execution.
        Inline => "INLINE",
        /// Iterations run as child workflow executions.
        Distributed => "DISTRIBUTED",
    }
}

string_enum! {
    /// `ProcessorConfig.ExecutionType`.
    ExecutionType {
        /// Standard child workflows.
        Standard => "STANDARD",
        /// Express child workflows.
        Express => "EXPRESS",
    }
}

string_enum! {
    /// `ReaderConfig.InputType`.
    InputType {
        /// A CSV file.
        Csv => "CSV",
        /// A JSON array file.
        Json => "JSON",
        /// JSON Lines.
        Jsonl => "JSONL",
        /// Apache Parquet.
        Parquet => "PARQUET",
        /// An S3 inventory or Athena manifest.
        Manifest => "MANIFEST",
    }
}

string_enum! {
    /// `ReaderConfig.CSVHeaderLocation`.
    CsvHeaderLocation {
        /// The first row holds the headers.
        FirstRow => "FIRST_ROW",
        /// `CSVHeaders` gives them.
        Given => "GIVEN",
    }
}

string_enum! {
    /// `ReaderConfig.CSVDelimiter`.
    CsvDelimiter {
        /// `,`.
        Comma => "COMMA",
        /// `|`.
        Pipe => "PIPE",
        /// `;`.
        Semicolon => "SEMICOLON",
        /// ` `.
        Space => "SPACE",
        /// Tab.
        Tab => "TAB",
    }
}

string_enum! {
    /// `WriterConfig.OutputType`.
    OutputType {
        /// A JSON array.
        Json => "JSON",
        /// JSON Lines.
        Jsonl => "JSONL",
    }
}

string_enum! {
    /// `WriterConfig.Transformation`.
    Transformation {
        /// Child execution results with their metadata.
        None => "NONE",
        /// Only the results, keeping the execution's shape.
        Compact => "COMPACT",
        /// Only the results, flattened into one array.
        Flatten => "FLATTEN",
    }
}

/// `ItemReader`: where a distributed Map reads its items.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReader {
    /// `Resource` (`arn:aws:states:::s3:getObject`, `...:s3:listObjectsV2`).
    pub resource: Resource,
    /// JSONPath `Parameters`.
    pub parameters: Option<Template>,
    /// JSONata `Arguments`.
    pub arguments: Option<Template>,
    /// `ReaderConfig`.
    pub reader_config: Option<ReaderConfig>,
}

/// `ReaderConfig`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReaderConfig {
    /// `InputType`.
    pub input_type: Option<InputType>,
    /// `CSVHeaderLocation`.
    pub csv_header_location: Option<CsvHeaderLocation>,
    /// `CSVHeaders`.
    pub csv_headers: Option<Vec<String>>,
    /// `CSVDelimiter`.
    pub csv_delimiter: Option<CsvDelimiter>,
    /// `ManifestType` (`ATHENA_DATA`, `S3_INVENTORY`, ...), kept as written.
    pub manifest_type: Option<String>,
    /// `MaxItems` / `MaxItemsPath`.
    pub max_items: Option<IntSource>,
}

/// `ItemBatcher`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemBatcher {
    /// `BatchInput`: added to every batch.
    pub batch_input: Option<Template>,
    /// `MaxItemsPerBatch` / `...Path`.
    pub max_items_per_batch: Option<IntSource>,
    /// `MaxInputBytesPerBatch` / `...Path`.
    pub max_input_bytes_per_batch: Option<IntSource>,
}

/// `ResultWriter`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultWriter {
    /// `Resource` (`arn:aws:states:::s3:putObject`).
    pub resource: Option<Resource>,
    /// JSONPath `Parameters`.
    pub parameters: Option<Template>,
    /// JSONata `Arguments`.
    pub arguments: Option<Template>,
    /// `WriterConfig`.
    pub writer_config: Option<WriterConfig>,
}

/// `WriterConfig`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WriterConfig {
    /// `OutputType`.
    pub output_type: Option<OutputType>,
    /// `Transformation`.
    pub transformation: Option<Transformation>,
}
