//! The service API: creating machines, starting, describing and stopping executions,
//! reading histories, and how an execution ends.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use stepfn_core::model::{MachineType, ResourceKind, State, StateMachine, States};
use stepfn_core::validate::{self, Options};

use super::execution::{EVENT_LIMIT, ExecutionStatus, MapRunChild};
use super::strand::Visit;
use super::{Engine, Execution, ExecutionDescription, MachineRecord, Phase, Strand, TimerKind};
use crate::errors::{CreateError, LookupError, StartError};
use crate::failure::Failure;
use crate::history::{ErrorInfo, EventDetails, ExecutionStarted, HistoryEvent, OutputInfo};
use crate::payload::compact;

/// A definition to create a machine from: the typed model or ASL JSON text.
#[derive(Debug, Clone)]
pub enum Definition {
    /// A model built in Rust.
    Machine(StateMachine),
    /// ASL JSON text.
    Json(String),
}

impl From<StateMachine> for Definition {
    fn from(machine: StateMachine) -> Self {
        Definition::Machine(machine)
    }
}

impl From<&StateMachine> for Definition {
    fn from(machine: &StateMachine) -> Self {
        Definition::Machine(machine.clone())
    }
}

impl From<&str> for Definition {
    fn from(text: &str) -> Self {
        Definition::Json(text.to_owned())
    }
}

impl From<String> for Definition {
    fn from(text: String) -> Self {
        Definition::Json(text)
    }
}

/// AWS's rule for machine, execution and activity names.
pub(crate) fn valid_name(name: &str) -> bool {
    let forbidden =
        |c: char| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c);
    !name.is_empty() && name.chars().count() <= 80 && !name.chars().any(forbidden)
}

impl Engine {
    /// Creates a state machine after validating its definition (Express machines may not
    /// wait for callbacks nor run `.sync` jobs). Returns its ARN. Creating the same name
    /// with the same definition again returns the same ARN.
    pub fn create_state_machine(
        &mut self,
        name: &str,
        definition: impl Into<Definition>,
        machine_type: MachineType,
    ) -> Result<String, CreateError> {
        if !valid_name(name) {
            return Err(CreateError::InvalidName {
                name: name.to_owned(),
            });
        }
        let options = Options::for_machine_type(machine_type);
        let (machine, findings) = match definition.into() {
            Definition::Machine(machine) => {
                let findings = validate::validate(&machine, &options);
                (Some(machine), findings)
            }
            Definition::Json(text) => {
                let report = validate::validate_str(&text, &options);
                (report.machine, report.findings)
            }
        };
        let errors: Vec<_> = findings.into_iter().filter(|f| f.is_error()).collect();
        let machine = match machine {
            Some(machine) if errors.is_empty() => machine,
            _ => return Err(CreateError::InvalidDefinition { findings: errors }),
        };
        let arn = format!(
            "arn:aws:states:{}:{}:stateMachine:{name}",
            self.config.region, self.config.account
        );
        if let Some(existing) = self.machines.get(&arn) {
            if *existing.definition == machine && existing.machine_type == machine_type {
                return Ok(arn);
            }
            return Err(CreateError::AlreadyExists { arn });
        }
        self.register_activities(&machine.states);
        let record = MachineRecord {
            arn: arn.clone(),
            name: name.to_owned(),
            states: Arc::new(machine.states.clone()),
            definition: Arc::new(machine),
            machine_type,
            role_arn: format!(
                "arn:aws:iam::{}:role/StepFunctionsLocalRole",
                self.config.account
            ),
        };
        self.machines.insert(arn.clone(), record);
        Ok(arn)
    }

    fn register_activities(&mut self, states: &States) {
        for state in states.values() {
            if let State::Task(task) = state
                && let ResourceKind::Activity { .. } = task.resource.kind()
            {
                self.activities
                    .entry(task.resource.as_str().to_owned())
                    .or_default();
            }
            for (_, _, nested) in state.nested() {
                self.register_activities(nested);
            }
        }
    }

