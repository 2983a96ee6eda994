// One state attribute (`#[task(...)]`, `#[choice(...)]`, ...) read into a `StateDecl`.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

use super::args::{self, Arg, ArgValue};
use super::condition::parse_rule;
use super::value::{
    parse_all, parse_float, parse_int, parse_nullable, parse_path, parse_payload, parse_target,
};
use crate::ctx::Errors;
use crate::kw;
use crate::model::*;

/// Every key any state attribute accepts; the attribute's kind then picks its own.
#[derive(Default)]
struct Draft {
    name: Option<LitStr>,
    comment: Option<LitStr>,
    input_path: Option<Nullable>,
    output_path: Option<Nullable>,
    next: Option<Ident>,
    end: Option<Span>,
    assign: Option<Assign>,
    results: Results,
    integration: Option<(Ident, Target)>,
    pattern: Option<Ident>,
    method: Option<LitStr>,
    connection: Option<Target>,
    source: Option<LitStr>,
    detail_type: Option<LitStr>,
    payload: Option<Payload>,
    output: Option<syn::Type>,
    error: Option<syn::Type>,
    fail_error: Option<ErrorRef>,
    timeout: Option<Int>,
    heartbeat: Option<Int>,
    timeout_path: Option<AslPath>,
    heartbeat_path: Option<AslPath>,
    credentials: Option<Target>,
    token_field: Option<Ident>,
    result: Option<syn::Expr>,
    parameters: Option<Payload>,
    durations: Vec<(Ident, Duration)>,
    rules: Vec<Rule>,
    otherwise: Option<Ident>,
    cause: Option<LitStr>,
    error_path: Option<AslPath>,
    cause_path: Option<AslPath>,
    branches: Vec<Ident>,
    items: Option<AslPath>,
    item: Option<syn::Type>,
    processor: Option<Ident>,
    item_selector: Option<Payload>,
    max_concurrency: Option<Int>,
    distributed: Option<Span>,
    execution: Option<Ident>,
    tolerated_failure_percentage: Option<Float>,
    tolerated_failure_count: Option<Int>,
    label: Option<LitStr>,
    max_items_per_batch: Option<Int>,
    max_bytes_per_batch: Option<Int>,
    item_reader: Option<ItemReader>,
    result_writer: Option<ResultWriter>,
}

/// Reads the state attribute `attr` of the item `ident`.
pub(crate) fn parse_state(ident: &Ident, attr: &syn::Attribute, errors: &Errors) -> StateDecl {
    let attr_ident = attr
        .path()
        .get_ident()
        .cloned()
        .expect("checked by the caller");
    let kind_name = attr_ident.to_string();
    let tokens = match &attr.meta {
        syn::Meta::Path(_) => TokenStream::new(),
        syn::Meta::List(list) => list.tokens.clone(),
        syn::Meta::NameValue(nv) => {
            errors.on(nv, format!("write `#[{kind_name}(key = value, ...)]`"));
            TokenStream::new()
        }
    };

    let what = format!("#[{kind_name}]");
    let args = args::split_args(tokens, errors);
    let mut failed = Vec::new();
    let args = args::check_keys_noting(args, &kw::keys_of(&kind_name), &what, errors, &mut failed);
    let mut draft = Draft::default();
    for arg in args {
        let key = arg.key.to_string();
        let before = errors.count();
        read_key(&mut draft, arg, &kind_name, errors);
        if errors.count() > before {
            failed.push(key);
        }
    }

    let (name, name_span) = match &draft.name {
        Some(lit) => (lit.value(), lit.span()),
        None => (ident.to_string(), ident.span()),
    };
    StateDecl {
        ident: ident.clone(),
        name,
        name_span,
        comment: draft.comment.take(),
        input_path: draft.input_path.take(),
        output_path: draft.output_path.take(),
        next: draft.next.take(),
        end: draft.end.take(),
        assign: draft.assign.take(),
        failed,
        kind: build_kind(&kind_name, draft),
        attr: attr_ident,
    }
}

