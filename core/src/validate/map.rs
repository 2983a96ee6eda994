//! Map configuration: fields only a distributed Map may have, item batchers and result
//! writers AWS rejects, reader and writer resources.

use crate::model::{IntSource, MapState, NumberSource, Resource, ResultWriter, State};

use super::Code;
use super::site::{Sink, Site};

pub(super) fn check(sink: &mut Sink, site: &Site<'_>) {
    let State::Map(map) = site.state else {
        return;
    };
    if !map.is_distributed() {
        for field in distributed_fields(map) {
            sink.error(
                Code::DistributedMapField,
                site.at(&format!("/{field}")),
                format!(
                    "inline Map state `{}` cannot have `{field}`; set `\"Mode\": \"DISTRIBUTED\"` in its `ProcessorConfig`",
                    site.name
                ),
            );
        }
        return;
    }

    if let Some(batcher) = &map.item_batcher
        && batcher.max_items_per_batch.is_none()
        && batcher.max_input_bytes_per_batch.is_none()
    {
        sink.error(
                Code::ItemBatcherWithoutLimit,
                site.at("/ItemBatcher"),
                format!(
                    "the `ItemBatcher` of state `{}` sets no limit; add `MaxItemsPerBatch` or `MaxInputBytesPerBatch`",
                    site.name
                ),
            );
    }
    if let Some(reader) = &map.item_reader {
        check_resource(sink, site, "/ItemReader/Resource", &reader.resource);
    }
    if let Some(writer) = &map.result_writer {
        check_writer(sink, site, writer);
    }
}

/// The distributed-only fields present on `map`, as written.
///
/// AWS documents `ItemReader`, `ItemBatcher`, `ResultWriter`, `ToleratedFailure...` and
/// `Label` only for distributed Maps (developer guide, "Distributed Map state fields"; the
/// inline page lists none of them), and CDK exposes them only on `DistributedMap`.
fn distributed_fields(map: &MapState) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if map.item_reader.is_some() {
        fields.push("ItemReader");
    }
    if map.item_batcher.is_some() {
        fields.push("ItemBatcher");
    }
    if map.result_writer.is_some() {
        fields.push("ResultWriter");
    }
    match map.tolerated_failure_percentage {
        Some(NumberSource::Path(_)) => fields.push("ToleratedFailurePercentagePath"),
        Some(_) => fields.push("ToleratedFailurePercentage"),
        None => {}
    }
    match map.tolerated_failure_count {
        Some(IntSource::Path(_)) => fields.push("ToleratedFailureCountPath"),
        Some(_) => fields.push("ToleratedFailureCount"),
        None => {}
    }
    if map.label.is_some() {
        fields.push("Label");
    }
    fields
}

/// AWS accepts three shapes: `WriterConfig` alone, `Resource` with `Parameters` (or
/// `Arguments`), or all three (developer guide, ResultWriter).
fn check_writer(sink: &mut Sink, site: &Site<'_>, writer: &ResultWriter) {
    let resource = writer.resource.is_some();
    let payload = writer.parameters.is_some() || writer.arguments.is_some();
    let config = writer.writer_config.is_some();
    let problem = match (resource, payload, config) {
        (true, true, _) | (false, false, true) => None,
        (true, false, _) => {
            Some("has a `Resource` but no `Parameters` or `Arguments` naming the bucket")
        }
        (false, true, _) => Some("has `Parameters` or `Arguments` but no `Resource`"),
        (false, false, false) => Some("has neither a `Resource` nor a `WriterConfig`"),
    };
    if let Some(problem) = problem {
        sink.error(
            Code::InvalidResultWriter,
            site.at("/ResultWriter"),
            format!("the `ResultWriter` of state `{}` {problem}", site.name),
        );
    }
    if let Some(resource) = &writer.resource {
        check_resource(sink, site, "/ResultWriter/Resource", resource);
    }
}

fn check_resource(sink: &mut Sink, site: &Site<'_>, suffix: &str, resource: &Resource) {
    if super::task::is_invalid(resource) {
        sink.error(
            Code::InvalidResource,
            site.at(suffix),
            format!(
                "state `{}` has the resource `{resource}`, which is neither an ARN nor a `${{Placeholder}}`",
                site.name
            ),
        );
    }
}
