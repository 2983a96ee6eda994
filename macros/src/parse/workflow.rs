// `#[workflow(Name, key = value, ...)]` and the module it sits on: its states, the modules
// that hold Parallel branches and Map processors, and the error enums declared inside.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, Item, ItemMod, LitStr};

use super::args::{ArgValue, check_keys, split_args, suggest};
use super::state::{eq, flag, parse_state};
use super::value::parse_int;
use crate::ctx::Errors;
use crate::kw;
use crate::model::{ErrorEnum, Scope, Workflow};
use crate::rename::Rename;

/// Reads the attribute and the module. Returns `None` when the item is not an inline
/// module (reported); otherwise the model and the module with its state attributes removed.
pub(crate) fn parse_workflow(
    args: TokenStream,
    mut module: ItemMod,
    errors: &Errors,
) -> Option<(Workflow, ItemMod)> {
    let Some((_, items)) = module.content.as_mut() else {
        errors.on(
            &module,
            "`#[workflow]` needs the states inline: `mod name { ... }`",
        );
        return None;
    };

    let mut error_enums = Vec::new();
    let root = scan_scope(None, items, &mut error_enums, errors);
    let mut workflow = Workflow {
        name: Ident::new("Workflow", Span::call_site()),
        vis: module.vis.clone(),
        data: None,
        input: None,
        error: None,
        express: None,
        timeout: None,
        comment: None,
        rename: Rename::None,
        start: None,
        root,
        error_enums,
    };
    read_args(&mut workflow, args, &module.ident, errors);
    Some((workflow, module))
}

fn read_args(workflow: &mut Workflow, tokens: TokenStream, module: &Ident, errors: &Errors) {
    let mut args = split_args(tokens, errors);
    let named = matches!(args.first(), Some(arg) if matches!(arg.value, ArgValue::Flag)
        && !kw::WORKFLOW_KEYS.contains(&arg.key.to_string().as_str()));
    if named {
        workflow.name = args.remove(0).key;
    } else {
        // No token names the type yet: the module's name is the closest one to point at.
        errors.at(
            module.span(),
            "`#[workflow]` needs the name of the type to generate; write `#[workflow(MyWorkflow, data = MyData)]`",
        );
    }

    for arg in check_keys(args, kw::WORKFLOW_KEYS, "#[workflow]", errors) {
        match arg.key.to_string().as_str() {
            kw::DATA => workflow.data = eq(&arg, errors, |i| i.parse()),
            kw::INPUT => workflow.input = eq(&arg, errors, |i| i.parse()),
            kw::ERROR => workflow.error = eq(&arg, errors, |i| i.parse()),
            kw::EXPRESS => workflow.express = flag(&arg, errors),
            kw::TIMEOUT => workflow.timeout = eq(&arg, errors, parse_int),
            kw::COMMENT => workflow.comment = eq(&arg, errors, |i| i.parse()),
            kw::START => workflow.start = eq(&arg, errors, |i| i.parse()),
            _ => {
                if let Some(rule) = eq(&arg, errors, |i| i.parse::<LitStr>()) {
                    workflow.rename = rename_rule(&rule, errors);
                }
            }
        }
    }

    if named && workflow.data.is_none() {
        errors.at(
            workflow.name.span(),
            format!(
                "workflow `{}` has no `data` type; add `data = MyData`, the type its paths are checked against",
                workflow.name
            ),
        );
    }
}

fn rename_rule(rule: &LitStr, errors: &Errors) -> Rename {
    if let Some(rename) = Rename::from_rule(&rule.value()) {
        return rename;
    }
    let names = Rename::RULES.iter().map(|(name, _)| *name);
    let message = match suggest(&rule.value(), names) {
        Some(best) => format!(
            "unknown `rename_all` rule `{}`; did you mean `{best}`?",
            rule.value()
        ),
        None => format!(
            "unknown `rename_all` rule `{}`; use serde's rule names",
            rule.value()
        ),
    };
    errors.at(rule.span(), message);
    Rename::None
}

/// Finds the states among `items` (removing their attributes), the child modules that hold
/// states, and the error enums.
fn scan_scope(
    module: Option<Ident>,
    items: &mut [Item],
    error_enums: &mut Vec<ErrorEnum>,
    errors: &Errors,
) -> Scope {
    let mut scope = Scope {
        module,
        states: Vec::new(),
        children: Vec::new(),
    };
    for item in items.iter_mut() {
        if let Some(attrs) = item_attrs(item) {
            let state_attrs = take_state_attrs(attrs);
            if let Some(first) = state_attrs.first() {
                for extra in &state_attrs[1..] {
                    errors.on(
                        extra.path(),
                        "one state attribute per item; this item already is a state",
                    );
                }
                match item {
                    Item::Struct(item) => {
                        if !matches!(item.fields, syn::Fields::Unit) {
                            errors.on(
                                &item.fields,
                                format!(
                                    "a state is a unit struct; write `pub struct {};`",
                                    item.ident
                                ),
                            );
                        }
                        scope.states.push(parse_state(&item.ident, first, errors));
                    }
                    _ => {
                        errors.on(
                            first.path(),
                            "a state is a unit struct; write the state as `pub struct Name;`",
                        );
                        if let Some(ident) = item_ident(item) {
                            scope.states.push(parse_state(&ident, first, errors));
                        }
                    }
                }
            }
        }
        match item {
            Item::Enum(item) if derives_task_error(&item.attrs) => error_enums.push(ErrorEnum {
                ident: item.ident.clone(),
                variants: item.variants.iter().map(|v| v.ident.clone()).collect(),
            }),
            Item::Mod(child) => {
                if let Some((_, child_items)) = child.content.as_mut() {
                    let nested =
                        scan_scope(Some(child.ident.clone()), child_items, error_enums, errors);
                    if !nested.states.is_empty() {
                        scope.children.push(nested);
                    }
                }
            }
            _ => {}
        }
    }
    scope
}

fn item_ident(item: &Item) -> Option<Ident> {
    match item {
        Item::Enum(item) => Some(item.ident.clone()),
        Item::Fn(item) => Some(item.sig.ident.clone()),
        Item::Type(item) => Some(item.ident.clone()),
        Item::Const(item) => Some(item.ident.clone()),
        Item::Static(item) => Some(item.ident.clone()),
        Item::Union(item) => Some(item.ident.clone()),
        Item::Trait(item) => Some(item.ident.clone()),
        _ => None,
    }
}

fn item_attrs(item: &mut Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        Item::Struct(item) => &mut item.attrs,
        Item::Enum(item) => &mut item.attrs,
        Item::Fn(item) => &mut item.attrs,
        Item::Type(item) => &mut item.attrs,
        Item::Const(item) => &mut item.attrs,
        Item::Static(item) => &mut item.attrs,
        Item::Union(item) => &mut item.attrs,
        Item::Trait(item) => &mut item.attrs,
        _ => return None,
    })
}

fn take_state_attrs(attrs: &mut Vec<syn::Attribute>) -> Vec<syn::Attribute> {
    let (state, other): (Vec<_>, Vec<_>) = attrs.drain(..).partition(|attr| {
        attr.path()
            .get_ident()
            .is_some_and(|ident| kw::STATE_ATTRIBUTES.contains(&ident.to_string().as_str()))
    });
    *attrs = other;
    state
}

fn derives_task_error(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .any(|attr| {
            let mut found = false;
            let _ = attr.parse_nested_meta(|meta| {
                found |= meta
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "TaskError");
                Ok(())
            });
            found
        })
}
