//! The states that hold other states: Parallel with its branches, Map with its processor,
//! reader, batcher and writer.

use serde_json::Value;

use super::location::{Decoder, Field, Location};
use super::state::{Head, StateFields};
use crate::codec::fields::{
    BRANCH, ITEM_BATCHER, ITEM_READER, PROCESSOR, PROCESSOR_CONFIG, READER_CONFIG, RESULT_WRITER,
    StateField, WRITER_CONFIG,
};
use crate::model::{
    Branch, CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, ItemBatcher, ItemReader,
    MapState, OutputType, ParallelState, Processor, ProcessorConfig, ProcessorMode, QueryLanguage,
    ReaderConfig, Resource, ResultWriter, States, Transformation, WriterConfig,
};
use crate::validate::Code;

impl Decoder {
    pub(crate) fn parallel(
        &mut self,
        at: &Location<'_>,
        f: &StateFields<'_>,
        head: Head<'_>,
    ) -> ParallelState {
        let io = self.io(at, f);
        ParallelState {
            comment: head.comment,
            query_language: head.query_language,
            branches: self.branches(at, f.get(at, StateField::Branches), head.inherited),
            input_path: io.input_path,
            parameters: self.template(f.get(at, StateField::Parameters)),
            result_selector: io.result_selector,
            result_path: io.result_path,
            output_path: io.output_path,
            arguments: io.arguments,
            output: io.output,
            assign: io.assign,
            retry: self.retriers(f.get(at, StateField::Retry)),
            catch: self.catchers(f.get(at, StateField::Catch), head.name),
            transition: self.transition(at, f),
        }
    }

    fn branches(
        &mut self,
        state: &Location<'_>,
        field: Option<Field<'_, '_>>,
        inherited: QueryLanguage,
    ) -> Vec<Branch> {
        let Some(field) = field else {
            self.report(
                Code::MissingField,
                state,
                "missing field `Branches`".to_owned(),
            );
            return Vec::new();
        };
        let Some(items) = self.array(&field) else {
            return Vec::new();
        };
        if items.is_empty() {
            let message = "`Branches` must hold at least one branch".to_owned();
            self.report(Code::EmptyArray, &field.at, message);
        }
        items
            .iter()
            .enumerate()
            .map(|(index, item)| self.branch(&field.at.index(index), item, inherited))
            .collect()
    }

    /// One branch; one that is not an object is an empty scope (see [`Decoder::scope`]).
    fn branch(&mut self, at: &Location<'_>, value: &Value, inherited: QueryLanguage) -> Branch {
        let mut branch = Branch {
            comment: None,
            query_language: None,
            start_at: String::new(),
            states: States::default(),
        };
        let Some(object) = self.object(at, value) else {
            return branch;
        };
        let f = self.pick(at, object, &BRANCH);
        branch.comment = self.string(f.get(at, "Comment"));
        branch.query_language = self.query_language(f.get(at, "QueryLanguage"));
        let language = branch.query_language.unwrap_or(inherited);
        (branch.start_at, branch.states) =
            self.scope(at, f.get(at, "StartAt"), f.get(at, "States"), language);
        branch
    }

    // One struct literal with a line per field: splitting it would only scatter the list.
    pub(crate) fn map(
        &mut self,
        at: &Location<'_>,
        f: &StateFields<'_>,
        head: Head<'_>,
    ) -> MapState {
        let io = self.io(at, f);
        let (item_selector, parameters) = self.exclusive(
            f.get(at, StateField::ItemSelector),
            f.get(at, StateField::Parameters),
        );
        let processor = self.processor(
            at,
            f.get(at, StateField::ItemProcessor),
            f.get(at, StateField::Iterator),
            head.inherited,
        );
        MapState {
            comment: head.comment,
            query_language: head.query_language,
            processor,
            items_path: f
                .get(at, StateField::ItemsPath)
                .and_then(|field| self.reference_path(&field)),
            items: self.template(f.get(at, StateField::Items)),
            item_selector: self.template(item_selector),
            parameters: self.template(parameters),
            item_reader: self.item_reader(f.get(at, StateField::ItemReader)),
            item_batcher: self.item_batcher(f.get(at, StateField::ItemBatcher)),
            result_writer: self.result_writer(f.get(at, StateField::ResultWriter)),
            max_concurrency: self.int_source(
                f.get(at, StateField::MaxConcurrency),
                f.get(at, StateField::MaxConcurrencyPath),
            ),
            tolerated_failure_percentage: self.number_source(
                f.get(at, StateField::ToleratedFailurePercentage),
                f.get(at, StateField::ToleratedFailurePercentagePath),
            ),
            tolerated_failure_count: self.int_source(
                f.get(at, StateField::ToleratedFailureCount),
                f.get(at, StateField::ToleratedFailureCountPath),
            ),
            label: self.string(f.get(at, StateField::Label)),
            input_path: io.input_path,
            result_selector: io.result_selector,
            result_path: io.result_path,
            output_path: io.output_path,
            output: io.output,
            assign: io.assign,
            retry: self.retriers(f.get(at, StateField::Retry)),
            catch: self.catchers(f.get(at, StateField::Catch), head.name),
            transition: self.transition(at, f),
        }
    }

