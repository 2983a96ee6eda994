//! Document order for findings: a finding sorts by the position of the state its pointer
//! names, nested scopes after their parent state and before its next sibling.

use std::borrow::Cow;

use crate::model::{State, StateMachine, States};

use super::Finding;

/// Sorts `findings` in document order; findings on the same state keep their order.
pub(super) fn sort(machine: &StateMachine, findings: &mut [Finding]) {
    findings.sort_by_cached_key(|finding| key(machine, &finding.pointer));
}

/// The position of the innermost state named by `pointer`: the index of each state and of
/// each branch on the way down. Machine-level pointers (`/StartAt`) give the empty key.
fn key(machine: &StateMachine, pointer: &str) -> Vec<usize> {
    let mut key = Vec::new();
    let mut tokens = pointer.split('/').skip(1);
    let mut states = &machine.states;
    while let (Some("States"), Some(name)) = (tokens.next(), tokens.next()) {
        let Some((index, _, state)) = states.get_full(unescape(name).as_ref()) else {
            key.push(usize::MAX);
            break;
        };
        key.push(index);
        match descend(state, &mut tokens) {
            Some((branch, nested)) => {
                key.push(branch);
                states = nested;
            }
            None => break,
        }
    }
    key
}

/// Follows `/Branches/<i>` or `/ItemProcessor` (`/Iterator`) into a nested scope.
fn descend<'m, 'p>(
    state: &'m State,
    tokens: &mut impl Iterator<Item = &'p str>,
) -> Option<(usize, &'m States)> {
    match (state, tokens.next()?) {
        (State::Parallel(parallel), "Branches") => {
            let index: usize = tokens.next()?.parse().ok()?;
            Some((index, &parallel.branches.get(index)?.states))
        }
        (State::Map(map), "ItemProcessor" | "Iterator") => Some((0, &map.processor.states)),
        _ => None,
    }
}

fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}
