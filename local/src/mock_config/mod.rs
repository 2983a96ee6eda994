//! AWS Step Functions Local's mock configuration: reading and checking the file, picking a
//! test case, and answering mocked Task states per attempt during an execution.

mod apply;
mod error;
mod raw;

use std::collections::HashSet;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::Value;
use stepfn_core::model::{StateMachine, States};

pub(crate) use apply::MockRun;
pub use error::{MockConfigError, MockProblem, MockProblemKind};

use error::pointer;
use raw::{RawConfig, RawStep};

/// A mock configuration file, read and checked: every test case names defined mocked
/// responses, and every mocked response covers attempts 0, 1, 2, ... without gaps or
/// overlaps.
#[derive(Debug, Clone, PartialEq)]
pub struct MockConfig {
    /// machine → test case → state → mocked response name.
    machines: IndexMap<String, IndexMap<String, IndexMap<String, String>>>,
    responses: IndexMap<String, Arc<MockedResponse>>,
}

/// What a mocked Task state does on one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum MockResponse {
    /// The task succeeds with this result (for a `.waitForTaskToken` task: the callback's
    /// output, without waiting for a callback).
    Return(Value),
    /// The task fails with this error and cause, which Retry and Catch see as usual.
    Throw {
        /// `Error`.
        error: String,
        /// `Cause`.
        cause: String,
    },
}

/// A named list of responses by attempt: attempt 0 is the first invocation of the state in
/// an execution, each retry or later visit is the next.
#[derive(Debug, Clone, PartialEq)]
pub struct MockedResponse {
    name: String,
    /// Inclusive attempt ranges, sorted, contiguous from 0.
    steps: Vec<(u32, u32, MockResponse)>,
}

impl MockedResponse {
    /// Its name under `MockedResponses`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The response of attempt `attempt` (0-based), if the file defines one.
    pub fn response(&self, attempt: u32) -> Option<&MockResponse> {
        self.steps
            .iter()
            .find(|(first, last, _)| (*first..=*last).contains(&attempt))
            .map(|(_, _, response)| response)
    }

    /// How many attempts it answers.
    pub fn attempts(&self) -> u32 {
        self.steps.last().map_or(0, |(_, last, _)| last + 1)
    }
}

/// One test case of one machine: which Task states answer from which mocked response.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    machine: String,
    name: String,
    states: IndexMap<String, Arc<MockedResponse>>,
}

impl TestCase {
    /// The machine's name, as the key under `StateMachines`.
    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// The test case's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The mocked response of a state, if the test case mocks it.
    pub fn mocked(&self, state: &str) -> Option<&MockedResponse> {
        self.states.get(state).map(Arc::as_ref)
    }

    /// The mocked states and their responses, in file order.
    pub fn mocked_states(&self) -> impl Iterator<Item = (&str, &MockedResponse)> {
        self.states.iter().map(|(s, r)| (s.as_str(), r.as_ref()))
    }

    /// Checks that every mocked state is a Task state of `definition` (at any depth:
    /// Parallel branches and Map processors count).
    pub fn check(&self, definition: &StateMachine) -> Result<(), MockConfigError> {
        let mut kinds = IndexMap::new();
        collect_kinds(&definition.states, &mut kinds);
        let mut problems = Vec::new();
        for state in self.states.keys() {
            let kind = match kinds.get(state.as_str()) {
                None => MockProblemKind::UnknownState {
                    state: state.clone(),
                    machine: self.machine.clone(),
                },
                Some(&"Task") => continue,
                Some(other) => MockProblemKind::NotATask {
                    state: state.clone(),
                    kind: (*other).to_owned(),
                },
            };
            let at = pointer(&[
                "StateMachines",
                &self.machine,
                "TestCases",
                &self.name,
                state,
            ]);
            problems.push(MockProblem { pointer: at, kind });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(MockConfigError::Invalid { problems })
        }
    }
}

fn collect_kinds<'a>(states: &'a States, out: &mut IndexMap<&'a str, &'static str>) {
    for (name, state) in states {
        out.insert(name, state.type_name());
        for (_, _, nested) in state.nested() {
            collect_kinds(nested, out);
        }
    }
}

impl MockConfig {
    /// Reads a mock configuration from its JSON text, reporting every independent problem.
    pub fn from_json(text: &str) -> Result<MockConfig, MockConfigError> {
        let raw: RawConfig = serde_json::from_str(text).map_err(|e| MockConfigError::Syntax {
            reason: e.to_string(),
        })?;
        let mut problems = Vec::new();
        // A response dropped for its own problems is reported once, there, and not again
        // at every test case that names it.
        let defined: HashSet<String> = raw.mocked_responses.keys().cloned().collect();
        let mut responses = IndexMap::new();
        for (name, steps) in raw.mocked_responses {
            if let Some(response) = mocked_response(&name, steps, &mut problems) {
                responses.insert(name, Arc::new(response));
            }
        }
        let mut machines = IndexMap::new();
        for (machine, raw_machine) in raw.state_machines {
            for (case, states) in &raw_machine.test_cases {
                for (state, response) in states {
                    if !defined.contains(response) {
                        let at = pointer(&["StateMachines", &machine, "TestCases", case, state]);
                        let kind = MockProblemKind::UnknownResponse {
                            name: response.clone(),
                        };
                        problems.push(MockProblem { pointer: at, kind });
                    }
                }
            }
            machines.insert(machine, raw_machine.test_cases);
        }
        if !problems.is_empty() {
            return Err(MockConfigError::Invalid { problems });
        }
        Ok(MockConfig {
            machines,
            responses,
        })
    }

