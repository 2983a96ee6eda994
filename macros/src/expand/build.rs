// The runtime half: each scope's states as calls to core's builder API.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{self, Names};
use crate::kw;
use crate::model::*;

pub(super) const M: fn() -> TokenStream = || quote!(::stepfn::__private::core::model);

/// `fn __stepfn_scope() -> (start, states)` for one scope.
pub(super) fn scope_fn(scope: &Scope, start: Option<&syn::Ident>, names: Names) -> TokenStream {
    let m = M();
    let start = start
        .and_then(|ident| scope.states.iter().find(|s| s.ident == *ident))
        .or(scope.states.first())
        .map(|state| state.name.clone())
        .unwrap_or_default();
    let states = scope.states.iter().map(|state| {
        let name = &state.name;
        let body = state_expr(scope, state, names);
        quote!((#name, #m::State::from(#body)))
    });
    quote! {
        #[doc(hidden)]
        #[allow(clippy::all, unused_mut)]
        pub(super) fn __stepfn_scope() -> (&'static str, ::std::vec::Vec<(&'static str, #m::State)>) {
            (#start, ::std::vec![#(#states),*])
        }
    }
}

fn state_expr(scope: &Scope, state: &StateDecl, names: Names) -> TokenStream {
    let m = M();
    let (init, own) = match &state.kind {
        Kind::Task(task) => super::task::task_expr(task, names),
        Kind::Pass(pass) => pass_expr(pass, names),
        Kind::Choice(choice) => (choice_expr(scope, choice, names), quote!()),
        Kind::Wait(wait) => (wait_expr(wait, names), quote!()),
        Kind::Succeed => (quote!(#m::SucceedState::new()), quote!()),
        Kind::Fail(fail) => (fail_expr(fail, names), quote!()),
        Kind::Parallel(parallel) => parallel_expr(parallel, names),
        Kind::Map(map) => map_expr(map, names),
    };
    let common = common(scope, state, names);
    let results = state
        .results()
        .map(|r| results(scope, r, names))
        .unwrap_or_default();
    quote!({
        let mut __s = #init;
        #own
        #common
        #results
        __s
    })
}

fn name_of(scope: &Scope, ident: &syn::Ident) -> String {
    scope
        .states
        .iter()
        .find(|state| state.ident == *ident)
        .map_or_else(|| ident.to_string(), |state| state.name.clone())
}

fn nullable(
    field: TokenStream,
    setter: TokenStream,
    value: Option<&Nullable>,
    names: Names,
) -> TokenStream {
    let m = M();
    match value {
        None => quote!(),
        Some(Nullable::Null) => {
            quote!(__s.#field = ::std::option::Option::Some(#m::Nullable::Null);)
        }
        Some(Nullable::Path(path)) => {
            let path = tokens::path(path, names);
            quote!(__s = __s.#setter(#path);)
        }
    }
}

fn common(scope: &Scope, state: &StateDecl, names: Names) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(comment) = &state.comment {
        out.extend(quote!(__s = __s.comment(#comment);));
    }
    out.extend(nullable(
        quote!(input_path),
        quote!(input_path),
        state.input_path.as_ref(),
        names,
    ));
    out.extend(nullable(
        quote!(output_path),
        quote!(output_path),
        state.output_path.as_ref(),
        names,
    ));
    if let Some(next) = &state.next {
        let next = name_of(scope, next);
        out.extend(quote!(__s = __s.next(#next);));
    } else if state.end.is_some() {
        out.extend(quote!(__s = __s.end();));
    }
    out.extend(assign(quote!(__s), state.assign.as_ref(), names));
    out
}

/// `<target>.assign = Some(..)` when `assign(...)` is written.
fn assign(target: TokenStream, assign: Option<&Assign>, names: Names) -> TokenStream {
    let Some(assign) = assign else {
        return quote!();
    };
    let t = tokens::assign(assign, names);
    quote!(#target.assign = ::std::option::Option::Some(#t);)
}

fn results(scope: &Scope, results: &Results, names: Names) -> TokenStream {
    let m = M();
    let mut out = nullable(
        quote!(result_path),
        quote!(result_path),
        results.result_path.as_ref(),
        names,
    );
    if let Some(Payload::Struct(selector)) = &results.result_selector {
        let t = tokens::template(selector, names, None);
        out.extend(quote!(__s = __s.result_selector(#t);));
    }
    for retry in &results.retry {
        let errors = retry.errors.iter().map(tokens::error_name);
        let mut r = quote!(#m::Retrier::new([#(#errors),*]));
        if let Some(i) = &retry.interval {
            let v = i.value;
            r = quote!(#r.interval_seconds(#v));
        }
        if let Some(i) = &retry.max_attempts {
            let v = i.value;
            r = quote!(#r.max_attempts(#v));
        }
        if let Some(f) = &retry.backoff {
            let v = f.value;
            r = quote!(#r.backoff_rate(#v));
        }
        if let Some(i) = &retry.max_delay {
            let v = i.value;
            r = quote!(#r.max_delay_seconds(#v));
        }
        if let Some(jitter) = &retry.jitter {
            let strategy = if jitter == "full" {
                quote!(Full)
            } else {
                quote!(None)
            };
            r = quote!(#r.jitter(#m::JitterStrategy::#strategy));
        }
        let comment = retry
            .comment
            .as_ref()
            .map(|c| quote!(__r.comment = ::std::option::Option::Some(#c.to_owned());));
        out.extend(quote!(__s = __s.retry({ let mut __r = #r; #comment __r });));
    }
    for catch in &results.catch {
        let errors = catch.errors.iter().map(tokens::error_name);
        let next = name_of(scope, &catch.next);
        let path = match &catch.result_path {
            None => quote!(),
            Some(Nullable::Null) => {
                quote!(__c.result_path = ::std::option::Option::Some(#m::Nullable::Null);)
            }
            Some(Nullable::Path(p)) => {
                let p = tokens::path(p, names);
                quote!(__c = __c.result_path(#p);)
            }
        };
        let comment = catch
            .comment
            .as_ref()
            .map(|c| quote!(__c.comment = ::std::option::Option::Some(#c.to_owned());));
        let assign = assign(quote!(__c), catch.assign.as_ref(), names);
        out.extend(quote!(__s = __s.catch({
            let mut __c = #m::Catcher::new([#(#errors),*], #next);
            #path
            #comment
            #assign
            __c
        });));
    }
    out
}

fn pass_expr(pass: &Pass, names: Names) -> (TokenStream, TokenStream) {
    let m = M();
    let mut own = quote!();
    if let Some(result) = &pass.result {
        own.extend(quote!(__s = __s.result(::stepfn::__private::serde_json::to_value(&(#result)).unwrap_or_default());));
    }
    if let Some(Payload::Struct(lit)) = &pass.parameters {
        let t = tokens::template(lit, names, None);
        own.extend(quote!(__s = __s.parameters(#t);));
    }
    own.extend(nullable(
        quote!(result_path),
        quote!(result_path),
        pass.result_path.as_ref(),
        names,
    ));
    (quote!(#m::PassState::new()), own)
}

fn choice_expr(scope: &Scope, choice: &Choice, names: Names) -> TokenStream {
    let m = M();
    let mut out = quote!(#m::ChoiceState::new());
    for rule in &choice.rules {
        let condition = super::condition::condition(&rule.condition, names);
        let next = name_of(scope, &rule.next);
        out = quote!(#out.when(#condition, #next));
    }
    if let Some(otherwise) = &choice.otherwise {
        let otherwise = name_of(scope, otherwise);
        out = quote!(#out.otherwise(#otherwise));
    }
    out
}

fn wait_expr(wait: &Wait, names: Names) -> TokenStream {
    let m = M();
    match wait
        .duration
        .as_ref()
        .expect("checked: a Wait has a duration")
    {
        Duration::Seconds(s) => {
            let v = s.value;
            quote!(#m::WaitState::seconds(#v))
        }
        Duration::Timestamp(lit) => quote!(#m::WaitState::timestamp(#lit)),
        Duration::SecondsPath(p) => {
            let p = tokens::path(p, names);
            quote!(#m::WaitState::seconds_path(#p))
        }
        Duration::TimestampPath(p) => {
            let p = tokens::path(p, names);
            quote!(#m::WaitState::timestamp_path(#p))
        }
    }
}

fn fail_expr(fail: &Fail, names: Names) -> TokenStream {
    let m = M();
    let dynamic = quote!(::stepfn::__private::core::path::Dynamic::Path);
    let mut out = quote!(#m::FailState::new());
    if let Some(error) = &fail.error {
        let text = tokens::error_text(error);
        out = quote!(#out.error(#text));
    }
    if let Some(p) = &fail.error_path {
        let p = tokens::path(p, names);
        out = quote!(#out.error_path(#dynamic(#p)));
    }
    if let Some(cause) = &fail.cause {
        out = quote!(#out.cause(#cause));
    }
    if let Some(p) = &fail.cause_path {
        let p = tokens::path(p, names);
        out = quote!(#out.cause_path(#dynamic(#p)));
    }
    out
}

fn parallel_expr(parallel: &Parallel, names: Names) -> (TokenStream, TokenStream) {
    let m = M();
    let mut own = quote!();
    for branch in &parallel.branches {
        own.extend(quote!(__s = __s.branch({
            let (__start, __states) = self::#branch::__stepfn_scope();
            let mut __b = #m::Branch::new(__start);
            for (__n, __st) in __states { __b = __b.state(__n, __st); }
            __b
        });));
    }
    if let Some(Payload::Struct(lit)) = &parallel.parameters {
        let t = tokens::template(lit, names, None);
        own.extend(quote!(__s = __s.parameters(#t);));
    }
    (quote!(#m::ParallelState::new()), own)
}

fn map_expr(map: &Map, names: Names) -> (TokenStream, TokenStream) {
    let m = M();
    let processor = map
        .processor
        .as_ref()
        .expect("checked: a Map names its processor");
    let new_processor = match (
        &map.distributed,
        map.execution.as_ref().map(ToString::to_string).as_deref(),
    ) {
        (None, _) => quote!(#m::Processor::new(__start)),
        (Some(_), Some("express")) => {
            quote!(#m::Processor::distributed(__start, #m::ExecutionType::Express))
        }
        (Some(_), _) => quote!(#m::Processor::distributed(__start, #m::ExecutionType::Standard)),
    };
    let init = quote!(#m::MapState::new({
        let (__start, __states) = self::#processor::__stepfn_scope();
        let mut __p = #new_processor;
        for (__n, __st) in __states { __p = __p.state(__n, __st); }
        __p
    }));
    let mut own = quote!();
    if let Some(p) = &map.items {
        let p = tokens::path(p, names);
        own.extend(quote!(__s = __s.items_path(#p);));
    }
    if let Some(Payload::Struct(lit)) = &map.item_selector {
        let t = tokens::template(lit, names, None);
        own.extend(quote!(__s = __s.item_selector(#t);));
    }
    if let Some(n) = &map.max_concurrency {
        let v = n.value;
        own.extend(quote!(__s = __s.max_concurrency(#v);));
    }
    if let Some(f) = &map.tolerated_failure_percentage {
        let v = f.value;
        own.extend(quote!(__s = __s.tolerated_failure_percentage(#v);));
    }
    if let Some(n) = &map.tolerated_failure_count {
        let v = n.value;
        own.extend(quote!(__s = __s.tolerated_failure_count(#v);));
    }
    if let Some(label) = &map.label {
        own.extend(quote!(__s.label = ::std::option::Option::Some(#label.to_owned());));
    }
    if map.max_items_per_batch.is_some() || map.max_bytes_per_batch.is_some() {
        let some_int = |n: Option<&Int>| match n.map(|n| n.value) {
            Some(v) => quote!(::std::option::Option::Some(#m::IntSource::Value(#v))),
            None => quote!(::std::option::Option::None),
        };
        let items = some_int(map.max_items_per_batch.as_ref());
        let bytes = some_int(map.max_bytes_per_batch.as_ref());
        own.extend(quote!(__s = __s.item_batcher(#m::ItemBatcher {
            max_items_per_batch: #items,
            max_input_bytes_per_batch: #bytes,
            ..::std::default::Default::default()
        });));
    }
    if let Some(reader) = &map.item_reader {
        let reader = reader_expr(reader, names);
        own.extend(quote!(__s = __s.item_reader(#reader);));
    }
    if let Some(writer) = &map.result_writer {
        let writer = writer_expr(writer, names);
        own.extend(quote!(__s = __s.result_writer(#writer);));
    }
    (init, own)
}

/// `Bucket`, then `Key` or `Prefix` when given: the S3 parameters of a reader or writer.
fn s3_parameters(
    bucket: Option<&Target>,
    texts: [(&str, Option<&Text>); 2],
    names: Names,
) -> TokenStream {
    let m = M();
    let mut out = quote!(#m::Template::object());
    if let Some(bucket) = bucket {
        let bucket = tokens::target(bucket);
        out = quote!(#out.with("Bucket", #bucket));
    }
    for (key, text) in texts {
        out = match text {
            Some(Text::Literal(lit)) => quote!(#out.with(#key, #lit)),
            Some(Text::Path(p)) => {
                let p = tokens::path(p, names);
                quote!(#out.with_path(#key, #p))
            }
            None => out,
        };
    }
    out
}

/// `Type::from_text("CSV")` for a checked word, or `None`.
fn word(ty: TokenStream, key: &str, word: Option<&syn::Ident>) -> TokenStream {
    let m = M();
    match word.and_then(|word| map_word(key, word)) {
        Some(text) => quote!(#m::#ty::from_text(#text)),
        None => quote!(::std::option::Option::None),
    }
}

fn reader_expr(reader: &ItemReader, names: Names) -> TokenStream {
    let m = M();
    let resource = reader.resource();
    let parameters = s3_parameters(
        reader.bucket.as_ref(),
        [
            ("Key", reader.object.as_ref()),
            ("Prefix", reader.prefix.as_ref()),
        ],
        names,
    );
    let input_type = word(
        quote!(InputType),
        kw::INPUT_TYPE,
        reader.input_type.as_ref(),
    );
    let header = word(
        quote!(CsvHeaderLocation),
        kw::CSV_HEADER_LOCATION,
        reader.csv_header_location.as_ref(),
    );
    let max_items = match reader.max_items.as_ref().map(|n| n.value) {
        Some(v) => quote!(::std::option::Option::Some(#m::IntSource::Value(#v))),
        None => quote!(::std::option::Option::None),
    };
    let configured = reader.input_type.is_some()
        || reader.csv_header_location.is_some()
        || reader.max_items.is_some();
    let config = if configured {
        quote!(::std::option::Option::Some(#m::ReaderConfig {
            input_type: #input_type,
            csv_header_location: #header,
            max_items: #max_items,
            ..::std::default::Default::default()
        }))
    } else {
        quote!(::std::option::Option::None)
    };
    quote!(#m::ItemReader {
        resource: #m::Resource::new(#resource),
        parameters: ::std::option::Option::Some(#parameters),
        arguments: ::std::option::Option::None,
        reader_config: #config,
    })
}

fn writer_expr(writer: &ResultWriter, names: Names) -> TokenStream {
    let m = M();
    let resource = ResultWriter::RESOURCE;
    let parameters = s3_parameters(
        writer.bucket.as_ref(),
        [("Prefix", writer.prefix.as_ref()), ("Key", None)],
        names,
    );
    let output_type = word(
        quote!(OutputType),
        kw::OUTPUT_TYPE,
        writer.output_type.as_ref(),
    );
    let transformation = word(
        quote!(Transformation),
        kw::TRANSFORMATION,
        writer.transformation.as_ref(),
    );
    let config = if writer.output_type.is_some() || writer.transformation.is_some() {
        quote!(::std::option::Option::Some(#m::WriterConfig {
            output_type: #output_type,
            transformation: #transformation,
        }))
    } else {
        quote!(::std::option::Option::None)
    };
    quote!(#m::ResultWriter {
        resource: ::std::option::Option::Some(#m::Resource::new(#resource)),
        parameters: ::std::option::Option::Some(#parameters),
        arguments: ::std::option::Option::None,
        writer_config: #config,
    })
}
