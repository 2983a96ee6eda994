//! Strands: one thread of control (the top level, a Parallel branch, a Map iteration), and
//! what every state does when it ends: the output pipeline, `Assign`, Retry, Catch and the
//! transition.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use stepfn_core::model::{Catcher, JitterStrategy, Nullable, State, States, Template, Transition};
use stepfn_core::path::Path;

use super::execution::StateContext;
use super::{Engine, TimerKind, pipeline};
use crate::failure::Failure;
use crate::history::{EventDetails, StateExited, StateKind};
use crate::payload::{Site, compact};
use crate::time::Instant;

/// A thread of control inside an execution.
#[derive(Debug)]
pub(crate) struct Strand {
    /// Its index in the engine's strand slab.
    pub(crate) id: usize,
    pub(crate) exec: usize,
    pub(crate) states: Arc<States>,
    pub(crate) state: String,
    /// The raw input of the current state.
    pub(crate) input: Value,
    pub(crate) scope: usize,
    /// The event the strand's next event chains to.
    pub(crate) prev: u64,
    /// The Parallel/Map join this strand reports to, and its index there.
    pub(crate) parent: Option<(usize, usize)>,
    pub(crate) phase: Phase,
    pub(crate) visit: Visit,
    /// Bumped when the strand is aborted, so its stale timers do nothing.
    pub(crate) generation: u64,
}

/// What a strand does next when it runs.
#[derive(Debug)]
pub(crate) enum Phase {
    Enter,
    Resume(Resume),
    Blocked,
}

/// Why a blocked strand runs again.
#[derive(Debug)]
pub(crate) enum Resume {
    Waited,
    Retry,
    /// A scheduled task starts (its `TaskStarted` and the call).
    TaskStart(u64),
    TaskDone(Result<Value, Failure>),
    JoinDone(Result<Value, Failure>),
}

/// The bookkeeping of one visit to a state.
#[derive(Debug, Clone)]
pub(crate) struct Visit {
    pub(crate) entered_event: u64,
    pub(crate) entered_at: Instant,
    pub(crate) retries: Vec<u32>,
    pub(crate) retry_count: u32,
    pub(crate) effective: Value,
    pub(crate) task: Option<u64>,
    pub(crate) join: Option<usize>,
    pub(crate) kind: StateKind,
}

impl Visit {
    pub(crate) fn new(now: Instant) -> Visit {
        Visit {
            entered_event: 0,
            entered_at: now,
            retries: Vec::new(),
            retry_count: 0,
            effective: Value::Null,
            task: None,
            join: None,
            kind: StateKind::Pass,
        }
    }
}

/// What a step did to its strand.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Go on with the next state.
    Next,
    /// Wait for a timer, a task or a join.
    Blocked,
    /// The strand's scope ended with this output.
    End(Value),
    /// The strand failed.
    Fail(Failure),
}

/// The pipeline fields every state type shares, where it has them.
#[derive(Debug, Default)]
pub(crate) struct Fields<'a> {
    pub(crate) input_path: Option<&'a Option<Nullable<Path>>>,
    pub(crate) result_selector: Option<&'a Template>,
    pub(crate) result_path: Option<&'a Option<Nullable<Path>>>,
    pub(crate) output_path: Option<&'a Option<Nullable<Path>>>,
    pub(crate) assign: Option<&'a Template>,
    pub(crate) transition: Option<&'a Transition>,
}

pub(crate) fn fields(state: &State) -> Fields<'_> {
    match state {
        State::Task(s) => Fields {
            input_path: Some(&s.input_path),
            result_selector: s.result_selector.as_ref(),
            result_path: Some(&s.result_path),
            output_path: Some(&s.output_path),
            assign: s.assign.as_ref(),
            transition: Some(&s.transition),
        },
        State::Pass(s) => Fields {
            input_path: Some(&s.input_path),
            result_path: Some(&s.result_path),
            output_path: Some(&s.output_path),
            assign: s.assign.as_ref(),
            transition: Some(&s.transition),
            ..Fields::default()
        },
        State::Choice(s) => Fields {
            input_path: Some(&s.input_path),
            output_path: Some(&s.output_path),
            assign: s.assign.as_ref(),
            ..Fields::default()
        },
        State::Wait(s) => Fields {
            input_path: Some(&s.input_path),
            output_path: Some(&s.output_path),
            assign: s.assign.as_ref(),
            transition: Some(&s.transition),
            ..Fields::default()
        },
        State::Succeed(s) => Fields {
            input_path: Some(&s.input_path),
            output_path: Some(&s.output_path),
            ..Fields::default()
        },
        State::Fail(_) => Fields::default(),
        State::Parallel(s) => Fields {
            input_path: Some(&s.input_path),
            result_selector: s.result_selector.as_ref(),
            result_path: Some(&s.result_path),
            output_path: Some(&s.output_path),
            assign: s.assign.as_ref(),
            transition: Some(&s.transition),
        },
        State::Map(s) => Fields {
            input_path: Some(&s.input_path),
            result_selector: s.result_selector.as_ref(),
            result_path: Some(&s.result_path),
            output_path: Some(&s.output_path),
            assign: s.assign.as_ref(),
            transition: Some(&s.transition),
        },
    }
}

