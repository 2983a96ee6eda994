//! Transitions and names: unknown targets, unreachable states, scopes without an end,
//! duplicate, overlong and malformed state names.

use std::collections::HashMap;

use crate::model::{State, StateMachine, States, Transition};

use super::Code;
use super::site::{Sink, Site, push_token};

/// The longest state name AWS accepts, in Unicode scalar values.
const MAX_NAME_CHARS: usize = 80;

/// Which kind of scope a state list belongs to, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScopeKind {
    Machine,
    Branch,
    Processor,
}

impl ScopeKind {
    fn noun(self) -> &'static str {
        match self {
            ScopeKind::Machine => "the machine",
            ScopeKind::Branch => "this branch",
            ScopeKind::Processor => "this Map processor",
        }
    }
}

/// Every state name of the machine, with the first state (in document order) that has it.
/// Only a machine with Parallel or Map states needs the table: within one scope the names
/// are the keys of one object, unique already.
pub(super) struct Names<'a> {
    first: Option<HashMap<&'a str, &'a State>>,
}

impl<'a> Names<'a> {
    /// Collects the names of every scope down to `max_depth` nested Parallel/Map levels.
    pub(super) fn collect(machine: &'a StateMachine, max_depth: usize) -> Names<'a> {
        let nested = machine
            .states
            .values()
            .any(|state| matches!(state, State::Parallel(_) | State::Map(_)));
        if !nested {
            return Names { first: None };
        }
        let mut first = HashMap::with_capacity(machine.states.len());
        add(&mut first, &machine.states, 0, max_depth);
        Names { first: Some(first) }
    }

    /// Whether some scope of the machine has a state of this name.
    fn exists(&self, name: &str) -> bool {
        self.first
            .as_ref()
            .is_some_and(|first| first.contains_key(name))
    }

    fn is_first(&self, name: &str, state: &State) -> bool {
        let first = self.first.as_ref().and_then(|first| first.get(name));
        first.is_none_or(|first| std::ptr::eq(*first, state))
    }
}

fn add<'a>(
    first: &mut HashMap<&'a str, &'a State>,
    states: &'a States,
    depth: usize,
    max_depth: usize,
) {
    for (name, state) in states {
        first.entry(name.as_str()).or_insert(state);
        if depth >= max_depth {
            continue;
        }
        match state {
            State::Parallel(parallel) => {
                for branch in &parallel.branches {
                    add(first, &branch.states, depth + 1, max_depth);
                }
            }
            State::Map(map) => add(first, &map.processor.states, depth + 1, max_depth),
            _ => {}
        }
    }
}

/// A field that names a transition target.
#[derive(Debug, Clone, Copy)]
enum Target {
    Next,
    Default,
    Choice(usize),
    Catch(usize),
}

impl Target {
    fn suffix(self) -> String {
        match self {
            Target::Next => "/Next".to_owned(),
            Target::Default => "/Default".to_owned(),
            Target::Choice(index) => format!("/Choices/{index}/Next"),
            Target::Catch(index) => format!("/Catch/{index}/Next"),
        }
    }

    fn describe(self) -> String {
        match self {
            Target::Next => "`Next`".to_owned(),
            Target::Default => "`Default`".to_owned(),
            Target::Choice(index) => format!("`Next` of choice rule {index}"),
            Target::Catch(index) => format!("`Next` of catcher {index}"),
        }
    }
}

/// Calls `visit` with every transition target of `state`.
fn for_each_target<'s>(state: &'s State, mut visit: impl FnMut(Target, &'s str)) {
    if let Some(Transition::Next(next)) = state.transition() {
        visit(Target::Next, next);
    }
    if let State::Choice(choice) = state {
        for (index, rule) in choice.choices.iter().enumerate() {
            if let Some(next) = &rule.next {
                visit(Target::Choice(index), next);
            }
        }
        if let Some(default) = &choice.default {
            visit(Target::Default, default);
        }
    }
    for (index, catcher) in state.catch().iter().enumerate() {
        visit(Target::Catch(index), &catcher.next);
    }
}

/// Reports a scope without states: its `StartAt` names nothing.
pub(super) fn empty_scope(sink: &mut Sink, pointer: &str, kind: ScopeKind, start_at: &str) {
    sink.error(
        Code::UnknownState,
        format!("{pointer}/StartAt"),
        format!(
            "`StartAt` names `{start_at}`, but {} has no states",
            kind.noun()
        ),
    );
}

/// Checks `StartAt`, the transition targets and the terminal states of one non-empty scope;
/// returns which states are reached from `StartAt`. A decoded machine's empty `StartAt` is
/// the codec's placeholder for a missing or mistyped one, which the codec has reported.
pub(super) fn check_scope(
    sink: &mut Sink,
    decoded: bool,
    pointer: &str,
    kind: ScopeKind,
    start_at: &str,
    states: &States,
    names: &Names<'_>,
) -> Vec<bool> {
    if !states.values().any(State::is_terminal) {
        sink.error(
            Code::NoTerminalState,
            format!("{pointer}/States"),
            format!(
                "no state of {} ends it; add `End: true`, a Succeed or a Fail state",
                kind.noun()
            ),
        );
    }

    let graph = Graph::new(states);
    for &(from, target, name) in &graph.unknown {
        unknown_target(sink, pointer, kind, states, names, from, target, name);
    }
    match states.get_index_of(start_at) {
        Some(start) => graph.reachable(start),
        None => {
            if !(decoded && start_at.is_empty()) {
                unknown_start(sink, pointer, kind, start_at, states, names);
            }
            // Nothing is reached from a missing start; AWS then reports every state as
            // unreachable too (its diagnostics are quoted in
            // serverless-operations/serverless-step-functions#250).
            vec![false; states.len()]
        }
    }
}

