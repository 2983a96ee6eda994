// What a workflow with errors expands to: the errors, the module as written (state
// attributes removed) and stand-ins for everything the user's other code may name, so that
// the build shows the real mistakes and not a cascade of "cannot find `LoanProcessor`".

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Item, ItemMod};

use crate::expand::{outer_items, placeholders};
use crate::model::{Kind, Scope, Workflow};

pub(crate) fn stubs(workflow: &Workflow, mut module: ItemMod, errors: TokenStream) -> TokenStream {
    let mut subs = Vec::new();
    placeholders(&workflow.root, &mut subs);
    let outer = outer_items(workflow, &subs);
    let name = &workflow.name;
    let name_text = name.to_string();
    let private = quote!(::stepfn::__private);

    if let Some((_, items)) = module.content.as_mut() {
        callback_stubs(&workflow.root, items);
        items.push(Item::Verbatim(quote! {
            impl #private::Workflow for super::#name {
                const NAME: &'static str = #name_text;
                const MACHINE_TYPE: #private::core::MachineType = #private::core::MachineType::Standard;
                const SUBSTITUTIONS: &'static [&'static str] = &[];
                fn state_machine() -> #private::core::StateMachine {
                    ::core::unreachable!("the workflow did not compile")
                }
                fn schemas() -> ::std::collections::BTreeMap<::std::string::String, #private::serde_json::Value> {
                    ::core::unreachable!("the workflow did not compile")
                }
            }
        }));
    }
    quote!(#errors #outer #module)
}

/// `CallbackTask` for each callback task, with `()` and `NoError` where a type is missing.
fn callback_stubs(scope: &Scope, items: &mut Vec<Item>) {
    let private = quote!(::stepfn::__private);
    for state in &scope.states {
        let Kind::Task(task) = &state.kind else {
            continue;
        };
        if !task.callback {
            continue;
        }
        let ident = &state.ident;
        let name = &state.name;
        let output = task
            .output
            .as_ref()
            .map_or_else(|| quote!(()), |ty| quote!(#ty));
        let error = task
            .error
            .as_ref()
            .map_or_else(|| quote!(#private::NoError), |ty| quote!(#ty));
        let heartbeat = task
            .heartbeat
            .is_some()
            .then(|| quote!(impl #private::Heartbeat for #ident {}));
        items.push(Item::Verbatim(quote! {
            impl #private::CallbackTask for #ident {
                const STATE_NAME: &'static str = #name;
                type Output = #output;
                type Error = #error;
            }
            #heartbeat
        }));
    }
    for child in &scope.children {
        let Some(module) = &child.module else {
            continue;
        };
        let found = items.iter_mut().find_map(|item| match item {
            Item::Mod(m) if m.ident == *module => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        });
        if let Some(child_items) = found {
            callback_stubs(child, child_items);
        }
    }
}
