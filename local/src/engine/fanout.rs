//! Parallel and Map states: branches and iterations as strands of their own, joined back in
//! order, with `MaxConcurrency`, tolerated failures and aborts of the siblings of a failure.

use std::collections::VecDeque;
use std::sync::Arc;

use serde_json::Value;
use stepfn_core::model::{
    ExecutionType, IntSource, MapState, NumberSource, PredefinedError, State, States,
};

use super::execution::{MapRunChild, StateContext};
use super::strand::{Outcome, Visit};
use super::{Engine, Phase, Resume, Strand, pipeline};
use crate::failure::Failure;
use crate::history::{
    ErrorInfo, EventDetails, MapIteration, MapRunStarted, MapStateStarted, StateKind,
};
use crate::jsonpath::Data;
use crate::payload::compact;

/// A Parallel or Map state waiting for its strands.
#[derive(Debug)]
pub(crate) struct Join {
    exec: usize,
    parent: usize,
    parent_generation: u64,
    map: Option<MapJoin>,
    results: Vec<Value>,
    remaining: usize,
    live: Vec<usize>,
    last_event: u64,
}

#[derive(Debug)]
struct MapJoin {
    name: String,
    states: Arc<States>,
    start_at: String,
    scope: usize,
    pending: VecDeque<(usize, Value)>,
    tolerated_count: Option<u64>,
    tolerated_percentage: Option<f64>,
    failures: u64,
    total: usize,
    /// Set for a DISTRIBUTED Map: each iteration is a child execution of this Map Run.
    run: Option<MapRun>,
}

/// The Map Run of a Distributed Map.
#[derive(Debug)]
struct MapRun {
    /// `<machine name>/<Label or state name>`: the children's state machine name.
    machine_name: String,
    /// The same under the parent machine's ARN.
    machine_arn: String,
    express: bool,
    /// The Map Run's ARN.
    arn: String,
}

impl MapJoin {
    fn tolerance_set(&self) -> bool {
        self.tolerated_count.is_some() || self.tolerated_percentage.is_some()
    }

    fn exceeded(&self) -> bool {
        if !self.tolerance_set() {
            return self.failures > 0;
        }
        let by_count = self.tolerated_count.is_some_and(|c| self.failures > c);
        let share = self.failures as f64 * 100.0 / self.total.max(1) as f64;
        let by_share = self.tolerated_percentage.is_some_and(|p| share > p);
        by_count || by_share
    }
}

impl Engine {
    /// Starts (or, on a retry, restarts) a Parallel or Map state.
    pub(crate) fn start_fanout(&mut self, strand: &mut Strand, state: &State) -> Outcome {
        let started = match state {
            State::Parallel(parallel) => self.start_parallel(strand, state, parallel),
            State::Map(map) => self.start_map(strand, map),
            _ => return Outcome::Blocked,
        };
        match started {
            Ok(outcome) => outcome,
            Err(failure) => self.fail_state(strand, state, failure),
        }
    }

    fn start_parallel(
        &mut self,
        strand: &mut Strand,
        state: &State,
        parallel: &stepfn_core::model::ParallelState,
    ) -> Result<Outcome, Failure> {
        let context = self.context_of(strand, None);
        let vars = self.vars_of(strand);
        let site = self.site(strand);
        let input = pipeline::template(
            parallel.parameters.as_ref(),
            &strand.visit.effective,
            &context,
            &vars,
            &mut self.rng,
            site,
        )?;
        let started = self.emit(strand, EventDetails::ParallelStateStarted);
        if parallel.branches.is_empty() {
            self.emit(strand, EventDetails::ParallelStateSucceeded);
            return Ok(self.complete(strand, state, Value::Array(Vec::new()), None));
        }
        let join = self.new_join(strand, None, parallel.branches.len(), started);
        for (index, branch) in parallel.branches.iter().enumerate() {
            let scope = self.executions[strand.exec].new_scope(Some(strand.scope));
            let child = self.child(
                strand,
                Arc::new(branch.states.clone()),
                &branch.start_at,
                input.clone(),
                scope,
                (join, index),
                started,
            );
            let id = self.spawn(child);
            self.live(join).push(id);
        }
        Ok(Outcome::Blocked)
    }