fn read_key(d: &mut Draft, arg: Arg, kind: &str, errors: &Errors) {
    let key = arg.key.to_string();
    let e = errors;
    match key.as_str() {
        kw::NAME => d.name = eq(&arg, e, |i| i.parse()),
        kw::COMMENT => d.comment = eq(&arg, e, |i| i.parse()),
        kw::INPUT_PATH => d.input_path = eq(&arg, e, parse_nullable),
        kw::OUTPUT_PATH => d.output_path = eq(&arg, e, parse_nullable),
        kw::RESULT_PATH if kind == kw::PASS => d.results.result_path = eq(&arg, e, parse_nullable),
        kw::RESULT_PATH => d.results.result_path = eq(&arg, e, parse_nullable),
        kw::RESULT_SELECTOR => d.results.result_selector = eq(&arg, e, parse_payload),
        kw::NEXT | kw::OTHERWISE | kw::PROCESSOR => {
            let target = eq(&arg, e, |i| i.parse::<Ident>());
            match key.as_str() {
                kw::NEXT => d.next = target,
                kw::OTHERWISE => d.otherwise = target,
                _ => d.processor = target,
            }
        }
        kw::END => d.end = flag(&arg, e),
        kw::ASSIGN => {
            d.assign = call(&arg, e).and_then(|t| e.ok(parse_all(t, super::value::parse_assign)))
        }
        kw::DISTRIBUTED => d.distributed = flag(&arg, e),
        kw::RETRY => {
            if let Some(retry) =
                call(&arg, e).and_then(|t| super::retry::parse_retry(&arg.key, t, e))
            {
                d.results.retry.push(retry);
            }
        }
        kw::CATCH => {
            if let Some(catch) =
                call(&arg, e).and_then(|t| super::retry::parse_catch(&arg.key, t, e))
            {
                d.results.catch.push(catch);
            }
        }
        kw::WHEN => {
            if let Some(rule) = call(&arg, e).and_then(|t| e.ok(parse_all(t, parse_rule))) {
                d.rules.push(rule);
            }
        }
        k if kw::INTEGRATIONS.contains(&k) => {
            if let Some(target) = eq(&arg, e, parse_target) {
                if let Some((first, _)) = &d.integration {
                    e.at(
                        arg.key.span(),
                        format!(
                            "`{k}` and `{first}` exclude each other; a task calls one integration"
                        ),
                    );
                } else {
                    d.integration = Some((arg.key.clone(), target));
                }
            }
        }
        kw::PATTERN => d.pattern = eq(&arg, e, |i| i.parse()),
        kw::METHOD => d.method = eq(&arg, e, |i| i.parse()),
        kw::CONNECTION => d.connection = eq(&arg, e, parse_target),
        kw::SOURCE => d.source = eq(&arg, e, |i| i.parse()),
        kw::DETAIL_TYPE => d.detail_type = eq(&arg, e, |i| i.parse()),
        kw::PAYLOAD => d.payload = eq(&arg, e, parse_payload),
        kw::PARAMETERS => d.parameters = eq(&arg, e, parse_payload),
        kw::ITEM_SELECTOR => d.item_selector = eq(&arg, e, parse_payload),
        kw::OUTPUT => d.output = eq(&arg, e, |i| i.parse()),
        kw::ERROR if kind == kw::FAIL => d.fail_error = eq(&arg, e, super::value::parse_error),
        kw::ERROR => d.error = eq(&arg, e, |i| i.parse()),
        kw::ITEM => d.item = eq(&arg, e, |i| i.parse()),
        kw::TIMEOUT => d.timeout = eq(&arg, e, parse_int),
        kw::HEARTBEAT => d.heartbeat = eq(&arg, e, parse_int),
        kw::TIMEOUT_PATH => d.timeout_path = eq(&arg, e, parse_path),
        kw::HEARTBEAT_PATH => d.heartbeat_path = eq(&arg, e, parse_path),
        kw::CREDENTIALS => d.credentials = eq(&arg, e, parse_target),
        kw::TOKEN_FIELD => d.token_field = eq(&arg, e, |i| i.parse()),
        kw::RESULT => d.result = eq(&arg, e, |i| i.parse()),
        kw::SECONDS | kw::TIMESTAMP | kw::SECONDS_PATH | kw::TIMESTAMP_PATH => {
            let duration = match key.as_str() {
                kw::SECONDS => eq(&arg, e, parse_int).map(Duration::Seconds),
                kw::TIMESTAMP => eq(&arg, e, |i| i.parse()).map(Duration::Timestamp),
                kw::SECONDS_PATH => eq(&arg, e, parse_path).map(Duration::SecondsPath),
                _ => eq(&arg, e, parse_path).map(Duration::TimestampPath),
            };
            if let Some((first, _)) = d.durations.first() {
                e.at(
                    arg.key.span(),
                    format!("`{key}` and `{first}` exclude each other; a Wait state waits one way"),
                );
            } else if let Some(duration) = duration {
                d.durations.push((arg.key.clone(), duration));
            }
        }
        kw::CAUSE => d.cause = eq(&arg, e, |i| i.parse()),
        kw::ERROR_PATH => d.error_path = eq(&arg, e, parse_path),
        kw::CAUSE_PATH => d.cause_path = eq(&arg, e, parse_path),
        kw::BRANCHES => d.branches = eq(&arg, e, parse_branches).unwrap_or_default(),
        kw::ITEMS => d.items = eq(&arg, e, parse_path),
        kw::MAX_CONCURRENCY => d.max_concurrency = eq(&arg, e, parse_int),
        kw::EXECUTION => d.execution = eq(&arg, e, |i| i.parse()),
        kw::TOLERATED_FAILURE_PERCENTAGE => {
            d.tolerated_failure_percentage = eq(&arg, e, parse_float)
        }
        kw::TOLERATED_FAILURE_COUNT => d.tolerated_failure_count = eq(&arg, e, parse_int),
        kw::LABEL => d.label = eq(&arg, e, |i| i.parse()),
        kw::MAX_ITEMS_PER_BATCH => d.max_items_per_batch = eq(&arg, e, parse_int),
        kw::MAX_BYTES_PER_BATCH => d.max_bytes_per_batch = eq(&arg, e, parse_int),
        kw::ITEM_READER => {
            d.item_reader = call(&arg, e).map(|t| super::distributed::parse_reader(&arg.key, t, e))
        }
        kw::RESULT_WRITER => {
            d.result_writer =
                call(&arg, e).map(|t| super::distributed::parse_writer(&arg.key, t, e))
        }
        _ => unreachable!("check_keys lets through only known keys"),
    }
}

