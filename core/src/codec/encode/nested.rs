//! Writing Parallel and Map states with their branches, processor, reader, batcher, writer.

use serde_json::{Map, Value};

use super::state::{Io, put_tail};
use super::{put_int, put_language, put_number, put_path, put_scope, put_str, put_template};
use crate::model::{
    Branch, ItemBatcher, ItemReader, MapState, ParallelState, Processor, ProcessorConfig,
    ReaderConfig, ResultWriter, WriterConfig,
};

pub(super) fn parallel(out: &mut Map<String, Value>, parallel: &ParallelState) {
    put_str(out, "Comment", parallel.comment.as_deref());
    put_language(out, parallel.query_language);
    let branches = parallel.branches.iter().map(branch).collect();
    out.insert("Branches".to_owned(), Value::Array(branches));
    let io = Io {
        input_path: parallel.input_path.as_ref(),
        parameters: parallel.parameters.as_ref(),
        result_selector: parallel.result_selector.as_ref(),
        result_path: parallel.result_path.as_ref(),
        output_path: parallel.output_path.as_ref(),
        arguments: parallel.arguments.as_ref(),
        output: parallel.output.as_ref(),
        assign: parallel.assign.as_ref(),
    };
    put_tail(
        out,
        &io,
        &parallel.retry,
        &parallel.catch,
        Some(&parallel.transition),
    );
}

fn branch(branch: &Branch) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Comment", branch.comment.as_deref());
    put_language(&mut out, branch.query_language);
    put_scope(&mut out, &branch.start_at, &branch.states);
    Value::Object(out)
}

// Field by field in canonical order: one list, kept whole so the order reads at a glance.
pub(super) fn map(out: &mut Map<String, Value>, map: &MapState) {
    put_str(out, "Comment", map.comment.as_deref());
    put_language(out, map.query_language);
    if let Some(reader) = &map.item_reader {
        out.insert("ItemReader".to_owned(), item_reader(reader));
    }
    put_path(out, "ItemsPath", map.items_path.as_ref());
    put_template(out, "Items", map.items.as_ref());
    put_template(out, "ItemSelector", map.item_selector.as_ref());
    if let Some(batcher) = &map.item_batcher {
        out.insert("ItemBatcher".to_owned(), item_batcher(batcher));
    }
    put_int(out, "MaxConcurrency", map.max_concurrency.as_ref());
    let percentage = map.tolerated_failure_percentage.as_ref();
    put_number(out, "ToleratedFailurePercentage", percentage);
    put_int(
        out,
        "ToleratedFailureCount",
        map.tolerated_failure_count.as_ref(),
    );
    put_str(out, "Label", map.label.as_deref());
    let key = if map.processor.legacy_iterator {
        "Iterator"
    } else {
        "ItemProcessor"
    };
    out.insert(key.to_owned(), processor(&map.processor));
    if let Some(writer) = &map.result_writer {
        out.insert("ResultWriter".to_owned(), result_writer(writer));
    }
    let io = Io {
        input_path: map.input_path.as_ref(),
        parameters: map.parameters.as_ref(),
        result_selector: map.result_selector.as_ref(),
        result_path: map.result_path.as_ref(),
        output_path: map.output_path.as_ref(),
        output: map.output.as_ref(),
        assign: map.assign.as_ref(),
        ..Io::default()
    };
    put_tail(out, &io, &map.retry, &map.catch, Some(&map.transition));
}

fn processor(processor: &Processor) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Comment", processor.comment.as_deref());
    put_language(&mut out, processor.query_language);
    if let Some(config) = &processor.config {
        out.insert("ProcessorConfig".to_owned(), processor_config(config));
    }
    put_scope(&mut out, &processor.start_at, &processor.states);
    Value::Object(out)
}

fn processor_config(config: &ProcessorConfig) -> Value {
    let mut out = Map::new();
    put_str(&mut out, "Mode", config.mode.map(|mode| mode.as_str()));
    let execution_type = config.execution_type.map(|kind| kind.as_str());
    put_str(&mut out, "ExecutionType", execution_type);
    Value::Object(out)
}

fn item_reader(reader: &ItemReader) -> Value {
    let mut out = Map::new();
    out.insert("Resource".to_owned(), reader.resource.as_str().into());
    if let Some(config) = &reader.reader_config {
        out.insert("ReaderConfig".to_owned(), reader_config(config));
    }
    put_template(&mut out, "Parameters", reader.parameters.as_ref());
    put_template(&mut out, "Arguments", reader.arguments.as_ref());
    Value::Object(out)
}

fn reader_config(config: &ReaderConfig) -> Value {
    let mut out = Map::new();
    put_str(
        &mut out,
        "InputType",
        config.input_type.map(|kind| kind.as_str()),
    );
    let location = config.csv_header_location.map(|location| location.as_str());
    put_str(&mut out, "CSVHeaderLocation", location);
    if let Some(headers) = &config.csv_headers {
        let headers = headers
            .iter()
            .map(|header| Value::from(header.as_str()))
            .collect();
        out.insert("CSVHeaders".to_owned(), Value::Array(headers));
    }
    let delimiter = config.csv_delimiter.map(|delimiter| delimiter.as_str());
    put_str(&mut out, "CSVDelimiter", delimiter);
    put_str(&mut out, "ManifestType", config.manifest_type.as_deref());
    put_int(&mut out, "MaxItems", config.max_items.as_ref());
    Value::Object(out)
}

fn item_batcher(batcher: &ItemBatcher) -> Value {
    let mut out = Map::new();
    put_template(&mut out, "BatchInput", batcher.batch_input.as_ref());
    put_int(
        &mut out,
        "MaxItemsPerBatch",
        batcher.max_items_per_batch.as_ref(),
    );
    let bytes = batcher.max_input_bytes_per_batch.as_ref();
    put_int(&mut out, "MaxInputBytesPerBatch", bytes);
    Value::Object(out)
}

fn result_writer(writer: &ResultWriter) -> Value {
    let mut out = Map::new();
    put_str(
        &mut out,
        "Resource",
        writer.resource.as_ref().map(|resource| resource.as_str()),
    );
    if let Some(config) = &writer.writer_config {
        out.insert("WriterConfig".to_owned(), writer_config(config));
    }
    put_template(&mut out, "Parameters", writer.parameters.as_ref());
    put_template(&mut out, "Arguments", writer.arguments.as_ref());
    Value::Object(out)
}

fn writer_config(config: &WriterConfig) -> Value {
    let mut out = Map::new();
    put_str(
        &mut out,
        "OutputType",
        config.output_type.map(|kind| kind.as_str()),
    );
    let transformation = config.transformation.map(|kind| kind.as_str());
    put_str(&mut out, "Transformation", transformation);
    Value::Object(out)
}