    fn start_map(&mut self, strand: &mut Strand, map: &MapState) -> Result<Outcome, Failure> {
        let context = self.context_of(strand, None);
        let vars = self.vars_of(strand);
        let site = self.site(strand);
        // DIVERGENCE: a DISTRIBUTED Map reads its items from the state input only:
        // ItemReader is refused, and ItemBatcher and ResultWriter are ignored.
        if map.item_reader.is_some() {
            return Err(site.runtime(
                "ItemReader is not supported yet by stepfn-local; pass the items in the input",
            ));
        }
        let effective = strand.visit.effective.clone();
        let data = Data {
            input: &effective,
            context: &context,
            vars: &vars,
        };
        let items = match &map.items_path {
            Some(path) => pipeline::select(path, data, site)?,
            None => effective.clone(),
        };
        let Value::Array(items) = items else {
            return Err(site.runtime(&format!(
                "Items of the Map state must be an array, found {}",
                compact(&items)
            )));
        };
        let max_concurrency = int_source(&map.max_concurrency, "MaxConcurrencyPath", data, site)?
            .unwrap_or(0) as usize;
        let selector = map.item_selector.as_ref().or(map.parameters.as_ref());
        let mut inputs = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item_context = self.executions[strand.exec].context(&StateContext {
                name: &strand.state,
                entered: strand.visit.entered_at,
                retry_count: Some(strand.visit.retry_count),
                token: None,
                map_item: Some((index, item)),
            });
            let input = match selector {
                Some(_) => pipeline::template(
                    selector,
                    &effective,
                    &item_context,
                    &vars,
                    &mut self.rng,
                    site,
                )?,
                None => item.clone(),
            };
            inputs.push((index, input));
        }
        let started = self.emit(
            strand,
            EventDetails::MapStateStarted(MapStateStarted {
                length: items.len(),
            }),
        );
        // AWS reads the tolerated-failure settings after `MapStateStarted` (recorded).
        let site = self.site(strand);
        let tolerated_count = int_source(
            &map.tolerated_failure_count,
            "ToleratedFailureCountPath",
            data,
            site,
        )?;
        let tolerated_percentage =
            percentage_source(&map.tolerated_failure_percentage, data, site)?;
        let run = map.is_distributed().then(|| self.map_run(strand, map));
        let last = match &run {
            Some(run) => {
                let map_run_arn = run.arn.clone();
                let details = EventDetails::MapRunStarted(MapRunStarted { map_run_arn });
                self.emit(strand, details)
            }
            None => started,
        };
        if inputs.is_empty() {
            if run.is_some() {
                self.emit(strand, EventDetails::MapRunSucceeded);
            }
            let before = strand.prev;
            self.emit(strand, EventDetails::MapStateSucceeded);
            strand.prev = before;
            let states = strand.states.clone();
            return Ok(self.complete(
                strand,
                &states[&strand.state],
                Value::Array(Vec::new()),
                None,
            ));
        }
        let scope = self.executions[strand.exec].new_scope(Some(strand.scope));
        let total = inputs.len();
        let map_join = MapJoin {
            name: strand.state.clone(),
            states: Arc::new(map.processor.states.clone()),
            start_at: map.processor.start_at.clone(),
            scope,
            pending: inputs.into(),
            tolerated_count,
            tolerated_percentage,
            failures: 0,
            total,
            run,
        };
        let join = self.new_join(strand, Some(map_join), total, last);
        let first_batch = if max_concurrency == 0 {
            total
        } else {
            max_concurrency.min(total)
        };
        for _ in 0..first_batch {
            self.launch_iteration(join, started);
        }
        Ok(Outcome::Blocked)
    }

    fn new_join(
        &mut self,
        strand: &mut Strand,
        map: Option<MapJoin>,
        count: usize,
        started: u64,
    ) -> usize {
        let join = Join {
            exec: strand.exec,
            parent: strand.id,
            parent_generation: strand.generation,
            map,
            results: vec![Value::Null; count],
            remaining: count,
            live: Vec::new(),
            last_event: started,
        };
        self.joins.push(Some(join));
        let id = self.joins.len() - 1;
        strand.visit.join = Some(id);
        id
    }

    fn live(&mut self, join: usize) -> &mut Vec<usize> {
        &mut self.joins[join]
            .as_mut()
            .expect("join exists while its parent waits")
            .live
    }

    #[allow(clippy::too_many_arguments)]
    fn child(
        &self,
        parent: &Strand,
        states: Arc<States>,
        start_at: &str,
        input: Value,
        scope: usize,
        slot: (usize, usize),
        prev: u64,
    ) -> Strand {
        Strand {
            id: 0,
            exec: parent.exec,
            states,
            state: start_at.to_owned(),
            input,
            scope,
            prev,
            parent: Some(slot),
            phase: Phase::Enter,
            visit: Visit::new(self.now),
            generation: 0,
        }
    }

    /// The Map Run a Distributed Map state starts.
    fn map_run(&mut self, strand: &Strand, map: &MapState) -> MapRun {
        let parent = &self.executions[strand.exec];
        let label = map.label.clone().unwrap_or_else(|| strand.state.clone());
        let express = map
            .processor
            .config
            .as_ref()
            .and_then(|config| config.execution_type)
            == Some(ExecutionType::Express);
        let machine_name = format!("{}/{label}", parent.machine_name);
        let machine_arn = format!("{}/{label}", parent.machine_arn);
        let id = self.rng.uuid_v4();
        let arn = format!(
            "arn:aws:states:{}:{}:mapRun:{machine_name}:{id}",
            self.config.region, self.config.account
        );
        MapRun {
            machine_name,
            machine_arn,
            express,
            arn,
        }
    }

    /// Starts the next pending Map iteration, its `MapIterationStarted` chained to `prev`;
    /// in a Distributed Map, a child execution of the Map Run instead.
    fn launch_iteration(&mut self, join_id: usize, prev: u64) {
        let Some(join) = self.joins[join_id].as_mut() else {
            return;
        };
        let exec = join.exec;
        let Some(map) = join.map.as_mut() else {
            return;
        };
        let Some((index, input)) = map.pending.pop_front() else {
            return;
        };
        let (name, states, start_at) = (map.name.clone(), map.states.clone(), map.start_at.clone());
        let (exec, scope, prev) = match &map.run {
            Some(run) => {
                let child = MapRunChild {
                    parent: exec,
                    map_run_arn: run.arn.clone(),
                    machine_name: run.machine_name.clone(),
                    machine_arn: run.machine_arn.clone(),
                    express: run.express,
                };
                let child = self.launch_map_run_child(child, &input);
                (child, self.executions[child].new_scope(None), 0)
            }
            None => {
                let scope = self.executions[exec].new_scope(Some(map.scope));
                let details = EventDetails::MapIterationStarted(MapIteration { name, index });
                (
                    exec,
                    scope,
                    self.executions[exec].push(self.now, prev, details),
                )
            }
        };
        let strand = Strand {
            id: 0,
            exec,
            states,
            state: start_at,
            input,
            scope,
            prev,
            parent: Some((join_id, index)),
            phase: Phase::Enter,
            visit: Visit::new(self.now),
            generation: 0,
        };
        let id = self.spawn(strand);
        self.live(join_id).push(id);
    }

    /// A branch or iteration ended.
    ///
    /// Event chaining as AWS records it: when a branch or iteration fails at event X (its
    /// `TaskFailed`, `TaskTimedOut`, `FailStateEntered`, ...), every event the failure causes
    /// points back at X: `MapIterationFailed`, the failed state's `...StateAborted`, each
    /// other iteration's `MapIterationAborted` and `...StateAborted`, and the
    /// `MapStateFailed`/`ParallelStateFailed` itself.
    pub(crate) fn child_ended(
        &mut self,
        join_id: usize,
        index: usize,
        strand: Strand,
        result: Result<Value, Failure>,
    ) {
        let Some(join) = self.joins.get_mut(join_id).and_then(Option::as_mut) else {
            return;
        };
        join.live.retain(|id| *id != strand.id);
        join.remaining -= 1;
        let exec = join.exec;
        let failed_at = strand.prev;
        let aborted_kind = matches!(
            strand.visit.kind,
            StateKind::Task | StateKind::Map | StateKind::Parallel
        )
        .then_some(strand.visit.kind);
        let Some(map) = join.map.as_mut() else {
            join.last_event = strand.prev;
            match result {
                Ok(output) => {
                    join.results[index] = output;
                    if join.remaining == 0 {
                        let results = std::mem::take(&mut join.results);
                        self.finish_join(join_id, Ok(Value::Array(results)));
                    }
                }
                Err(failure) => {
                    if let Some(kind) = aborted_kind {
                        self.executions[exec].push(
                            self.now,
                            failed_at,
                            EventDetails::StateAborted(kind),
                        );
                    }
                    self.abort_join(join_id, failed_at);
                    self.finish_join(join_id, Err(failure));
                }
            }
            return;
        };
        let distributed = map.run.is_some();
        if distributed {
            // A Map Run child: its own execution ends; the parent's history shows nothing.
            self.end_with(strand.exec, strand.prev, result.clone());
        } else {
            let details = MapIteration {
                name: map.name.clone(),
                index,
            };
            let event = match &result {
                Ok(_) => EventDetails::MapIterationSucceeded(details),
                Err(_) => EventDetails::MapIterationFailed(details),
            };
            let ended = self.executions[exec].push(self.now, strand.prev, event);
            if let (Err(_), Some(kind)) = (&result, aborted_kind) {
                self.executions[exec].push(self.now, failed_at, EventDetails::StateAborted(kind));
            }
            let join = self.joins[join_id].as_mut().expect("join checked above");
            join.last_event = if result.is_ok() { ended } else { failed_at };
        }
        let Some(join) = self.joins[join_id].as_mut() else {
            return;
        };
        let map = join.map.as_mut().expect("map checked above");
        match result {
            Ok(output) => join.results[index] = output,
            Err(failure) => {
                map.failures += 1;
                join.results[index] = failure.error_output();
                if map.exceeded() {
                    // A Map Run fails as a whole with this error, whatever its children's.
                    let failure = if map.tolerance_set() || distributed {
                        Failure::predefined(
                            PredefinedError::ExceedToleratedFailureThreshold,
                            "The specified tolerated failure threshold was exceeded",
                        )
                    } else {
                        failure
                    };
                    self.abort_join(join_id, failed_at);
                    self.finish_join(join_id, Err(failure));
                    return;
                }
            }
        }
        if join.remaining == 0 {
            let results = std::mem::take(&mut join.results);
            self.finish_join(join_id, Ok(Value::Array(results)));
        } else {
            self.launch_iteration(join_id, strand.prev);
        }
    }

    /// Wakes the Parallel/Map state with the joined result.
    fn finish_join(&mut self, join_id: usize, result: Result<Value, Failure>) {
        let Some(mut join) = self.joins.get_mut(join_id).and_then(Option::take) else {
            return;
        };
        let Some(mut parent) = self.strands.get_mut(join.parent).and_then(Option::take) else {
            return;
        };
        if parent.generation != join.parent_generation {
            self.strands[join.parent] = Some(parent);
            return;
        }
        if join.map.as_ref().is_some_and(|map| map.run.is_some()) {
            let details = match &result {
                Ok(_) => EventDetails::MapRunSucceeded,
                Err(failure) => EventDetails::MapRunFailed(ErrorInfo {
                    error: failure.error.clone(),
                    cause: failure.cause.clone(),
                }),
            };
            join.last_event = self.executions[join.exec].push(self.now, join.last_event, details);
        }
        parent.prev = join.last_event;
        if result.is_ok() {
            let details = match &join.map {
                None => EventDetails::ParallelStateSucceeded,
                Some(_) => EventDetails::MapStateSucceeded,
            };
            self.emit(&mut parent, details);
            // AWS chains the `...StateExited` that follows a success to the last branch or
            // iteration event, as it does the `...StateSucceeded` (recorded for Map).
            parent.prev = join.last_event;
        }
        // A failure's `...StateFailed` waits for the Retriers: a retried Map or Parallel has
        // none, its next `...StateStarted` chaining to the failing event (recorded for Map).
        parent.visit.join = None;
        parent.phase = Phase::Resume(Resume::JoinDone(result));
        self.strands[join.parent] = Some(parent);
        self.run_queue.push_back(join.parent);
    }

    /// Aborts every strand still running under a join, chaining each abort event to
    /// `cause`, the event that made the join fail.
    fn abort_join(&mut self, join_id: usize, cause: u64) {
        let live = match self.joins.get_mut(join_id).and_then(Option::as_mut) {
            Some(join) => std::mem::take(&mut join.live),
            None => return,
        };
        for id in live {
            self.abort_strand(id, cause);
        }
    }

    fn abort_strand(&mut self, id: usize, cause: u64) {
        let Some(mut strand) = self.strands.get_mut(id).and_then(Option::take) else {
            return;
        };
        let exec = strand.exec;
        // The root strand of a Map Run child execution: its events chain within its own
        // history, and the child execution ends aborted.
        let own_execution = strand
            .parent
            .and_then(|(join, _)| self.joins[join].as_ref())
            .is_some_and(|join| join.exec != exec);
        let cause = if own_execution { strand.prev } else { cause };
        if let Some(task) = strand.visit.task.take() {
            self.close_task(task);
        }
        if let Some((join, index)) = strand.parent
            && !own_execution
        {
            let name = self.joins[join]
                .as_ref()
                .and_then(|j| j.map.as_ref())
                .map(|m| m.name.clone());
            if let Some(name) = name {
                let aborted = EventDetails::MapIterationAborted(MapIteration { name, index });
                self.executions[exec].push(self.now, cause, aborted);
            }
        }
        if let Some(join) = strand.visit.join.take() {
            self.abort_join(join, cause);
            let aborted = match self.joins[join].take().and_then(|j| j.map) {
                Some(map) => {
                    if map.run.is_some() {
                        self.executions[exec].push(self.now, cause, EventDetails::MapRunAborted);
                    }
                    EventDetails::MapStateAborted
                }
                None => EventDetails::ParallelStateAborted,
            };
            self.executions[exec].push(self.now, cause, aborted);
        } else if matches!(
            strand.phase,
            Phase::Blocked | Phase::Resume(Resume::TaskStart(_))
        ) {
            let kind = strand.visit.kind;
            self.executions[exec].push(self.now, cause, EventDetails::StateAborted(kind));
        }
        if own_execution {
            self.abort_execution(exec);
        }
    }
}