fn parse_branches(input: syn::parse::ParseStream) -> syn::Result<Vec<Ident>> {
    let content;
    syn::bracketed!(content in input);
    let list = content.parse_terminated(Ident::parse, syn::Token![,])?;
    Ok(list.into_iter().collect())
}

use syn::parse::Parse as _;

/// The value of `key = value`, parsed with `parser`.
pub(crate) fn eq<T>(
    arg: &Arg,
    errors: &Errors,
    parser: fn(syn::parse::ParseStream) -> syn::Result<T>,
) -> Option<T> {
    match &arg.value {
        ArgValue::Eq(tokens) => errors.ok(parse_all(tokens.clone(), parser)),
        _ => {
            errors.at(
                arg.key.span(),
                format!("`{0}` needs a value: `{0} = ...`", arg.key),
            );
            None
        }
    }
}

/// A key written alone (`end`).
pub(crate) fn flag(arg: &Arg, errors: &Errors) -> Option<Span> {
    match &arg.value {
        ArgValue::Flag => Some(arg.key.span()),
        _ => {
            errors.at(arg.key.span(), format!("`{}` takes no value", arg.key));
            None
        }
    }
}

/// The tokens of `key(...)`.
pub(crate) fn call(arg: &Arg, errors: &Errors) -> Option<TokenStream> {
    match &arg.value {
        ArgValue::Call(tokens) => Some(tokens.clone()),
        _ => {
            errors.at(arg.key.span(), format!("write `{}(...)`", arg.key));
            None
        }
    }
}

fn build_kind(kind: &str, d: Draft) -> Kind {
    match kind {
        kw::TASK | kw::CALLBACK => Kind::Task(Box::new(Task {
            callback: kind == kw::CALLBACK,
            integration: d.integration,
            pattern: d.pattern,
            method: d.method,
            connection: d.connection,
            source: d.source,
            detail_type: d.detail_type,
            payload: d.payload,
            output: d.output,
            error: d.error,
            timeout: d.timeout,
            heartbeat: d.heartbeat,
            timeout_path: d.timeout_path,
            heartbeat_path: d.heartbeat_path,
            credentials: d.credentials,
            token_field: d.token_field,
            results: d.results,
        })),
        kw::PASS => Kind::Pass(Box::new(Pass {
            result: d.result,
            parameters: d.parameters,
            result_path: d.results.result_path,
        })),
        kw::CHOICE => Kind::Choice(Box::new(Choice {
            rules: d.rules,
            otherwise: d.otherwise,
        })),
        kw::WAIT => Kind::Wait(Box::new(Wait {
            duration: d.durations.into_iter().next().map(|(_, duration)| duration),
        })),
        kw::SUCCEED => Kind::Succeed,
        kw::FAIL => Kind::Fail(Box::new(Fail {
            error: d.fail_error,
            cause: d.cause,
            error_path: d.error_path,
            cause_path: d.cause_path,
        })),
        kw::PARALLEL => Kind::Parallel(Box::new(Parallel {
            branches: d.branches,
            parameters: d.parameters,
            results: d.results,
        })),
        _ => Kind::Map(Box::new(Map {
            items: d.items,
            item: d.item,
            processor: d.processor,
            item_selector: d.item_selector,
            max_concurrency: d.max_concurrency,
            distributed: d.distributed,
            execution: d.execution,
            tolerated_failure_percentage: d.tolerated_failure_percentage,
            tolerated_failure_count: d.tolerated_failure_count,
            label: d.label,
            max_items_per_batch: d.max_items_per_batch,
            max_bytes_per_batch: d.max_bytes_per_batch,
            item_reader: d.item_reader,
            result_writer: d.result_writer,
            results: d.results,
        })),
    }
}
