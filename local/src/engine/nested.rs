//! The `states:startExecution` integration: request-response, `.sync` (output as JSON text)
//! and `.sync:2` (output as JSON), and `.waitForTaskToken`.

use serde_json::{Value, json};
use stepfn_core::model::{IntegrationPattern, MachineType};

use super::execution::ExecutionStatus;
use super::strand::Outcome;
use super::{Engine, Strand};
use crate::failure::Failure;
use crate::payload::compact;

impl Engine {
    pub(crate) fn start_child(
        &mut self,
        strand: &mut Strand,
        id: u64,
        params: &Value,
        pattern: IntegrationPattern,
    ) -> Outcome {
        let machine_arn = params
            .get("StateMachineArn")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let Some(machine) = self.machines.get(&machine_arn).cloned() else {
            let request = self.rng.uuid_v4();
            let failure = Failure::new(
                "StepFunctions.StateMachineDoesNotExistException",
                format!(
                    "State Machine Does Not Exist: '{machine_arn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: {request}; Proxy: null)"
                ),
            );
            return self.end_task_inline(strand, id, Err(failure));
        };
        let input = match params.get("Input") {
            Some(Value::String(text)) => {
                serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))
            }
            // A null input starts the child with `{}`, as an absent one does (recorded).
            Some(Value::Null) | None => json!({}),
            Some(other) => other.clone(),
        };
        let name = match params.get("Name").and_then(Value::as_str) {
            Some(name) => name.to_owned(),
            None => self.rng.uuid_v4(),
        };
        let kind = if machine.machine_type == MachineType::Express {
            "express"
        } else {
            "execution"
        };
        let arn = format!(
            "arn:aws:states:{}:{}:{kind}:{}:{name}",
            self.config.region, self.config.account, machine.name
        );
        if self.execution_index.contains_key(&arn) {
            let failure = Failure::new(
                "StepFunctions.ExecutionAlreadyExistsException",
                format!(
                    "Execution Already Exists: '{arn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists)"
                ),
            );
            return self.end_task_inline(strand, id, Err(failure));
        }
        let waits = matches!(
            pattern,
            IntegrationPattern::Sync | IntegrationPattern::Sync2
        );
        let start = self.now.millis();
        self.launch(&machine, arn.clone(), name, input, waits.then_some(id));
        let request = self.rng.uuid_v4();
        let (http, meta) =
            crate::integrations::sdk_metadata(&request, self.now, "application/x-amz-json-1.0");
        let response = json!({
            "ExecutionArn": arn,
            "SdkHttpMetadata": http,
            "SdkResponseMetadata": meta,
            "StartDate": start,
        });
        match pattern {
            IntegrationPattern::RequestResponse => self.end_task_inline(strand, id, Ok(response)),
            _ => {
                if let Some(task) = self.tasks.get_mut(&id) {
                    task.sync = Some(pattern);
                }
                self.submitted_response(strand, id, &response);
                Outcome::Blocked
            }
        }
    }

    /// `TaskSubmitted`: the service accepted the request; the task now waits.
    pub(crate) fn submitted_response(&mut self, strand: &mut Strand, id: u64, response: &Value) {
        let Some(task) = self.tasks.get(&id) else {
            return;
        };
        let details = crate::history::TaskOutput {
            resource_type: task.resource_type.clone(),
            resource: task.resource.clone(),
            output: compact(response),
            output_details: Default::default(),
        };
        self.emit(strand, crate::history::EventDetails::TaskSubmitted(details));
    }

    /// A child started with `.sync`/`.sync:2` ended: its parent's task ends with it.
    pub(crate) fn child_execution_ended(&mut self, task: u64, exec: usize) {
        let Some(pattern) = self.tasks.get(&task).and_then(|t| t.sync) else {
            return;
        };
        let child = &self.executions[exec];
        let as_json = pattern == IntegrationPattern::Sync2;
        let payload = |value: &Value| {
            if as_json {
                value.clone()
            } else {
                Value::String(compact(value))
            }
        };
        let status = match child.status {
            ExecutionStatus::Succeeded => "SUCCEEDED",
            ExecutionStatus::Failed => "FAILED",
            ExecutionStatus::TimedOut => "TIMED_OUT",
            ExecutionStatus::Aborted => "ABORTED",
            ExecutionStatus::Running => "RUNNING",
        };
        let mut out = json!({
            "ExecutionArn": child.arn,
            "Input": payload(&child.input),
            "InputDetails": { "Included": true },
            "Name": child.name,
            "RedriveCount": 0,
            "RedriveStatus": "REDRIVABLE",
            "StartDate": child.start.millis(),
            "StateMachineArn": child.machine_arn,
            "Status": status,
            "StopDate": child.stop.map(|s| s.millis()),
        });
        if let Some(output) = &child.output {
            out["Output"] = payload(output);
            out["OutputDetails"] = json!({ "Included": true });
        }
        if child.status == ExecutionStatus::Succeeded {
            out["RedriveStatus"] = json!("NOT_REDRIVABLE");
            out["RedriveStatusReason"] = json!("Execution is SUCCEEDED and cannot be redriven");
        }
        let outcome = if child.status == ExecutionStatus::Succeeded {
            Ok(out)
        } else {
            if let Some(error) = &child.error {
                out["Error"] = json!(error);
            }
            if let Some(cause) = &child.cause {
                out["Cause"] = json!(cause);
            }
            Err(Failure::new("States.TaskFailed", compact(&out)))
        };
        self.end_task(task, outcome, false);
    }
}