/// A JSON value as AWS quotes it in a cause: a string's text, anything else as JSON.
fn quoted(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => compact(other),
    }
}

/// `MaxConcurrency`/`ToleratedFailureCount` or their `...Path` form (`field` names it). A
/// path may point at a non-negative integer or a string holding one (AWS accepted `"1"`).
fn int_source(
    source: &Option<IntSource>,
    field: &str,
    data: Data<'_>,
    site: crate::payload::Site<'_>,
) -> Result<Option<u64>, Failure> {
    match source {
        None => Ok(None),
        Some(IntSource::Value(n)) => Ok(Some(*n)),
        Some(IntSource::Path(path)) => {
            let value = pipeline::select(path, data, site)?;
            let parsed = match &value {
                Value::String(text) => text.trim().parse::<u64>().ok(),
                other => other.as_u64(),
            };
            parsed.map(Some).ok_or_else(|| {
                site.runtime(&format!(
                    "The {field} field refers to value \"{}\" which is not a valid integer: {}",
                    quoted(&value),
                    crate::jsonpath::display(path)
                ))
            })
        }
        Some(IntSource::Expr(_)) => {
            Err(site.runtime("JSONata is not supported yet by stepfn-local"))
        }
    }
}

/// `ToleratedFailurePercentage` or its path form: a number (or a string holding one) from 0
/// to 100, with AWS's two causes.
fn percentage_source(
    source: &Option<NumberSource>,
    data: Data<'_>,
    site: crate::payload::Site<'_>,
) -> Result<Option<f64>, Failure> {
    let value = match source {
        None => return Ok(None),
        Some(NumberSource::Value(p)) => return Ok(Some(*p)),
        Some(NumberSource::Expr(_)) => {
            return Err(site.runtime("JSONata is not supported yet by stepfn-local"));
        }
        Some(NumberSource::Path(path)) => {
            let value = pipeline::select(path, data, site)?;
            let parsed = match &value {
                Value::String(text) => text.trim().parse::<f64>().ok(),
                other => other.as_f64(),
            };
            parsed.ok_or_else(|| {
                site.runtime(&format!(
                    "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {}",
                    quoted(&value),
                    crate::jsonpath::display(path)
                ))
            })?
        }
    };
    if !(0.0..=100.0).contains(&value) {
        return Err(site.runtime("ToleratedFailurePercentage must be between 0 and 100."));
    }
    Ok(Some(value))
}