/// The transitions of one scope, each target looked up once: the targets of state `i` are
/// `targets[offsets[i]..offsets[i + 1]]`.
struct Graph<'s> {
    offsets: Vec<usize>,
    targets: Vec<usize>,
    unknown: Vec<(usize, Target, &'s str)>,
}

impl<'s> Graph<'s> {
    fn new(states: &'s States) -> Graph<'s> {
        let mut graph = Graph {
            offsets: Vec::with_capacity(states.len() + 1),
            targets: Vec::with_capacity(states.len()),
            unknown: Vec::new(),
        };
        for (from, state) in states.values().enumerate() {
            graph.offsets.push(graph.targets.len());
            for_each_target(state, |target, name| match states.get_index_of(name) {
                Some(to) => graph.targets.push(to),
                None => graph.unknown.push((from, target, name)),
            });
        }
        graph.offsets.push(graph.targets.len());
        graph
    }

    fn reachable(&self, start: usize) -> Vec<bool> {
        let mut reached = vec![false; self.offsets.len() - 1];
        reached[start] = true;
        let mut stack = vec![start];
        while let Some(from) = stack.pop() {
            for &to in &self.targets[self.offsets[from]..self.offsets[from + 1]] {
                if !reached[to] {
                    reached[to] = true;
                    stack.push(to);
                }
            }
        }
        reached
    }
}

fn unknown_start(
    sink: &mut Sink,
    pointer: &str,
    kind: ScopeKind,
    start_at: &str,
    states: &States,
    names: &Names<'_>,
) {
    let hint = hint(start_at, states, names);
    sink.error(
        Code::UnknownState,
        format!("{pointer}/StartAt"),
        format!(
            "`StartAt` names `{start_at}`, which is not a state of {}{hint}",
            kind.noun()
        ),
    );
}

#[allow(clippy::too_many_arguments)] // one finding's worth of context, used once
fn unknown_target(
    sink: &mut Sink,
    pointer: &str,
    kind: ScopeKind,
    states: &States,
    names: &Names<'_>,
    from: usize,
    target: Target,
    name: &str,
) {
    let Some((state, _)) = states.get_index(from) else {
        return;
    };
    let mut at = pointer.to_owned();
    at.push_str("/States");
    push_token(&mut at, state);
    at.push_str(&target.suffix());
    let hint = hint(name, states, names);
    sink.error(
        Code::UnknownState,
        at,
        format!(
            "{} of state `{state}` names `{name}`, which is not a state of {}{hint}",
            target.describe(),
            kind.noun()
        ),
    );
}

/// Checks a state's name, here and across the machine.
pub(super) fn check_state(sink: &mut Sink, site: &Site<'_>, names: &Names<'_>) {
    check_name(sink, site);
    if !names.is_first(site.name, site.state) {
        sink.error(
            Code::DuplicateStateName,
            site.at(""),
            format!(
                "state name `{}` is already used; names must be unique across the whole machine, including branches and Map processors",
                site.name
            ),
        );
    }
}

/// Reports a state that no transition reaches from `StartAt`.
pub(super) fn check_reached(sink: &mut Sink, site: &Site<'_>, kind: ScopeKind, reached: bool) {
    if !reached {
        sink.error(
            Code::UnreachableState,
            site.at(""),
            format!(
                "state `{}` cannot be reached from the `StartAt` of {}",
                site.name,
                kind.noun()
            ),
        );
    }
}

fn check_name(sink: &mut Sink, site: &Site<'_>) {
    let name = site.name;
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        sink.error(
            Code::StateNameTooLong,
            site.at(""),
            format!(
                "state name `{name}` has {chars} characters; AWS allows at most {MAX_NAME_CHARS}"
            ),
        );
    }
    if name.is_empty() {
        sink.error(
            Code::InvalidStateName,
            site.at(""),
            "a state name is empty".to_owned(),
        );
    } else if let Some(c) = name.chars().find(|c| c.is_control()) {
        sink.error(
            Code::InvalidStateName,
            site.at(""),
            format!(
                "state name `{}` contains the control character {:?}",
                name.escape_debug(),
                c
            ),
        );
    }
}

/// Why a name is unknown, as a message tail: the name belongs to another scope (no
/// transitions cross a scope's edge), or a close name exists.
fn hint(name: &str, states: &States, names: &Names<'_>) -> String {
    if names.exists(name) {
        return "; transitions into or out of a Parallel branch or a Map processor are not allowed"
            .to_owned();
    }
    let closest = states
        .keys()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, candidate)) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}
