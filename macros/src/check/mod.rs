// Checks across states: names, transitions, reachability, scopes; then each state's own.

mod errors;

pub(crate) use errors::predefined;
mod state;

use std::collections::{HashMap, HashSet};

use syn::Ident;

use crate::ctx::Errors;
use crate::kw;
use crate::model::{Kind, Scope, StateDecl, Workflow};
use crate::parse::args_suggest;

/// Keys that shape the graph of transitions.
const TRANSITION_KEYS: &[&str] = &[kw::NEXT, kw::END, kw::WHEN, kw::OTHERWISE, kw::CATCH];

/// The longest state name AWS accepts.
const MAX_NAME_LEN: usize = 80;

/// Runs every check, reporting into `errors`.
pub(crate) fn check(workflow: &Workflow, errors: &Errors) {
    check_machine(workflow, errors);
    let mut seen = HashSet::new();
    check_names(&workflow.root, &mut seen, errors);
    check_scope(workflow, &workflow.root, workflow.start.as_ref(), errors);
}

fn check_machine(workflow: &Workflow, errors: &Errors) {
    if workflow.root.states.is_empty() {
        errors.at(
            workflow.name.span(),
            format!(
                "workflow `{}` has no states; mark structs in the module with `#[task]`, `#[choice]`, `#[succeed]`, ...",
                workflow.name
            ),
        );
    }
    if let Some(timeout) = &workflow.timeout {
        let limit = if workflow.express.is_some() {
            300
        } else {
            31_536_000
        };
        if timeout.value == 0 || timeout.value > limit {
            let what = if workflow.express.is_some() {
                "express"
            } else {
                "standard"
            };
            errors.at(
                timeout.span,
                format!("`timeout` of a {what} workflow must be between 1 and {limit} seconds"),
            );
        }
    }
}

fn check_names(scope: &Scope, seen: &mut HashSet<String>, errors: &Errors) {
    for state in &scope.states {
        let name = &state.name;
        if !seen.insert(name.clone()) {
            errors.at(
                state.name_span,
                format!("duplicate state name `{name}`; names are unique in a machine, nested states included"),
            );
        }
        let length = name.chars().count();
        let (too_long, invalid) = crate::rules::name_problems(name);
        if too_long {
            errors.at(
                state.name_span,
                format!("state name `{name}` is {length} characters long; AWS allows at most {MAX_NAME_LEN}"),
            );
        }
        if invalid {
            errors.at(
                state.name_span,
                format!(
                    "state name `{}` is empty or has a control character; AWS rejects it",
                    name.escape_debug()
                ),
            );
        }
    }
    for child in &scope.children {
        check_names(child, seen, errors);
    }
}

fn check_scope(workflow: &Workflow, scope: &Scope, start: Option<&Ident>, errors: &Errors) {
    let names: HashMap<String, &StateDecl> = scope
        .states
        .iter()
        .map(|state| (state.ident.to_string(), state))
        .collect();

    // A transition that names no state, or a transition key that did not parse, makes the
    // graph checks guess: they stay quiet then, and the first error says what is wrong.
    let mut graph_known = true;
    if let Some(start) = start {
        graph_known &= resolve(start, &names, errors).is_some();
    }
    for state in &scope.states {
        state::check_state(workflow, state, errors);
        for target in state.successors() {
            graph_known &= resolve(target, &names, errors).is_some();
        }
        graph_known &= !state.failed(TRANSITION_KEYS) && !state.lacks_transition();
    }
    if graph_known {
        check_reachable(scope, start, &names, errors);
        check_terminal(workflow, scope, errors);
    }
    check_children(scope, errors);

    for child in &scope.children {
        check_scope(workflow, child, None, errors);
    }
}

fn resolve<'a>(
    target: &Ident,
    names: &HashMap<String, &'a StateDecl>,
    errors: &Errors,
) -> Option<&'a StateDecl> {
    if let Some(state) = names.get(&target.to_string()) {
        return Some(state);
    }
    let message = match args_suggest(&target.to_string(), names.keys().map(String::as_str)) {
        Some(best) => format!("no state named `{target}` in this module; did you mean `{best}`?"),
        None => format!(
            "no state named `{target}` in this module; transitions name a state of the same module"
        ),
    };
    errors.at(target.span(), message);
    None
}

fn check_reachable(
    scope: &Scope,
    start: Option<&Ident>,
    names: &HashMap<String, &StateDecl>,
    errors: &Errors,
) {
    let Some(first) = scope.states.first() else {
        return;
    };
    let start_name = start.map_or_else(|| first.ident.to_string(), Ident::to_string);
    let mut reached: HashSet<String> = HashSet::new();
    let mut stack = vec![start_name.clone()];
    while let Some(name) = stack.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        if let Some(state) = names.get(&name) {
            stack.extend(state.successors().into_iter().map(Ident::to_string));
        }
    }
    for state in &scope.states {
        if !reached.contains(&state.ident.to_string()) {
            errors.at(
                state.ident.span(),
                format!(
                    "state `{}` is unreachable: no transition from `{start_name}` leads to it; remove it or name it in a `next`",
                    state.ident
                ),
            );
        }
    }
}

fn check_terminal(workflow: &Workflow, scope: &Scope, errors: &Errors) {
    if scope.states.is_empty() || scope.states.iter().any(StateDecl::is_terminal) {
        return;
    }
    let (what, span) = match &scope.module {
        Some(module) => (format!("module `{module}`"), module.span()),
        None => (
            format!("workflow `{}`", workflow.name),
            workflow.name.span(),
        ),
    };
    errors.at(
        span,
        format!(
            "{what} never ends: no state has `end` and there is no `#[succeed]` or `#[fail]` state"
        ),
    );
}

/// Every child module of states is a branch of one Parallel or the processor of one Map.
fn check_children(scope: &Scope, errors: &Errors) {
    let children: Vec<String> = scope
        .children
        .iter()
        .filter_map(|child| child.module.as_ref().map(Ident::to_string))
        .collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut all_known = true;
    for state in &scope.states {
        all_known &= !state.failed(&[kw::BRANCHES, kw::PROCESSOR]);
        let modules: Vec<&Ident> = match &state.kind {
            Kind::Parallel(parallel) => parallel.branches.iter().collect(),
            Kind::Map(map) => map.processor.iter().collect(),
            _ => continue,
        };
        for module in modules {
            let name = module.to_string();
            if !children.contains(&name) {
                all_known = false;
                let message = match args_suggest(&name, children.iter().map(String::as_str)) {
                    Some(best) => {
                        format!("no module of states named `{name}` here; did you mean `{best}`?")
                    }
                    None => format!(
                        "no module of states named `{name}` here; branches and processors are child modules holding states"
                    ),
                };
                errors.at(module.span(), message);
            } else if !used.insert(name.clone()) {
                errors.at(module.span(), format!("module `{name}` is already used by another state; each branch or processor belongs to one state"));
            }
        }
    }
    for child in scope.children.iter().filter(|_| all_known) {
        if let Some(module) = &child.module
            && !used.contains(&module.to_string())
        {
            errors.at(
                    module.span(),
                    format!("module `{module}` holds states but no `#[parallel]` or `#[map]` uses it; name it in `branches = [...]` or `processor = ...`"),
                );
        }
    }
}
