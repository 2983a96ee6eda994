//! Entering and resuming states: Pass, Choice, Wait, Succeed and Fail here; Task, Parallel
//! and Map hand over to their own modules.

use std::time::Duration;

use serde_json::{Map, Value};
use stepfn_core::model::{
    FailState, Nullable, PredefinedError, QueryLanguage, State, TextSource, WaitDuration,
};

use super::strand::{Outcome, Visit, fields, kind};
use super::{Engine, Resume, Strand, pipeline};
use crate::choice;
use crate::failure::Failure;
use crate::history::{EventDetails, StateEntered};
use crate::jsonpath::Data;
use crate::payload::{self, compact};
use crate::time::Instant;

impl Engine {
    /// Enters the strand's current state: `...StateEntered`, then the state's work.
    pub(crate) fn enter(&mut self, strand: &mut Strand) -> Outcome {
        let states = strand.states.clone();
        let Some(state) = states.get(&strand.state) else {
            let detail = format!("The state '{}' does not exist", strand.state);
            return Outcome::Fail(Failure::predefined(PredefinedError::Runtime, detail));
        };
        strand.visit = Visit::new(self.now);
        strand.visit.kind = kind(state);
        strand.visit.retries = vec![0; state.retry().len()];
        let entered = StateEntered {
            name: strand.state.clone(),
            input: compact(&strand.input),
            input_details: Default::default(),
        };
        strand.visit.entered_event =
            self.emit(strand, EventDetails::StateEntered(kind(state), entered));
        tracing::debug!(state_type = state.type_name(), "state entered");

        let machine_language = self.executions[strand.exec]
            .machine
            .query_language
            .unwrap_or_default();
        // DIVERGENCE: AWS evaluates JSONata states; stepfn-local fails them with
        // States.Runtime (uncatchable, so no Catch can hide it) until JSONata lands.
        if state.query_language().unwrap_or(machine_language) == QueryLanguage::Jsonata {
            let site = self.site(strand);
            return Outcome::Fail(
                site.runtime("JSONata is not supported yet by stepfn-local; use JSONPath"),
            );
        }
        if let State::Fail(fail) = state {
            return Outcome::Fail(self.fail_failure(strand, fail));
        }

        // Building `$$` and the variables costs more than a whole Pass state: skip them
        // when nothing this step evaluates can read them.
        let (context, vars) = if reads_data_on_entry(state) {
            (self.context_of(strand, None), self.vars_of(strand))
        } else {
            (Value::Null, Map::new())
        };
        let site = payload::Site {
            state: &strand.state,
            entered_event: strand.visit.entered_event,
        };
        let input_path = fields(state).input_path.unwrap_or(&None);
        let effective = match pipeline::filter(input_path, &strand.input, &context, &vars, site) {
            Ok(value) => value,
            Err(failure) => return self.fail_state(strand, state, failure),
        };
        // Only the states that come back to their effective input later keep a copy.
        if !matches!(state, State::Pass(_) | State::Choice(_) | State::Succeed(_)) {
            strand.visit.effective = effective.clone();
        }
        match state {
            State::Pass(pass) => {
                let result = match (&pass.result, &pass.parameters) {
                    (Some(result), _) => Ok(result.clone()),
                    (None, None) => Ok(effective),
                    (None, template) => pipeline::template(
                        template.as_ref(),
                        &effective,
                        &context,
                        &vars,
                        &mut self.rng,
                        site,
                    ),
                };
                match result {
                    Ok(result) => self.complete(strand, state, result, None),
                    Err(failure) => Outcome::Fail(failure),
                }
            }
            State::Choice(choice_state) => {
                let data = Data {
                    input: &effective,
                    context: &context,
                    vars: &vars,
                };
                match choice::first_match(&choice_state.choices, data, site) {
                    Ok(Some(index)) => {
                        let rule = &choice_state.choices[index];
                        let next = rule.next.clone().unwrap_or_default();
                        let assigned = match &rule.assign {
                            Some(assign) => {
                                match pipeline::template(
                                    Some(assign),
                                    &effective,
                                    &context,
                                    &vars,
                                    &mut self.rng,
                                    site,
                                ) {
                                    Ok(Value::Object(map)) => map,
                                    Ok(_) => serde_json::Map::new(),
                                    Err(failure) => return Outcome::Fail(failure),
                                }
                            }
                            None => serde_json::Map::new(),
                        };
                        let outcome = self.complete(strand, state, effective, Some(&next));
                        if matches!(outcome, Outcome::Next) && !assigned.is_empty() {
                            self.executions[strand.exec].assign(strand.scope, assigned);
                        }
                        outcome
                    }
                    Ok(None) => match &choice_state.default {
                        Some(default) => {
                            self.complete(strand, state, effective, Some(&default.clone()))
                        }
                        None => Outcome::Fail(Failure::predefined(
                            PredefinedError::NoChoiceMatched,
                            format!(
                                "No Choice Rules matched for state '{}' and there is no Default",
                                strand.state
                            ),
                        )),
                    },
                    Err(failure) => Outcome::Fail(failure),
                }
            }
            State::Wait(wait) => {
                let data = Data {
                    input: &effective,
                    context: &context,
                    vars: &vars,
                };
                match self.wait_until(&wait.duration, data, site) {
                    Ok(until) => {
                        let delay = until.since(self.now);
                        self.schedule_resume(strand, delay, Resume::Waited);
                        Outcome::Blocked
                    }
                    Err(failure) => Outcome::Fail(failure),
                }
            }
            State::Succeed(_) => self.complete(strand, state, effective, None),
            State::Task(_) => self.start_task(strand, state),
            State::Parallel(_) | State::Map(_) => self.start_fanout(strand, state),
            State::Fail(_) => unreachable!("handled above"),
        }
    }