pub(crate) fn kind(state: &State) -> StateKind {
    match state {
        State::Task(_) => StateKind::Task,
        State::Pass(_) => StateKind::Pass,
        State::Choice(_) => StateKind::Choice,
        State::Wait(_) => StateKind::Wait,
        State::Succeed(_) => StateKind::Succeed,
        State::Fail(_) => StateKind::Fail,
        State::Parallel(_) => StateKind::Parallel,
        State::Map(_) => StateKind::Map,
    }
}

impl Engine {
    /// Records an event for `strand`, chained to its previous one.
    pub(crate) fn emit(&mut self, strand: &mut Strand, details: EventDetails) -> u64 {
        let id = self.executions[strand.exec].push(self.now, strand.prev, details);
        strand.prev = id;
        id
    }

    pub(crate) fn site<'s>(&self, strand: &'s Strand) -> Site<'s> {
        Site {
            state: &strand.state,
            entered_event: strand.visit.entered_event,
        }
    }

    /// The context object for the current state of `strand`.
    pub(crate) fn context_of(&self, strand: &Strand, token: Option<&str>) -> Value {
        let retry_count = matches!(
            strand.visit.kind,
            StateKind::Task | StateKind::Map | StateKind::Parallel
        )
        .then_some(strand.visit.retry_count);
        self.executions[strand.exec].context(&StateContext {
            name: &strand.state,
            entered: strand.visit.entered_at,
            retry_count,
            token,
            map_item: None,
        })
    }

    pub(crate) fn vars_of(&self, strand: &Strand) -> Map<String, Value> {
        self.executions[strand.exec].visible_vars(strand.scope)
    }

    /// A state's successful end: ResultSelector, Assign, ResultPath, OutputPath, the
    /// `...StateExited` event and the transition. `result` is the state's raw result;
    /// for Choice, Wait and Succeed it is the effective input and no ResultPath applies.
    pub(crate) fn complete(
        &mut self,
        strand: &mut Strand,
        state: &State,
        result: Value,
        next: Option<&str>,
    ) -> Outcome {
        match self.try_complete(strand, state, result) {
            Ok(output) => self.exit_to(strand, state, output, next),
            Err(failure) => self.fail_state(strand, state, failure),
        }
    }

    fn try_complete(
        &mut self,
        strand: &mut Strand,
        state: &State,
        result: Value,
    ) -> Result<(Value, Map<String, Value>), Failure> {
        let fields = fields(state);
        // As on entry: `$$` and the variables only when a field here can read them.
        let reads_data = fields.result_selector.is_some()
            || fields.assign.is_some()
            || matches!(fields.output_path, Some(Some(Nullable::Value(_))));
        let (context, vars) = if reads_data {
            (self.context_of(strand, None), self.vars_of(strand))
        } else {
            (Value::Null, Map::new())
        };
        let site = self.site(strand);
        // Absent fields pass the value on as it is, without a copy.
        let selected = match fields.result_selector {
            None => result,
            selector => {
                pipeline::template(selector, &result, &context, &vars, &mut self.rng, site)?
            }
        };
        let assigned = match fields.assign {
            Some(assign) => match pipeline::template(
                Some(assign),
                &selected,
                &context,
                &vars,
                &mut self.rng,
                site,
            )? {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            None => Map::new(),
        };
        let merged = match fields.result_path {
            Some(path) => pipeline::result_path(path, &strand.input, selected, site)?,
            None => selected,
        };
        let output = match fields.output_path {
            None | Some(None) => merged,
            Some(path) => pipeline::filter(path, &merged, &context, &vars, site)?,
        };
        pipeline::check_size(&output, &strand.state)?;
        Ok((output, assigned))
    }

    fn exit_to(
        &mut self,
        strand: &mut Strand,
        state: &State,
        (output, assigned): (Value, Map<String, Value>),
        next: Option<&str>,
    ) -> Outcome {
        let recorded = (!assigned.is_empty()).then(|| {
            assigned
                .iter()
                .map(|(name, value)| (name.clone(), compact(value)))
                .collect()
        });
        let exited = StateExited {
            name: strand.state.clone(),
            output: compact(&output),
            output_details: Default::default(),
            assigned_variables_details: recorded.as_ref().map(|_| Default::default()),
            assigned_variables: recorded,
        };
        self.emit(strand, EventDetails::StateExited(kind(state), exited));
        if !assigned.is_empty() {
            self.executions[strand.exec].assign(strand.scope, assigned);
        }
        let next = next.or_else(|| fields(state).transition.and_then(Transition::next));
        match next {
            Some(name) => {
                strand.state = name.to_owned();
                strand.input = output;
                Outcome::Next
            }
            None => Outcome::End(output),
        }
    }

    /// A state failed: retry it if a Retrier matches and has attempts left, else go to the
    /// first matching Catcher, else fail the strand.
    pub(crate) fn fail_state(
        &mut self,
        strand: &mut Strand,
        state: &State,
        failure: Failure,
    ) -> Outcome {
        self.fail_state_then(strand, state, failure, None)
    }

    /// [`fail_state`](Self::fail_state), writing `unretried` first when no Retrier takes the
    /// failure (a Map's or Parallel's `...StateFailed`).
    pub(crate) fn fail_state_then(
        &mut self,
        strand: &mut Strand,
        state: &State,
        failure: Failure,
        unretried: Option<EventDetails>,
    ) -> Outcome {
        let retriers = state.retry();
        if let Some(index) = retriers
            .iter()
            .position(|r| failure.matches(&r.error_equals))
        {
            let retrier = &retriers[index];
            strand.visit.retries.resize(retriers.len(), 0);
            let done = strand.visit.retries[index];
            if u64::from(done) < retrier.attempts() {
                strand.visit.retries[index] += 1;
                strand.visit.retry_count += 1;
                let mut delay = retrier.delay_seconds(done + 1);
                if retrier.jitter_strategy == Some(JitterStrategy::Full) {
                    delay *= self.rng.unit();
                }
                let delay = Duration::from_millis((delay * 1000.0).round() as u64);
                self.schedule_resume(strand, delay, Resume::Retry);
                return Outcome::Blocked;
            }
        }
        if let Some(details) = unretried {
            self.emit(strand, details);
        }
        match state
            .catch()
            .iter()
            .find(|c| failure.matches(&c.error_equals))
        {
            Some(catcher) => self.catch(strand, state, catcher, &failure),
            None => Outcome::Fail(failure),
        }
    }

    fn catch(
        &mut self,
        strand: &mut Strand,
        state: &State,
        catcher: &Catcher,
        failure: &Failure,
    ) -> Outcome {
        let error_output = failure.error_output();
        let site = self.site(strand);
        let merged = match pipeline::result_path(
            &catcher.result_path,
            &strand.input,
            error_output.clone(),
            site,
        ) {
            Ok(merged) => merged,
            Err(failure) => return Outcome::Fail(failure),
        };
        let mut assigned = Map::new();
        if let Some(assign) = &catcher.assign {
            let context = self.context_of(strand, None);
            let vars = self.vars_of(strand);
            match pipeline::template(
                Some(assign),
                &error_output,
                &context,
                &vars,
                &mut self.rng,
                site,
            ) {
                Ok(Value::Object(map)) => assigned = map,
                Ok(_) => {}
                Err(failure) => return Outcome::Fail(failure),
            }
        }
        self.exit_to(strand, state, (merged, assigned), Some(&catcher.next))
    }

    /// Wakes `strand` with `resume` after `delay`, unless it is aborted meanwhile.
    pub(crate) fn schedule_resume(&mut self, strand: &Strand, delay: Duration, resume: Resume) {
        let at = self.now.after(delay);
        let kind = TimerKind::Resume {
            strand: strand.id,
            generation: strand.generation,
            resume,
        };
        self.add_timer(at, kind);
    }
}
