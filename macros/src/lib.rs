//! The procedural macros of stepfn: `#[workflow]` and `#[derive(TaskError)]`. Use them
//! through the `stepfn` crate, whose documentation is the user guide.
//!
//! # Design
//!
//! A workflow is an inline module; each state is a struct in it carrying one attribute
//! (`#[task]`, `#[callback]`, `#[choice]`, ...). Transitions name states by their Rust
//! names, and the macro emits a use of each name on the user's own token, so rustc and
//! rust-analyzer resolve `next = RecordValuation` to the struct (go to definition, rename).
//! Parallel branches and Map processors are child modules of states.
//!
//! One invocation sees the whole machine, so checks across states (unknown or unreachable
//! states, no terminal state, errors a task cannot raise) report with spans. What only
//! types can tell (does the payload type have this field, can this field hold the task's
//! output) is left to rustc: the macro generates a function that nothing calls, whose
//! expressions carry the spans of the attribute's paths and literals, sqlx-style.
//!
//! The pipeline: `parse` reads attributes into the typed `model` (every value keeps its
//! tokens); `check` runs the cross-item checks, collecting every error; `expand` emits
//! builder calls of core's model through `::stepfn::__private` and cannot fail; on errors
//! `stub` emits the errors with stand-in impls instead. Keywords live in `kw`. ASL rules
//! (state names, timestamps) are asked of core's validator, in `rules`; before expanding,
//! `verify` builds the machine as a value and runs core's validator on it.

mod check;
mod ctx;
mod expand;
mod intrinsic;
mod kw;
mod model;
mod parse;
mod rename;
mod rules;
mod stub;
mod task_error;
mod verify;

use proc_macro::TokenStream;

/// Declares a state machine in an inline module of states; the guide, with every key, is the
/// documentation of `stepfn::Workflow`.
#[proc_macro_attribute]
pub fn workflow(args: TokenStream, item: TokenStream) -> TokenStream {
    workflow_impl(args.into(), item.into()).into()
}

/// Makes an enum the error type of tasks: each variant is one ASL error name, the variant's
/// name unless `#[task_error(name = "Other.Name")]` says otherwise. A variant carries its
/// cause in one unnamed field or a field named `cause`.
#[proc_macro_derive(TaskError, attributes(task_error))]
pub fn derive_task_error(input: TokenStream) -> TokenStream {
    match syn::parse::<syn::DeriveInput>(input) {
        Ok(input) => task_error::derive(input).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn workflow_impl(
    args: proc_macro2::TokenStream,
    item: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let errors = ctx::Errors::new();
    let module = match syn::parse2::<syn::ItemMod>(item.clone()) {
        Ok(module) => module,
        Err(_) => {
            let first = item.clone().into_iter().next();
            errors.on(
                first,
                "`#[workflow]` goes on an inline module of states: `mod name { ... }`",
            );
            let errs = errors.finish().unwrap_or_default();
            return quote::quote!(#errs #item);
        }
    };
    let Some((workflow, module)) = parse::parse_workflow(args, module, &errors) else {
        let errs = errors.finish().unwrap_or_default();
        return quote::quote!(#errs #item);
    };
    if errors.is_empty() || workflow.data.is_some() {
        check::check(&workflow, &errors);
    }
    if errors.is_empty() {
        verify::verify(&workflow, &errors);
    }
    match errors.finish() {
        Some(errs) => stub::stubs(&workflow, module, errs),
        None => expand::expand(&workflow, module),
    }
}
