// Trait impls and the items next to the module: the workflow type, its substitutions, the
// callback tasks' `CallbackTask`/`Heartbeat` impls and the schemas.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::kw;
use crate::model::*;

/// `CallbackTask` (and `Heartbeat`) for each callback task of a scope.
pub(super) fn callback_impls(scope: &Scope) -> TokenStream {
    let private = quote!(::stepfn::__private);
    scope
        .states
        .iter()
        .filter_map(|state| match &state.kind {
            Kind::Task(task) if task.callback => Some((state, task)),
            _ => None,
        })
        .map(|(state, task)| {
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
            let heartbeat = (task.heartbeat.is_some() || task.heartbeat_path.is_some())
                .then(|| quote!(impl #private::Heartbeat for #ident {}));
            quote! {
                impl #private::CallbackTask for #ident {
                    const STATE_NAME: &'static str = #name;
                    type Output = #output;
                    type Error = #error;
                }
                #heartbeat
            }
        })
        .collect()
}

/// `fn __stepfn_schemas(map)` for a scope: the schemas of its tasks, then its children's.
pub(super) fn schemas_fn(scope: &Scope) -> TokenStream {
    let private = quote!(::stepfn::__private);
    let mut body = TokenStream::new();
    for state in &scope.states {
        let Kind::Task(task) = &state.kind else {
            continue;
        };
        let name = &state.name;
        if let Some(Payload::Struct(lit)) = &task.payload {
            let ty = &lit.ty;
            let role = format!("{name}.payload");
            body.extend(quote!(#private::insert(map, #role, #private::schema_of::<#ty>());));
        }
        if let Some(ty) = &task.output {
            let role = format!("{name}.output");
            body.extend(quote!(#private::insert(map, #role, #private::schema_of::<#ty>());));
        }
        if let Some(ty) = &task.error {
            let role = format!("{name}.error");
            body.extend(
                quote!(#private::insert(map, #role, #private::error_schema::<#ty>(#role));),
            );
        }
    }
    for child in &scope.children {
        let module = child.module.as_ref().expect("children are modules");
        body.extend(quote!(self::#module::__stepfn_schemas(map);));
    }
    quote! {
        #[doc(hidden)]
        pub(super) fn __stepfn_schemas(
            map: &mut ::std::collections::BTreeMap<::std::string::String, #private::serde_json::Value>,
        ) {
            #body
        }
    }
}

/// Every `${Placeholder}` of the machine, sorted and without repeats.
pub(crate) fn placeholders(scope: &Scope, out: &mut Vec<Ident>) {
    for state in &scope.states {
        let targets = match &state.kind {
            Kind::Task(task) => [
                task.integration
                    .as_ref()
                    .filter(|(key, _)| key != kw::AWS_SDK)
                    .map(|(_, target)| target),
                task.connection.as_ref(),
                task.credentials.as_ref(),
            ],
            Kind::Map(map) => [
                map.item_reader.as_ref().and_then(|r| r.bucket.as_ref()),
                map.result_writer.as_ref().and_then(|w| w.bucket.as_ref()),
                None,
            ],
            _ => continue,
        };
        for target in targets.into_iter().flatten() {
            if let Target::Placeholder(ident) = target
                && !out.iter().any(|known| known == ident)
            {
                out.push(ident.clone());
            }
        }
    }
    for child in &scope.children {
        placeholders(child, out);
    }
    out.sort_by_key(ToString::to_string);
}

/// The items beside the module: the workflow type and its substitutions struct.
pub(crate) fn outer_items(workflow: &Workflow, placeholders: &[Ident]) -> TokenStream {
    let name = &workflow.name;
    let vis = &workflow.vis;
    let subs = format_ident!("{}Substitutions", name);
    let doc = format!(
        "The `{name}` state machine. Its ASL, model and schemas come from [`stepfn::Workflow`]."
    );
    let subs_doc = format!(
        "The `DefinitionSubstitutions` of [`{name}`]: one field per `${{Placeholder}}` in its ASL."
    );
    let fields: Vec<Ident> = placeholders.iter().map(field_ident).collect();
    let field_docs = placeholders
        .iter()
        .map(|p| format!("The value of `${{{p}}}`."));
    let keys = placeholders.iter().map(ToString::to_string);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        #vis struct #name;

        #[doc = #subs_doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #vis struct #subs {
            #(#[doc = #field_docs] pub #fields: ::std::string::String,)*
        }

        impl ::stepfn::Substitutions for #subs {
            fn to_map(&self) -> ::std::collections::BTreeMap<&'static str, ::std::string::String> {
                let mut map = ::std::collections::BTreeMap::new();
                #(map.insert(#keys, ::std::clone::Clone::clone(&self.#fields));)*
                map
            }
        }
    }
}

/// `impl Workflow` and the inherent shortcuts, inside the workflow module (where the types
/// the schemas name resolve).
pub(super) fn workflow_impl(workflow: &Workflow, placeholders: &[Ident]) -> TokenStream {
    let private = quote!(::stepfn::__private);
    let name = &workflow.name;
    let name_text = name.to_string();
    let machine_type = if workflow.express.is_some() {
        quote!(Express)
    } else {
        quote!(Standard)
    };
    let keys = placeholders.iter().map(ToString::to_string);
    let input_schema =
        quote!(#private::insert(&mut map, "input", #private::schema_of::<__StepfnInput>()););
    let comment = workflow
        .comment
        .as_ref()
        .map(|c| quote!(__m = __m.comment(#c);));
    let timeout = workflow.timeout.as_ref().map(|t| {
        let v = t.value;
        quote!(__m = __m.timeout_seconds(#v);)
    });
    quote! {
        impl #private::Workflow for super::#name {
            const NAME: &'static str = #name_text;
            const MACHINE_TYPE: #private::core::MachineType = #private::core::MachineType::#machine_type;
            const SUBSTITUTIONS: &'static [&'static str] = &[#(#keys),*];

            fn state_machine() -> #private::core::StateMachine {
                let (__start, __states) = __stepfn_scope();
                let mut __m = #private::core::StateMachine::new(__start);
                for (__n, __s) in __states {
                    __m = __m.state(__n, __s);
                }
                #comment
                #timeout
                __m
            }

            fn schemas() -> ::std::collections::BTreeMap<::std::string::String, #private::serde_json::Value> {
                let mut map = ::std::collections::BTreeMap::new();
                #input_schema
                __stepfn_schemas(&mut map);
                map
            }
        }

        impl super::#name {
            /// The state machine as core's model.
            pub fn state_machine() -> #private::core::StateMachine {
                <Self as #private::Workflow>::state_machine()
            }

            /// The ASL definition, pretty-printed.
            pub fn asl() -> ::std::string::String {
                <Self as #private::Workflow>::asl()
            }

            /// The JSON Schemas of the input and of each task's payload, output and error.
            pub fn schemas() -> ::std::collections::BTreeMap<::std::string::String, #private::serde_json::Value> {
                <Self as #private::Workflow>::schemas()
            }

            /// What core's validator says about the machine (nothing, unless stepfn has a bug).
            pub fn findings() -> ::std::vec::Vec<#private::core::Finding> {
                <Self as #private::Workflow>::findings()
            }
        }
    }
}

/// The field of a placeholder in the substitutions struct; `_` is added to keywords.
fn field_ident(placeholder: &Ident) -> Ident {
    let name = snake(&placeholder.to_string());
    match syn::parse_str::<Ident>(&name) {
        Ok(_) => Ident::new(&name, placeholder.span()),
        Err(_) => format_ident!("{}_", name, span = placeholder.span()),
    }
}

/// `ValuationRequestFunctionArn` → `valuation_request_function_arn`.
pub(super) fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}
