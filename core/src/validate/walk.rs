//! The walk over every scope and state of a machine, calling each family of rules once per
//! state.
//!
//! One pointer buffer grows and shrinks as the walk goes down and up, so a state's pointer
//! costs nothing unless a rule reports something there.

use crate::model::{ExecutionType, MachineType, QueryLanguage, State, StateMachine, States};

use super::graph::{self, Names, ScopeKind};
use super::site::{Sink, Site, push_token};
use super::{Code, Finding, Options, language, map, numbers, payload, retry, task};

/// Runs every rule over `machine`; the findings come in walk order, not yet sorted.
///
/// `decoded` says the machine comes from the codec, which reports empty `States` objects
/// itself (and leaves them behind as placeholders for missing fields); a model built in
/// Rust has no one else to report them.
pub(super) fn check_machine(
    machine: &StateMachine,
    options: &Options,
    decoded: bool,
) -> Vec<Finding> {
    let mut walker = Walker {
        options,
        decoded,
        machine_language: machine.top_query_language(),
        names: Names::collect(machine, options.max_nesting_depth),
        sink: Sink::default(),
    };
    numbers::check_machine(&mut walker.sink, machine);

    let scope = Scope {
        kind: ScopeKind::Machine,
        start_at: &machine.start_at,
        states: &machine.states,
        depth: 0,
        express: options.machine_type == MachineType::Express,
    };
    walker.scope(&mut String::new(), &scope);
    walker.sink.findings
}

struct Walker<'a> {
    options: &'a Options,
    decoded: bool,
    machine_language: QueryLanguage,
    names: Names<'a>,
    sink: Sink,
}

/// A machine, a Parallel branch or a Map processor.
struct Scope<'a> {
    kind: ScopeKind,
    start_at: &'a str,
    states: &'a States,
    /// How many Parallel/Map states enclose the scope.
    depth: usize,
    /// Whether the scope runs in an Express execution.
    express: bool,
}

impl<'a> Walker<'a> {
    fn scope(&mut self, pointer: &mut String, scope: &Scope<'a>) {
        if scope.states.is_empty() {
            if !self.decoded {
                graph::empty_scope(&mut self.sink, pointer, scope.kind, scope.start_at);
            }
            return;
        }
        let reached = graph::check_scope(
            &mut self.sink,
            self.decoded,
            pointer,
            scope.kind,
            scope.start_at,
            scope.states,
            &self.names,
        );
        for (index, (name, state)) in scope.states.iter().enumerate() {
            let len = pointer.len();
            pointer.push_str("/States");
            push_token(pointer, name);

            let site = Site {
                pointer,
                name,
                state,
                language: state.query_language().unwrap_or(self.machine_language),
                express: scope.express,
            };
            let reached = reached[index];
            graph::check_state(&mut self.sink, &site, &self.names);
            graph::check_reached(&mut self.sink, &site, scope.kind, reached);
            self.rules(&site);

            self.nested(pointer, name, state, scope);
            pointer.truncate(len);
        }
    }

    fn rules(&mut self, site: &Site<'_>) {
        let sink = &mut self.sink;
        language::check(sink, site, self.machine_language);
        retry::check(sink, site);
        numbers::check(sink, site);
        payload::check(sink, site);
        task::check(sink, site);
        map::check(sink, site);
    }

    /// Walks the branches of a Parallel or the processor of a Map, unless they sit deeper
    /// than the nesting limit.
    fn nested(&mut self, pointer: &mut String, name: &str, state: &'a State, parent: &Scope<'a>) {
        let children = children(state, parent.express);
        if children.is_empty() {
            return;
        }
        let depth = parent.depth + 1;
        if depth > self.options.max_nesting_depth {
            self.sink.error(
                Code::NestingTooDeep,
                pointer.clone(),
                format!(
                    "state `{name}` nests Parallel and Map states {depth} deep; stepfn allows at most {}",
                    self.options.max_nesting_depth
                ),
            );
            return;
        }
        for child in children {
            let len = pointer.len();
            pointer.push_str(&child.suffix);
            let scope = Scope {
                kind: child.kind,
                start_at: child.start_at,
                states: child.states,
                depth,
                express: child.express,
            };
            self.scope(pointer, &scope);
            pointer.truncate(len);
        }
    }
}

struct Child<'a> {
    suffix: String,
    kind: ScopeKind,
    start_at: &'a str,
    states: &'a States,
    express: bool,
}

fn children(state: &State, express: bool) -> Vec<Child<'_>> {
    match state {
        State::Parallel(parallel) => parallel
            .branches
            .iter()
            .enumerate()
            .map(|(index, branch)| Child {
                suffix: format!("/Branches/{index}"),
                kind: ScopeKind::Branch,
                start_at: &branch.start_at,
                states: &branch.states,
                express,
            })
            .collect(),
        State::Map(map) => {
            let processor = &map.processor;
            let suffix = if processor.legacy_iterator {
                "/Iterator"
            } else {
                "/ItemProcessor"
            };
            // A distributed Map runs each item as a child workflow of its own type. Express
            // parents cannot run Standard children, so Express stays Express.
            let child_type = processor.config.as_ref().and_then(|c| c.execution_type);
            let express =
                express || (map.is_distributed() && child_type == Some(ExecutionType::Express));
            vec![Child {
                suffix: suffix.to_owned(),
                kind: ScopeKind::Processor,
                start_at: &processor.start_at,
                states: &processor.states,
                express,
            }]
        }
        _ => Vec::new(),
    }
}