    /// Starts an execution and returns its ARN. Nothing runs until the clock is driven
    /// (`run_until_idle`, `advance`, `run_to_completion`). A machine ARN suffixed
    /// `#<test case>` runs that test case of the loaded mock config
    /// ([`Engine::set_mock_config`]), as Step Functions Local does.
    pub fn start_execution(
        &mut self,
        machine_arn: &str,
        name: Option<&str>,
        input: Value,
    ) -> Result<String, StartError> {
        if let Some((machine_arn, case)) = machine_arn.split_once('#') {
            return self.start_named_test_case(machine_arn, case, name, input);
        }
        let Some(machine) = self.machines.get(machine_arn).cloned() else {
            return Err(StartError::StateMachineDoesNotExist {
                arn: machine_arn.to_owned(),
            });
        };
        let name = match name {
            Some(name) if !valid_name(name) => {
                return Err(StartError::InvalidName {
                    name: name.to_owned(),
                });
            }
            Some(name) => name.to_owned(),
            None => self.rng.uuid_v4(),
        };
        let kind = match machine.machine_type {
            MachineType::Standard => "execution",
            MachineType::Express => "express",
        };
        let arn = format!(
            "arn:aws:states:{}:{}:{kind}:{}:{name}",
            self.config.region, self.config.account, machine.name
        );
        if self.execution_index.contains_key(&arn) {
            return Err(StartError::ExecutionAlreadyExists { arn });
        }
        let text = compact(&input);
        if text.len() > super::pipeline::MAX_PAYLOAD {
            return Err(StartError::InputTooLarge { size: text.len() });
        }
        Ok(self.launch(&machine, arn, name, input, None))
    }

    /// Creates the execution record and its root strand.
    pub(crate) fn launch(
        &mut self,
        machine: &MachineRecord,
        arn: String,
        name: String,
        input: Value,
        parent_task: Option<u64>,
    ) -> String {
        // DIVERGENCE: Express executions keep a full history here; AWS only logs them to
        // CloudWatch and GetExecutionHistory refuses them.
        let index = self.record_execution(NewExecution {
            arn: arn.clone(),
            name,
            machine_arn: machine.arn.clone(),
            machine_name: machine.name.clone(),
            machine: machine.definition.clone(),
            role_arn: machine.role_arn.clone(),
            input: input.clone(),
            parent_task,
            map_run: None,
        });
        let scope = self.executions[index].new_scope(None);
        tracing::info_span!("execution", execution = %arn)
            .in_scope(|| tracing::info!("execution started"));

        let timeout = match (machine.definition.timeout_seconds, machine.machine_type) {
            (Some(seconds), MachineType::Express) => Some(seconds.min(300)),
            (None, MachineType::Express) => Some(300),
            (seconds, MachineType::Standard) => seconds,
        };
        if let Some(seconds) = timeout {
            let at = self.now.after(Duration::from_secs(seconds));
            self.add_timer(at, TimerKind::ExecutionTimeout { exec: index });
        }
        self.spawn(Strand {
            id: 0,
            exec: index,
            states: machine.states.clone(),
            state: machine.definition.start_at.clone(),
            input,
            scope,
            prev: 0,
            parent: None,
            phase: Phase::Enter,
            visit: Visit::new(self.now),
            generation: 0,
        });
        arn
    }

    /// Creates the record of a child execution of a Distributed Map's Map Run (its
    /// `ExecutionStarted` written); the caller spawns its strand.
    pub(crate) fn launch_map_run_child(&mut self, child: MapRunChild, input: &Value) -> usize {
        let name = self.rng.uuid_v4();
        let kind = if child.express {
            "express"
        } else {
            "execution"
        };
        let arn = format!(
            "arn:aws:states:{}:{}:{kind}:{}:{name}",
            self.config.region, self.config.account, child.machine_name
        );
        let parent = &self.executions[child.parent];
        let record = NewExecution {
            arn,
            name,
            machine_arn: child.machine_arn,
            machine_name: child.machine_name,
            machine: parent.machine.clone(),
            role_arn: parent.role_arn.clone(),
            input: input.clone(),
            parent_task: None,
            map_run: Some((child.parent, child.map_run_arn)),
        };
        let index = self.record_execution(record);
        self.executions[child.parent].map_run_children.push(index);
        index
    }

