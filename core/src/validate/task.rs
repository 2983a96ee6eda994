//! Task resources and integration patterns: malformed resources, patterns a service or an
//! Express execution cannot run, callbacks without the task token or without a timeout.

use crate::model::{IntegrationPattern, QueryLanguage, Resource, ResourceKind, State, TaskState};

use super::Code;
use super::site::{Sink, Site};

pub(super) fn check(sink: &mut Sink, site: &Site<'_>) {
    let State::Task(task) = site.state else {
        return;
    };
    let resource = &task.resource;
    if is_invalid(resource) {
        sink.error(
            Code::InvalidResource,
            site.at("/Resource"),
            format!(
                "state `{}` has the resource `{resource}`, which is neither an ARN nor a `${{Placeholder}}`",
                site.name
            ),
        );
        return;
    }

    let pattern = resource.pattern();
    let mut runnable = true;
    if let Some(reason) = unsupported(resource.kind(), pattern) {
        runnable = false;
        sink.error(
            Code::UnsupportedIntegrationPattern,
            site.at("/Resource"),
            format!("state `{}` uses `{resource}`, but {reason}", site.name),
        );
    }
    if site.express && pattern != IntegrationPattern::RequestResponse {
        runnable = false;
        sink.error(
            Code::ExpressUnsupportedPattern,
            site.at("/Resource"),
            format!(
                "state `{}` uses `{}`, which Express workflows do not support; use request-response or a Standard workflow",
                site.name,
                pattern.suffix()
            ),
        );
    }

    let callback = pattern == IntegrationPattern::WaitForTaskToken;
    if callback && runnable {
        check_token(sink, site, task);
    }
    let activity = matches!(resource.kind(), ResourceKind::Activity { .. });
    if ((callback && runnable) || activity) && task.timeout.is_none() {
        let kind = if callback { "callback" } else { "activity" };
        sink.warning(
            Code::NoTaskTimeout,
            site.at(""),
            format!(
                "{kind} task `{}` has no timeout, so AWS waits up to a year; add `TimeoutSeconds`",
                site.name
            ),
        );
    }
}

/// Whether a resource is neither an ARN nor a DefinitionSubstitutions placeholder.
pub(super) fn is_invalid(resource: &Resource) -> bool {
    *resource.kind() == ResourceKind::Invalid
}

/// Why `pattern` cannot be used with this resource, if it cannot.
///
/// The table is AWS's "Optimized integrations" page (integrate-optimized / connect-to-resource
/// in the developer guide): per service, which patterns Standard workflows support. Services
/// not listed there are accepted as written.
fn unsupported(kind: &ResourceKind, pattern: IntegrationPattern) -> Option<String> {
    match (kind, pattern) {
        (_, IntegrationPattern::RequestResponse) => None,
        (ResourceKind::Sdk { .. }, IntegrationPattern::Sync | IntegrationPattern::Sync2) => {
            Some("AWS SDK integrations do not support `.sync`".to_owned())
        }
        (ResourceKind::Service { service, .. }, _) => {
            let supported = match pattern {
                IntegrationPattern::WaitForTaskToken => supports_callback(service)?,
                _ => supports_sync(service)?,
            };
            (!supported).then(|| format!("`{service}` does not support `{}`", pattern.suffix()))
        }
        _ => None,
    }
}

/// Whether an optimized integration can run a job (`.sync`); `None` for services not in
/// AWS's table.
fn supports_sync(service: &str) -> Option<bool> {
    match service {
        "athena" | "batch" | "bedrock" | "codebuild" | "ecs" | "eks" | "elasticmapreduce"
        | "emr-containers" | "emr-serverless" | "glue" | "databrew" | "mediaconvert"
        | "sagemaker" | "states" => Some(true),
        "apigateway" | "dynamodb" | "events" | "lambda" | "sns" | "sqs" => Some(false),
        _ => None,
    }
}

/// Whether an optimized integration can wait for a callback; `None` for services not in
/// AWS's table.
fn supports_callback(service: &str) -> Option<bool> {
    match service {
        "apigateway" | "bedrock" | "ecs" | "eks" | "events" | "lambda" | "sns" | "sqs"
        | "states" => Some(true),
        "athena" | "batch" | "codebuild" | "dynamodb" | "elasticmapreduce" | "emr-containers"
        | "emr-serverless" | "glue" | "databrew" | "mediaconvert" | "sagemaker" => Some(false),
        _ => None,
    }
}

/// A callback task must hand its token to someone: its payload has to read it.
fn check_token(sink: &mut Sink, site: &Site<'_>, task: &TaskState) {
    let (preferred, other) = match site.language {
        QueryLanguage::JsonPath => (
            ("/Parameters", &task.parameters),
            ("/Arguments", &task.arguments),
        ),
        QueryLanguage::Jsonata => (
            ("/Arguments", &task.arguments),
            ("/Parameters", &task.parameters),
        ),
    };
    // The other language's field is used when it is the only one, so that a field in the
    // wrong language is reported once, by the language rule.
    let payload = match (preferred.1, other.1) {
        (Some(template), _) => Some((preferred.0, template)),
        (None, Some(template)) => Some((other.0, template)),
        (None, None) => None,
    };
    let token = match site.language {
        QueryLanguage::JsonPath => "`$$.Task.Token`",
        QueryLanguage::Jsonata => "`$states.context.Task.Token`",
    };
    match payload {
        Some((_, template)) if template.carries_task_token() => {}
        Some((field, _)) => sink.warning(
            Code::MissingTaskToken,
            site.at(field),
            format!(
                "callback task `{}` never sends its task token; put {token} in `{}`",
                site.name,
                &field[1..]
            ),
        ),
        None => sink.warning(
            Code::MissingTaskToken,
            site.at(""),
            format!(
                "callback task `{}` has no payload to send its task token in; add {token} to its `{}`",
                site.name,
                &preferred.0[1..]
            ),
        ),
    }
}