    /// Runs a blocked strand again.
    pub(crate) fn resume(&mut self, strand: &mut Strand, resume: Resume) -> Outcome {
        let states = strand.states.clone();
        let Some(state) = states.get(&strand.state) else {
            return Outcome::Blocked;
        };
        match resume {
            Resume::Waited => {
                let effective = strand.visit.effective.clone();
                self.complete(strand, state, effective, None)
            }
            Resume::TaskStart(task) => self.begin_task(strand, state, task),
            Resume::Retry => match state {
                State::Task(_) => self.start_task(strand, state),
                _ => self.start_fanout(strand, state),
            },
            Resume::TaskDone(Ok(result)) | Resume::JoinDone(Ok(result)) => {
                self.complete(strand, state, result, None)
            }
            Resume::TaskDone(Err(failure)) => self.fail_state(strand, state, failure),
            Resume::JoinDone(Err(failure)) => {
                let failed = match state {
                    State::Map(_) => EventDetails::MapStateFailed,
                    _ => EventDetails::ParallelStateFailed,
                };
                self.fail_state_then(strand, state, failure, Some(failed))
            }
        }
    }

    fn wait_until(
        &mut self,
        duration: &WaitDuration,
        data: Data<'_>,
        site: payload::Site<'_>,
    ) -> Result<Instant, Failure> {
        let seconds = |n: u64| Ok(self.now.after(Duration::from_secs(n)));
        match duration {
            WaitDuration::Seconds(n) => seconds(*n),
            WaitDuration::Timestamp(text) => Instant::parse_rfc3339(text).ok_or_else(|| {
                site.runtime(&format!(
                    "The timestamp '{text}' is not a valid ISO-8601 timestamp"
                ))
            }),
            WaitDuration::SecondsPath(path) => {
                let value = pipeline::select(path, data, site)?;
                // AWS's two messages, both recorded: a negative integer, and anything that
                // is not an integer (fractions, strings, ...).
                match (value.as_u64(), value.as_i64()) {
                    (Some(n), _) => seconds(n),
                    (None, Some(_)) => Err(site.runtime(&format!(
                        "The SecondsPath parameter references a negative value: {path} == {}",
                        compact(&value)
                    ))),
                    (None, None) => Err(site.runtime(&format!(
                        "The SecondsPath parameter cannot be parsed as a long value: {path} == {}",
                        compact(&value)
                    ))),
                }
            }
            WaitDuration::TimestampPath(path) => {
                let value = pipeline::select(path, data, site)?;
                value.as_str().and_then(Instant::parse_rfc3339).ok_or_else(|| {
                    site.runtime(&format!(
                        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {}",
                        compact(&value)
                    ))
                })
            }
            WaitDuration::SecondsExpr(_) => {
                Err(site.runtime("JSONata is not supported yet by stepfn-local; use JSONPath"))
            }
        }
    }

    /// The error and cause of a Fail state (`Error`/`ErrorPath`, `Cause`/`CausePath`).
    fn fail_failure(&mut self, strand: &Strand, fail: &FailState) -> Failure {
        let context = self.context_of(strand, None);
        let vars = self.vars_of(strand);
        let site = self.site(strand);
        let data = Data {
            input: &strand.input,
            context: &context,
            vars: &vars,
        };
        let mut text =
            |source: &Option<TextSource>, field: &str| -> Result<Option<String>, Failure> {
                match source {
                    None => Ok(None),
                    Some(TextSource::Value(text)) => Ok(Some(text.clone())),
                    Some(TextSource::Path(dynamic)) => {
                        match payload::dynamic_value(dynamic, data, &mut self.rng, site, field)? {
                            Value::String(s) => Ok(Some(s)),
                            other => Err(site.runtime(&format!(
                                "The {field} field must resolve to a string, found {}",
                                compact(&other)
                            ))),
                        }
                    }
                }
            };
        let error = match text(&fail.error, "ErrorPath") {
            Ok(error) => error,
            Err(failure) => return failure,
        };
        match text(&fail.cause, "CausePath") {
            Ok(cause) => Failure::optional(error, cause),
            Err(failure) => failure,
        }
    }
}

/// Whether entering `state` evaluates a path or template that may read `$$` or variables.
/// Task, Parallel and Map build their own for their parameters; only their InputPath is
/// evaluated here.
fn reads_data_on_entry(state: &State) -> bool {
    let input_path = matches!(fields(state).input_path, Some(Some(Nullable::Value(_))));
    match state {
        State::Pass(pass) => input_path || (pass.result.is_none() && pass.parameters.is_some()),
        State::Wait(wait) => {
            input_path
                || matches!(
                    wait.duration,
                    WaitDuration::SecondsPath(_) | WaitDuration::TimestampPath(_)
                )
        }
        State::Succeed(_) | State::Task(_) | State::Parallel(_) | State::Map(_) => input_path,
        State::Choice(_) | State::Fail(_) => true,
    }
}