    /// Adds a running execution's record, its `ExecutionStarted` written; returns its index.
    fn record_execution(&mut self, new: NewExecution) -> usize {
        let mut execution = Execution {
            arn: new.arn.clone(),
            name: new.name,
            machine_arn: new.machine_arn,
            machine_name: new.machine_name,
            machine: new.machine,
            role_arn: new.role_arn.clone(),
            input: new.input.clone(),
            status: ExecutionStatus::Running,
            output: None,
            error: None,
            cause: None,
            start: self.now,
            stop: None,
            events: Vec::new(),
            over_limit: false,
            scopes: Vec::new(),
            parent_task: new.parent_task,
            map_run: new.map_run,
            map_run_children: Vec::new(),
        };
        let started = ExecutionStarted {
            input: compact(&new.input),
            input_details: Default::default(),
            role_arn: new.role_arn,
        };
        execution.push(self.now, 0, EventDetails::ExecutionStarted(started));
        let index = self.executions.len();
        self.executions.push(execution);
        self.execution_index.insert(new.arn, index);
        index
    }

    /// The child executions of a Distributed Map's Map Run (`ListExecutions` with
    /// `mapRunArn`; the ARN is in the parent's `MapRunStarted` event), oldest first.
    pub fn map_run_executions(&self, map_run_arn: &str) -> Vec<String> {
        self.executions
            .iter()
            .filter(|e| {
                e.map_run
                    .as_ref()
                    .is_some_and(|(_, arn)| arn == map_run_arn)
            })
            .map(|e| e.arn.clone())
            .collect()
    }

    /// Puts a strand in the slab and the run queue; returns its id.
    pub(crate) fn spawn(&mut self, mut strand: Strand) -> usize {
        let id = self.strands.len();
        strand.id = id;
        self.strands.push(Some(strand));
        self.run_queue.push_back(id);
        id
    }

    /// `DescribeExecution`.
    pub fn describe_execution(
        &self,
        execution_arn: &str,
    ) -> Result<ExecutionDescription, LookupError> {
        let index = self.execution_position(execution_arn)?;
        Ok(self.executions[index].describe())
    }

    /// `GetExecutionHistory`: every event, oldest first.
    pub fn history(&self, execution_arn: &str) -> Result<&[HistoryEvent], LookupError> {
        let index = self.execution_position(execution_arn)?;
        Ok(&self.executions[index].events)
    }

    /// The ARNs of every execution started so far (nested ones included), oldest first.
    /// The child executions of a Distributed Map's Map Run are left out, as `ListExecutions`
    /// leaves them out unless asked for a Map Run; [`Engine::history`] still finds them.
    pub fn executions(&self) -> Vec<String> {
        self.executions
            .iter()
            .filter(|e| e.map_run.is_none())
            .map(|e| e.arn.clone())
            .collect()
    }

