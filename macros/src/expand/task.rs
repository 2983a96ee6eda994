// Task states at run time: the resource and `Parameters` of each integration, with the
// payload placed where the integration expects it and the task token added for callbacks.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::build::M;
use super::tokens::{self, Names, place_payload, target};
use crate::kw;
use crate::model::*;

pub(super) fn task_expr(task: &Task, names: Names) -> (TokenStream, TokenStream) {
    let m = M();
    let Some((integration, goal)) = &task.integration else {
        unreachable!("checked: a task names its integration")
    };
    let kind = integration.to_string();
    let pattern = pattern(task);
    let token_key = task_token_key(task, names);
    let token = token_key.as_deref();
    let payload = task.payload.as_ref();
    let object = quote!(#m::Template::object());
    let goal_t = target(goal);
    let base = |key: &str| quote!(#object.with(#key, #goal_t));
    let (resource, parameters) = match (service_of(&kind), kind.as_str()) {
        (Some((service, action, target_key, payload_key)), _) => self::service(
            service,
            action,
            &pattern,
            base(target_key),
            payload_key,
            payload,
            names,
            token,
        ),
        (None, kw::EVENTBRIDGE) => eventbridge(task, goal, &pattern, names, token),
        (None, kw::HTTP) => http(task, goal, &pattern, names, token),
        _ => raw(task, &kind, goal, names, token),
    };
    let mut own = quote!();
    if let Some(parameters) = parameters {
        own.extend(quote!(__s = __s.parameters(#parameters);));
    }
    if let Some(t) = &task.timeout {
        let v = t.value;
        own.extend(quote!(__s = __s.timeout_seconds(#v);));
    }
    if let Some(t) = &task.heartbeat {
        let v = t.value;
        own.extend(quote!(__s = __s.heartbeat_seconds(#v);));
    }
    if let Some(p) = &task.timeout_path {
        let p = tokens::path(p, names);
        own.extend(quote!(__s = __s.timeout_seconds_path(#p);));
    }
    if let Some(p) = &task.heartbeat_path {
        let p = tokens::path(p, names);
        own.extend(quote!(__s = __s.heartbeat_seconds_path(#p);));
    }
    if let Some(credentials) = &task.credentials {
        let role = target(credentials);
        own.extend(quote!(__s = __s.credentials(#object.with("RoleArn", #role));));
    }
    (quote!(#m::TaskState::new(#resource)), own)
}

/// The integrations that place the payload under one key of `Parameters`: service, action,
/// the key of the target and the key of the payload.
pub(crate) fn service_of(
    kind: &str,
) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    Some(match kind {
        kw::LAMBDA => ("lambda", "invoke", "FunctionName", "Payload"),
        kw::SNS => ("sns", "publish", "TopicArn", "Message"),
        kw::SQS => ("sqs", "sendMessage", "QueueUrl", "MessageBody"),
        kw::START_EXECUTION => ("states", "startExecution", "StateMachineArn", "Input"),
        _ => return None,
    })
}

/// The JSON key of the task token in a callback payload, if one is added.
pub(crate) fn task_token_key(task: &Task, names: Names) -> Option<String> {
    let activity = task
        .integration
        .as_ref()
        .is_some_and(|(key, _)| key == kw::ACTIVITY);
    if !task.callback || activity {
        return None;
    }
    let field = task
        .token_field
        .clone()
        .unwrap_or_else(|| format_ident!("task_token"));
    Some(names.key(&field))
}

fn pattern(task: &Task) -> TokenStream {
    let m = M();
    let variant = if task.callback {
        quote!(WaitForTaskToken)
    } else {
        match task.pattern.as_ref().map(ToString::to_string).as_deref() {
            Some("sync") => quote!(Sync),
            Some("sync2") => quote!(Sync2),
            _ => quote!(RequestResponse),
        }
    };
    quote!(#m::IntegrationPattern::#variant)
}

#[allow(clippy::too_many_arguments)]
fn service(
    service: &str,
    action: &str,
    pattern: &TokenStream,
    base: TokenStream,
    key: &str,
    payload: Option<&Payload>,
    names: Names,
    token: Option<&str>,
) -> (TokenStream, Option<TokenStream>) {
    let m = M();
    let resource = quote!(#m::Resource::service(#service, #action, #pattern));
    (
        resource,
        Some(place_payload(base, key, payload, names, token)),
    )
}

fn eventbridge(
    task: &Task,
    bus: &Target,
    pattern: &TokenStream,
    names: Names,
    token: Option<&str>,
) -> (TokenStream, Option<TokenStream>) {
    let m = M();
    let mut entry = quote!(#m::Template::object());
    entry = place_payload(entry, "Detail", task.payload.as_ref(), names, token);
    if let Some(detail_type) = &task.detail_type {
        entry = quote!(#entry.with("DetailType", #detail_type));
    }
    let bus = target(bus);
    entry = quote!(#entry.with("EventBusName", #bus));
    if let Some(source) = &task.source {
        entry = quote!(#entry.with("Source", #source));
    }
    let parameters =
        quote!(#m::Template::object().with("Entries", #m::Template::Array(::std::vec![#entry])));
    (
        quote!(#m::Resource::service("events", "putEvents", #pattern)),
        Some(parameters),
    )
}

fn http(
    task: &Task,
    endpoint: &Target,
    pattern: &TokenStream,
    names: Names,
    token: Option<&str>,
) -> (TokenStream, Option<TokenStream>) {
    let m = M();
    let method = task
        .method
        .as_ref()
        .map_or_else(|| "POST".to_owned(), syn::LitStr::value);
    let connection = task.connection.as_ref().map(target);
    let endpoint = target(endpoint);
    let mut parameters = quote!(#m::Template::object().with("ApiEndpoint", #endpoint));
    if let Some(connection) = connection {
        parameters = quote!(#parameters.with("Authentication", #m::Template::object().with("ConnectionArn", #connection)));
    }
    parameters = quote!(#parameters.with("Method", #method));
    parameters = place_payload(
        parameters,
        "RequestBody",
        task.payload.as_ref(),
        names,
        token,
    );
    (
        quote!(#m::Resource::service("http", "invoke", #pattern)),
        Some(parameters),
    )
}

/// `aws_sdk`, `activity` and `resource`: the payload is the whole of `Parameters`.
fn raw(
    task: &Task,
    kind: &str,
    goal: &Target,
    names: Names,
    token: Option<&str>,
) -> (TokenStream, Option<TokenStream>) {
    let m = M();
    let text = raw_resource_text(task, kind, goal);
    let resource = quote!(#m::Resource::new(#text));
    let parameters = match &task.payload {
        Some(Payload::Struct(lit)) => Some(tokens::template(lit, names, token)),
        _ if token.is_some() => Some(tokens::token_only(names, token)),
        _ => None,
    };
    (resource, parameters)
}

/// The `Resource` of `aws_sdk`, `activity` and `resource` tasks.
pub(crate) fn raw_resource_text(task: &Task, kind: &str, goal: &Target) -> String {
    if kind == kw::AWS_SDK {
        let suffix = if task.callback {
            ".waitForTaskToken"
        } else {
            ""
        };
        format!(
            "arn:aws:states:::aws-sdk:{}{suffix}",
            tokens::target_text(goal)
        )
    } else {
        tokens::target_text(goal)
    }
}