    /// Reads a mock configuration file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<MockConfig, MockConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| MockConfigError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        MockConfig::from_json(&text)
    }

    /// The machine names under `StateMachines`, in file order.
    pub fn machines(&self) -> impl Iterator<Item = &str> {
        self.machines.keys().map(String::as_str)
    }

    /// The test case `case` of the machine named `machine`.
    pub fn test_case(&self, machine: &str, case: &str) -> Result<TestCase, MockConfigError> {
        let Some(cases) = self.machines.get(machine) else {
            return Err(MockConfigError::UnknownMachine {
                machine: machine.to_owned(),
                known: self.machines.keys().cloned().collect(),
            });
        };
        let Some(states) = cases.get(case) else {
            return Err(MockConfigError::UnknownTestCase {
                machine: machine.to_owned(),
                case: case.to_owned(),
                known: cases.keys().cloned().collect(),
            });
        };
        let states = states
            .iter()
            .filter_map(|(state, response)| {
                let response = self.responses.get(response)?;
                Some((state.clone(), response.clone()))
            })
            .collect();
        Ok(TestCase {
            machine: machine.to_owned(),
            name: case.to_owned(),
            states,
        })
    }
}

impl FromStr for MockConfig {
    type Err = MockConfigError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        MockConfig::from_json(text)
    }
}

/// Checks one mocked response: its keys, its ranges and each step's outcome.
fn mocked_response(
    name: &str,
    steps: IndexMap<String, RawStep>,
    problems: &mut Vec<MockProblem>,
) -> Option<MockedResponse> {
    let before = problems.len();
    if steps.is_empty() {
        let at = pointer(&["MockedResponses", name]);
        problems.push(MockProblem {
            pointer: at,
            kind: MockProblemKind::NoAttempts,
        });
        return None;
    }
    let mut parsed = Vec::new();
    for (key, step) in steps {
        let at = pointer(&["MockedResponses", name, &key]);
        let range = attempts(&key);
        let outcome = outcome(step);
        match (range, outcome) {
            (Ok((first, last)), Ok(response)) => parsed.push((first, last, key, response)),
            (range, outcome) => {
                for kind in [range.err(), outcome.err()].into_iter().flatten() {
                    problems.push(MockProblem {
                        pointer: at.clone(),
                        kind,
                    });
                }
            }
        }
    }
    parsed.sort_by_key(|(first, last, _, _)| (*first, *last));
    coverage(name, &parsed, problems);
    if problems.len() > before {
        return None;
    }
    let steps = parsed
        .into_iter()
        .map(|(first, last, _, response)| (first, last, response))
        .collect();
    Some(MockedResponse {
        name: name.to_owned(),
        steps,
    })
}

/// Reports overlapping ranges and attempts left without a response.
fn coverage(
    name: &str,
    sorted: &[(u32, u32, String, MockResponse)],
    problems: &mut Vec<MockProblem>,
) {
    let mut next: u32 = 0;
    let mut previous: Option<&str> = None;
    for (first, last, key, _) in sorted {
        let at = pointer(&["MockedResponses", name, key]);
        if *first < next {
            let kind = MockProblemKind::Overlap {
                key: key.clone(),
                other: previous.unwrap_or_default().to_owned(),
            };
            problems.push(MockProblem { pointer: at, kind });
        } else if *first > next {
            let kind = MockProblemKind::MissingAttempt { attempt: next };
            problems.push(MockProblem { pointer: at, kind });
        }
        if last.saturating_add(1) > next {
            next = last.saturating_add(1);
            previous = Some(key);
        }
    }
}

/// `"3"` is attempt 3 alone, `"1-2"` attempts 1 and 2.
fn attempts(key: &str) -> Result<(u32, u32), MockProblemKind> {
    let number = |text: &str| -> Option<u32> {
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| text.parse().ok()).flatten()
    };
    let bad = || MockProblemKind::BadAttempts {
        key: key.to_owned(),
    };
    let (first, last) = match key.split_once('-') {
        Some((first, last)) => (
            number(first).ok_or_else(bad)?,
            number(last).ok_or_else(bad)?,
        ),
        None => {
            let only = number(key).ok_or_else(bad)?;
            (only, only)
        }
    };
    if last < first {
        return Err(MockProblemKind::ReversedRange {
            key: key.to_owned(),
        });
    }
    Ok((first, last))
}

fn outcome(step: RawStep) -> Result<MockResponse, MockProblemKind> {
    match (step.returns, step.throws) {
        (Some(value), None) => Ok(MockResponse::Return(value)),
        (None, Some(throw)) => Ok(MockResponse::Throw {
            error: throw.error,
            cause: throw.cause,
        }),
        (Some(_), Some(_)) => Err(MockProblemKind::ReturnAndThrow),
        (None, None) => Err(MockProblemKind::NoOutcome),
    }
}
