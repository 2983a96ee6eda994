// The checks half: a function per scope that rustc type-checks and nothing calls. Each
// expression carries the span of the attribute tokens it comes from, so a wrong field or
// type is reported by rustc on the user's own path or literal.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::task::task_token_key;
use super::tokens::{self, Names};
use crate::model::*;

const CHECK: fn() -> TokenStream = || quote!(::stepfn::__private::check);

/// The checks of one scope, as an item of its module.
pub(super) fn scope_checks(scope: &Scope, names: Names) -> TokenStream {
    let body: TokenStream = scope
        .states
        .iter()
        .map(|state| state_checks(state, names))
        .collect();
    quote! {
        #[doc(hidden)]
        #[allow(unused, unreachable_code, non_snake_case, clippy::all)]
        const _: () = {
            use ::stepfn::__private::check::{ThroughOption as _, ThroughPlain as _};
            fn __stepfn_check(d: &__StepfnData, c: &::stepfn::__private::context::Context) {
                #body
            }
        };
    }
}

fn state_checks(state: &StateDecl, names: Names) -> TokenStream {
    // The state itself, so that its unit struct counts as used; then every state this one
    // goes to, on the user's token: rustc and rust-analyzer resolve `next = Done` to the
    // struct `Done` (go to definition, rename).
    let ident = &state.ident;
    let mut out = quote_spanned!(ident.span()=> let _: #ident = #ident;);
    for target in state.successors() {
        out.extend(quote_spanned!(target.span()=> let _ = #target;));
    }
    for path in [&state.input_path, &state.output_path]
        .into_iter()
        .flatten()
    {
        out.extend(read(path));
    }
    if let Some(results) = state.results() {
        out.extend(result_checks(state, results));
    }
    out.extend(match &state.kind {
        Kind::Task(task) => task_checks(state, task, names),
        Kind::Pass(pass) => pass_checks(pass),
        Kind::Choice(choice) => choice
            .rules
            .iter()
            .map(|rule| super::condition::checks(&rule.condition))
            .collect(),
        Kind::Wait(wait) => wait_checks(wait),
        Kind::Fail(fail) => fail_checks(fail),
        Kind::Parallel(parallel) => parallel_checks(parallel),
        Kind::Map(map) => map_checks(map),
        Kind::Succeed => TokenStream::new(),
    });
    out
}

/// A path that must exist, whatever its type.
fn read(path: &Nullable) -> TokenStream {
    match path {
        Nullable::Null => TokenStream::new(),
        // A variable's type is not known to the macro, nor its fields.
        Nullable::Path(AslPath {
            root: Root::Variable(_),
            ..
        }) => TokenStream::new(),
        Nullable::Path(path) => {
            let place = tokens::place(path);
            quote!(let _ = #place;)
        }
    }
}

fn result_checks(state: &StateDecl, results: &Results) -> TokenStream {
    let check = CHECK();
    let mut out = TokenStream::new();
    let output = match &state.kind {
        Kind::Task(task) => task.output.as_ref(),
        _ => None,
    };
    if let Some(Nullable::Path(path)) = &results.result_path {
        let place = tokens::place(path);
        out.extend(match output {
            Some(ty) => quote_spanned!(path.root_span=> ::stepfn::__private::check::holds::<#ty, _>(#place);),
            None => quote!(let _ = #place;),
        });
    }
    if let (Some(Payload::Struct(selector)), Some(ty)) = (&results.result_selector, output) {
        let literal = struct_check(selector, None);
        out.extend(quote!({ let d: &#ty = &#check::any::<#ty>(); let _ = #literal; }));
    }
    for catch in &results.catch {
        if let Some(Nullable::Path(path)) = &catch.result_path {
            let place = tokens::place(path);
            out.extend(
                quote_spanned!(path.root_span=> ::stepfn::__private::check::holds::<::stepfn::CaughtError, _>(#place);),
            );
        }
    }
    let declared = match &state.kind {
        Kind::Task(task) => task.error.as_ref(),
        _ => None,
    };
    let lists = results
        .retry
        .iter()
        .map(|r| &r.errors)
        .chain(results.catch.iter().map(|c| &c.errors));
    for name in lists.flatten() {
        out.extend(error_check(name, declared));
    }
    out
}

/// Names an error on the user's tokens: a variant of the declared enum, or a predefined one.
fn error_check(name: &ErrorRef, declared: Option<&syn::Type>) -> TokenStream {
    match name {
        ErrorRef::States(states, variant) => {
            let Some(predefined) = crate::check::predefined(variant) else {
                return TokenStream::new();
            };
            let variant = syn::Ident::new(&format!("{predefined:?}"), variant.span());
            let ty = quote_spanned!(states.span()=> ::stepfn::__private::PredefinedError);
            quote!(let _ = #ty::#variant;)
        }
        ErrorRef::Variant(path, variant) => {
            let ty = match declared {
                Some(ty) => quote!(#ty),
                None => quote!(#path),
            };
            quote_spanned!(variant.span()=> let _ = |e: &#ty| ::core::matches!(*e, #path::#variant { .. });)
        }
        ErrorRef::Literal(_) => TokenStream::new(),
    }
}

fn task_checks(state: &StateDecl, task: &Task, names: Names) -> TokenStream {
    let check = CHECK();
    let mut out = TokenStream::new();
    if let Some(payload) = &task.payload {
        let token = task_token_key(task, names).map(|_| {
            let field = task
                .token_field
                .clone()
                .unwrap_or_else(|| quote::format_ident!("task_token"));
            let ident = &state.ident;
            (field, quote!(#check::task_token::<#ident>()))
        });
        out.extend(payload_check(payload, token));
    }
    for path in [&task.timeout_path, &task.heartbeat_path]
        .into_iter()
        .flatten()
    {
        let place = tokens::place(path);
        out.extend(quote_spanned!(path.root_span=> ::stepfn::__private::check::seconds(#place);));
    }
    out
}

fn payload_check(payload: &Payload, token: Option<(syn::Ident, TokenStream)>) -> TokenStream {
    match payload {
        Payload::Path(path) => read(&Nullable::Path(path.clone())),
        Payload::Struct(lit) => {
            let literal = struct_check(lit, token);
            quote!(let _ = #literal;)
        }
    }
}

/// `Type { field: <value of the path's type>, ... }`: rustc checks every field's name and type.
fn struct_check(lit: &StructLit, token: Option<(syn::Ident, TokenStream)>) -> TokenStream {
    let ty = &lit.ty;
    let span = ty.span();
    let mut fields = Vec::new();
    if let Some((field, value)) = token {
        let field = syn::Ident::new(&field.to_string(), span);
        fields.push(quote_spanned!(span=> #field: #value));
    }
    for (field, value) in &lit.fields {
        let value = match value {
            Value::Path(path) => {
                let place = tokens::place(path);
                quote_spanned!(path.root_span=> ::stepfn::__private::check::value(#place))
            }
            Value::Str(l) => quote_spanned!(l.span()=> ::stepfn::__private::check::text_literal()),
            Value::Int(l) => {
                quote_spanned!(l.span()=> ::stepfn::__private::check::number_literal())
            }
            Value::Float(l) => {
                quote_spanned!(l.span()=> ::stepfn::__private::check::number_literal())
            }
            Value::Bool(l) => quote_spanned!(l.span()=> ::stepfn::__private::check::bool_literal()),
            Value::Null(span) => quote_spanned!(*span=> ::stepfn::__private::check::null_literal()),
            Value::Struct(inner) => struct_check(inner, None),
            Value::Intrinsic(call) => intrinsic_check(call),
        };
        fields.push(quote!(#field: #value));
    }
    let rest = lit
        .rest
        .map(|span| quote_spanned!(span=> ..::stepfn::__private::check::any()));
    quote_spanned!(span=> #ty { #(#fields,)* #rest })
}

/// The paths a call reads must exist; its result must fit the field when its JSON type is
/// known (a string for `States::format`, a number for `States::math_add`, ...).
fn intrinsic_check(call: &Intrinsic) -> TokenStream {
    let reads = intrinsic_reads(call);
    let span = call.ident.span();
    let result = syn::Ident::new(crate::intrinsic::result_check(call.function), span);
    quote_spanned!(span=> { #reads ::stepfn::__private::check::#result() })
}

fn intrinsic_reads(call: &Intrinsic) -> TokenStream {
    call.args
        .iter()
        .map(|arg| match arg {
            Value::Path(path) => read(&Nullable::Path(path.clone())),
            Value::Intrinsic(inner) => intrinsic_reads(inner),
            _ => TokenStream::new(),
        })
        .collect()
}

fn pass_checks(pass: &Pass) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(parameters) = &pass.parameters {
        out.extend(payload_check(parameters, None));
    }
    if let Some(path) = &pass.result_path {
        out.extend(read(path));
    }
    out
}

fn wait_checks(wait: &Wait) -> TokenStream {
    match &wait.duration {
        Some(Duration::SecondsPath(path)) => {
            let place = tokens::place(path);
            quote_spanned!(path.root_span=> ::stepfn::__private::check::seconds(#place);)
        }
        Some(Duration::TimestampPath(path)) => {
            let place = tokens::place(path);
            quote_spanned!(path.root_span=> ::stepfn::__private::check::text(#place);)
        }
        _ => TokenStream::new(),
    }
}

fn fail_checks(fail: &Fail) -> TokenStream {
    let mut out = TokenStream::new();
    for path in [&fail.error_path, &fail.cause_path].into_iter().flatten() {
        let place = tokens::place(path);
        out.extend(quote_spanned!(path.root_span=> ::stepfn::__private::check::text(#place);));
    }
    if let Some(ErrorRef::Variant(path, variant)) = &fail.error {
        out.extend(quote_spanned!(variant.span()=> let _ = |e: &__StepfnError| ::core::matches!(*e, #path::#variant { .. });));
    } else if let Some(error @ ErrorRef::States(..)) = &fail.error {
        out.extend(error_check(error, None));
    }
    out
}

fn parallel_checks(parallel: &Parallel) -> TokenStream {
    let mut out = TokenStream::new();
    for branch in &parallel.branches {
        out.extend(quote_spanned!(branch.span()=> { use self::#branch as _; }));
    }
    if let Some(parameters) = &parallel.parameters {
        out.extend(payload_check(parameters, None));
    }
    out
}

fn map_checks(map: &Map) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(processor) = &map.processor {
        out.extend(quote_spanned!(processor.span()=> { use self::#processor as _; }));
    }
    if let Some(path) = &map.items {
        let place = tokens::place(path);
        out.extend(match &map.item {
            Some(ty) => quote_spanned!(path.root_span=> ::stepfn::__private::check::items_of::<#ty, _>(#place);),
            None => quote_spanned!(path.root_span=> { let _ = ::stepfn::__private::check::item(#place); }),
        });
    }
    if let Some(selector) = &map.item_selector {
        out.extend(payload_check(selector, None));
    }
    let reader = map.item_reader.iter().flat_map(|r| [&r.object, &r.prefix]);
    let writer = map.result_writer.iter().map(|w| &w.prefix);
    for text in reader.chain(writer).flatten() {
        if let Text::Path(path) = text {
            let place = tokens::place(path);
            out.extend(quote_spanned!(path.root_span=> ::stepfn::__private::check::text(#place);));
        }
    }
    out
}
