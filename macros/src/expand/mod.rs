// Expansion of a checked workflow. Nothing here can fail: every problem was reported by the
// checks, and a workflow with errors is expanded by `stub` instead.

mod build;
mod condition;
mod impls;
mod task;
mod tokens;
mod typeck;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Item, ItemMod};

use crate::model::{Kind, Payload, Scope, Workflow};

pub(crate) use condition::{compare_suffix, pascal};
pub(crate) use impls::{outer_items, placeholders};
pub(crate) use task::{raw_resource_text, service_of, task_token_key};
pub(crate) use tokens::Names;
/// The module with its generated items, and the items beside it.
pub(crate) fn expand(workflow: &Workflow, mut module: ItemMod) -> TokenStream {
    let names = Names {
        rename: workflow.rename,
    };
    let mut subs = Vec::new();
    placeholders(&workflow.root, &mut subs);

    // The types named in `#[workflow(...)]` resolve where the attribute is written, beside
    // the module; the module's items reach them through `super::`.
    let data = workflow
        .data
        .as_ref()
        .expect("checked: a workflow has data");
    let input = workflow.input.as_ref().unwrap_or(data);
    let error = workflow
        .error
        .as_ref()
        .map_or_else(|| quote!(::stepfn::__private::NoError), |ty| quote!(#ty));
    let [data_alias, input_alias, error_alias] =
        ["Data", "Input", "Error"].map(|role| format_ident!("__Stepfn{}_{}", role, workflow.name));
    let aliases = quote! {
        #[doc(hidden)]
        #[allow(dead_code, non_camel_case_types)]
        type #data_alias = #data;
        #[doc(hidden)]
        #[allow(dead_code, non_camel_case_types)]
        type #input_alias = #input;
        #[doc(hidden)]
        #[allow(dead_code, non_camel_case_types)]
        type #error_alias = #error;
    };

    let items = &mut module.content.as_mut().expect("checked: inline module").1;
    items.push(syn::parse_quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        type __StepfnData = super::#data_alias;
    });
    items.push(syn::parse_quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        type __StepfnInput = super::#input_alias;
    });
    items.push(syn::parse_quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        type __StepfnError = super::#error_alias;
    });
    inject(workflow, &workflow.root, items, names);
    items.push(Item::Verbatim(impls::workflow_impl(workflow, &subs)));

    let outer = outer_items(workflow, &subs);
    quote!(#outer #aliases #module)
}

/// Adds a scope's generated items to its module, and recurses into its child modules.
fn inject(workflow: &Workflow, scope: &Scope, items: &mut Vec<Item>, names: Names) {
    let start = if scope.module.is_none() {
        workflow.start.as_ref()
    } else {
        None
    };
    let mut generated = vec![
        build::scope_fn(scope, start, names),
        impls::schemas_fn(scope),
        typeck::scope_checks(scope, names),
        impls::callback_impls(scope),
    ];
    generated.extend(child_data(scope));
    items.extend(generated.into_iter().map(Item::Verbatim));

    for child in &scope.children {
        let Some(child_ident) = &child.module else {
            continue;
        };
        let Some(child_items) = items.iter_mut().find_map(|item| match item {
            Item::Mod(m) if m.ident == *child_ident => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        }) else {
            continue;
        };
        let alias = format_ident!("__StepfnData_{}", child_ident);
        child_items.push(syn::parse_quote! {
            #[doc(hidden)]
            #[allow(dead_code)]
            type __StepfnData = super::#alias;
        });
        child_items.push(syn::parse_quote! {
            #[doc(hidden)]
            #[allow(dead_code)]
            type __StepfnError = super::__StepfnError;
        });
        inject(workflow, child, child_items, names);
    }
}

/// `type __StepfnData_<module> = ...;`: the data type of each child scope, named where its
/// type resolves (in this module): a branch gets this scope's data, a processor one item.
fn child_data(scope: &Scope) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for state in &scope.states {
        match &state.kind {
            Kind::Parallel(parallel) => {
                for branch in &parallel.branches {
                    let alias = format_ident!("__StepfnData_{}", branch);
                    out.push(quote!(#[doc(hidden)] #[allow(dead_code, non_camel_case_types)] type #alias = __StepfnData;));
                }
            }
            Kind::Map(map) => {
                let Some(processor) = &map.processor else {
                    continue;
                };
                let alias = format_ident!("__StepfnData_{}", processor);
                let ty = match (&map.item_selector, &map.item) {
                    (Some(Payload::Struct(lit)), _) => {
                        let path = &lit.ty;
                        quote!(#path)
                    }
                    (_, Some(ty)) => quote!(#ty),
                    _ => continue,
                };
                out.push(quote!(#[doc(hidden)] #[allow(dead_code, non_camel_case_types)] type #alias = #ty;));
            }
            _ => {}
        }
    }
    out
}