    /// `ItemProcessor`, or the deprecated `Iterator`. A missing or broken one is an empty
    /// scope (see [`Decoder::scope`]).
    fn processor(
        &mut self,
        state: &Location<'_>,
        item_processor: Option<Field<'_, '_>>,
        iterator: Option<Field<'_, '_>>,
        inherited: QueryLanguage,
    ) -> Processor {
        let mut processor = Processor {
            comment: None,
            query_language: None,
            config: None,
            start_at: String::new(),
            states: States::default(),
            legacy_iterator: false,
        };
        let field = match self.exclusive(item_processor, iterator) {
            (Some(field), _) => field,
            (None, Some(field)) => {
                processor.legacy_iterator = true;
                field
            }
            (None, None) => {
                let message = "missing field `ItemProcessor`".to_owned();
                self.report(Code::MissingField, state, message);
                return processor;
            }
        };
        let at = &field.at;
        let Some(object) = self.object(at, field.value) else {
            return processor;
        };
        let f = self.pick(at, object, &PROCESSOR);
        processor.comment = self.string(f.get(at, "Comment"));
        processor.query_language = self.query_language(f.get(at, "QueryLanguage"));
        processor.config = self.processor_config(f.get(at, "ProcessorConfig"));
        let language = processor.query_language.unwrap_or(inherited);
        (processor.start_at, processor.states) =
            self.scope(at, f.get(at, "StartAt"), f.get(at, "States"), language);
        processor
    }

    fn processor_config(&mut self, field: Option<Field<'_, '_>>) -> Option<ProcessorConfig> {
        let field = field?;
        let at = &field.at;
        let object = self.object(at, field.value)?;
        let f = self.pick(at, object, &PROCESSOR_CONFIG);
        Some(ProcessorConfig {
            mode: self.closed(f.get(at, "Mode"), ProcessorMode::ALL, ProcessorMode::as_str),
            execution_type: self.closed(
                f.get(at, "ExecutionType"),
                ExecutionType::ALL,
                ExecutionType::as_str,
            ),
        })
    }

    fn item_reader(&mut self, field: Option<Field<'_, '_>>) -> Option<ItemReader> {
        let field = field?;
        let at = &field.at;
        let object = self.object(at, field.value)?;
        let f = self.pick(at, object, &ITEM_READER);
        Some(ItemReader {
            resource: self.resource(at, f.get(at, "Resource")),
            parameters: self.template(f.get(at, "Parameters")),
            arguments: self.template(f.get(at, "Arguments")),
            reader_config: self.reader_config(f.get(at, "ReaderConfig")),
        })
    }

    fn reader_config(&mut self, field: Option<Field<'_, '_>>) -> Option<ReaderConfig> {
        let field = field?;
        let at = &field.at;
        let object = self.object(at, field.value)?;
        let f = self.pick(at, object, &READER_CONFIG);
        Some(ReaderConfig {
            input_type: self.closed(f.get(at, "InputType"), InputType::ALL, InputType::as_str),
            csv_header_location: self.closed(
                f.get(at, "CSVHeaderLocation"),
                CsvHeaderLocation::ALL,
                CsvHeaderLocation::as_str,
            ),
            csv_headers: self.strings(f.get(at, "CSVHeaders")),
            csv_delimiter: self.closed(
                f.get(at, "CSVDelimiter"),
                CsvDelimiter::ALL,
                CsvDelimiter::as_str,
            ),
            manifest_type: self.string(f.get(at, "ManifestType")),
            max_items: self.int_source(f.get(at, "MaxItems"), f.get(at, "MaxItemsPath")),
        })
    }

    /// An array of strings (`CSVHeaders`); an item of the wrong type is left out.
    fn strings(&mut self, field: Option<Field<'_, '_>>) -> Option<Vec<String>> {
        let field = field?;
        let items = self.array(&field)?;
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => out.push(text.clone()),
                _ => self.wrong_type(&field.at.index(index), "a string"),
            }
        }
        Some(out)
    }

    fn item_batcher(&mut self, field: Option<Field<'_, '_>>) -> Option<ItemBatcher> {
        let field = field?;
        let at = &field.at;
        let object = self.object(at, field.value)?;
        let f = self.pick(at, object, &ITEM_BATCHER);
        Some(ItemBatcher {
            batch_input: self.template(f.get(at, "BatchInput")),
            max_items_per_batch: self.int_source(
                f.get(at, "MaxItemsPerBatch"),
                f.get(at, "MaxItemsPerBatchPath"),
            ),
            max_input_bytes_per_batch: self.int_source(
                f.get(at, "MaxInputBytesPerBatch"),
                f.get(at, "MaxInputBytesPerBatchPath"),
            ),
        })
    }

    fn result_writer(&mut self, field: Option<Field<'_, '_>>) -> Option<ResultWriter> {
        let field = field?;
        let at = &field.at;
        let object = self.object(at, field.value)?;
        let f = self.pick(at, object, &RESULT_WRITER);
        Some(ResultWriter {
            resource: f
                .get(at, "Resource")
                .and_then(|resource| self.str(&resource))
                .map(Resource::new),
            parameters: self.template(f.get(at, "Parameters")),
            arguments: self.template(f.get(at, "Arguments")),
            writer_config: self.writer_config(f.get(at, "WriterConfig")),
        })
    }

    fn writer_config(&mut self, field: Option<Field<'_, '_>>) -> Option<WriterConfig> {
        let field = field?;
        let at = &field.at;
        let object = self.object(at, field.value)?;
        let f = self.pick(at, object, &WRITER_CONFIG);
        Some(WriterConfig {
            output_type: self.closed(f.get(at, "OutputType"), OutputType::ALL, OutputType::as_str),
            transformation: self.closed(
                f.get(at, "Transformation"),
                Transformation::ALL,
                Transformation::as_str,
            ),
        })
    }
}