    /// `StopExecution`: aborts a running execution (no effect on an ended one).
    pub fn stop_execution(
        &mut self,
        execution_arn: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<ExecutionDescription, LookupError> {
        let index = self.execution_position(execution_arn)?;
        if self.executions[index].is_running() {
            let info = ErrorInfo {
                error: error.map(str::to_owned),
                cause: cause.map(str::to_owned),
            };
            self.end_execution(
                index,
                ExecutionStatus::Aborted,
                None,
                EventDetails::ExecutionAborted(info),
            );
        }
        Ok(self.executions[index].describe())
    }

    /// The root strand ended with `output`.
    pub(crate) fn strand_succeeded(&mut self, strand: Strand, output: Value) {
        if let Some((join, index)) = strand.parent {
            self.child_ended(join, index, strand, Ok(output));
            return;
        }
        self.end_with(strand.exec, strand.prev, Ok(output));
    }

    /// A strand failed without a Catcher.
    pub(crate) fn strand_failed(&mut self, strand: Strand, failure: Failure) {
        if let Some((join, index)) = strand.parent {
            self.child_ended(join, index, strand, Err(failure));
            return;
        }
        self.end_with(strand.exec, strand.prev, Err(failure));
    }

    /// Ends execution `exec` with the result of its root strand, the last event chained to
    /// `previous`.
    pub(crate) fn end_with(&mut self, exec: usize, previous: u64, result: Result<Value, Failure>) {
        match result {
            Ok(output) => {
                let details = OutputInfo {
                    output: compact(&output),
                    output_details: Default::default(),
                };
                let succeeded = EventDetails::ExecutionSucceeded(details);
                self.end_at(
                    exec,
                    previous,
                    ExecutionStatus::Succeeded,
                    Some(output),
                    succeeded,
                );
            }
            Err(failure) => {
                let info = ErrorInfo {
                    error: failure.error,
                    cause: failure.cause,
                };
                let failed = EventDetails::ExecutionFailed(info);
                self.end_at(exec, previous, ExecutionStatus::Failed, None, failed);
            }
        }
    }

    /// Aborts `exec` if it still runs, with an `ExecutionAborted` that has neither error nor
    /// cause (a Map Run child whose Map or parent ended first).
    pub(crate) fn abort_execution(&mut self, exec: usize) {
        if self.executions[exec].is_running() {
            let last = self.executions[exec].events.len() as u64;
            let aborted = EventDetails::ExecutionAborted(ErrorInfo::default());
            self.end_at(exec, last, ExecutionStatus::Aborted, None, aborted);
        }
    }

    pub(crate) fn execution_timed_out(&mut self, exec: usize) {
        if self.executions[exec].is_running() {
            tracing::info!(execution = %self.executions[exec].arn, "execution timed out");
            self.end_execution(
                exec,
                ExecutionStatus::TimedOut,
                None,
                EventDetails::ExecutionTimedOut(ErrorInfo::default()),
            );
        }
    }

    pub(crate) fn history_limit_reached(&mut self, exec: usize) {
        let info = ErrorInfo {
            error: Some("States.Runtime".to_owned()),
            cause: Some(format!(
                "The execution reached the maximum number of history events ({EVENT_LIMIT})."
            )),
        };
        self.end_execution(
            exec,
            ExecutionStatus::Failed,
            None,
            EventDetails::ExecutionFailed(info),
        );
    }

    /// Ends an execution whose terminal event chains to its latest event.
    fn end_execution(
        &mut self,
        exec: usize,
        status: ExecutionStatus,
        output: Option<Value>,
        details: EventDetails,
    ) {
        let previous = self.executions[exec].events.len() as u64;
        self.end_at(exec, previous, status, output, details);
    }

    pub(crate) fn end_at(
        &mut self,
        exec: usize,
        previous: u64,
        status: ExecutionStatus,
        output: Option<Value>,
        details: EventDetails,
    ) {
        let (error, cause) = match details.error_info() {
            Some((error, cause)) => (error.map(str::to_owned), cause.map(str::to_owned)),
            None => (None, None),
        };
        let execution = &mut self.executions[exec];
        execution.push(self.now, previous, details);
        execution.status = status;
        execution.output = output.clone();
        execution.error = error.clone();
        execution.cause = cause.clone();
        execution.stop = Some(self.now);
        tracing::info!(execution = %execution.arn, ?status, "execution ended");
        for slot in &mut self.strands {
            if slot.as_ref().is_some_and(|s| s.exec == exec) {
                *slot = None;
            }
        }
        let tasks: Vec<u64> = self
            .tasks
            .iter()
            .filter(|(_, t)| t.exec == exec)
            .map(|(id, _)| *id)
            .collect();
        for task in tasks {
            self.close_task(task);
        }
        if let Some(task) = self.executions[exec].parent_task {
            self.child_execution_ended(task, exec);
        }
        // The Map Run children still running end with their parent.
        for child in std::mem::take(&mut self.executions[exec].map_run_children) {
            self.abort_execution(child);
        }
    }
}

/// What a new execution record is made from.
struct NewExecution {
    arn: String,
    name: String,
    machine_arn: String,
    machine_name: String,
    machine: Arc<StateMachine>,
    role_arn: String,
    input: Value,
    parent_task: Option<u64>,
    /// For a Map Run child: the parent execution and the Map Run's ARN.
    map_run: Option<(usize, String)>,
}
