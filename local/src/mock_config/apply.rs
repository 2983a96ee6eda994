//! Executions started with a test case: counting each mocked state's attempts and turning
//! the mocked response of an attempt into the task's outcome.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use super::{MockConfig, MockConfigError, MockResponse, TestCase};
use crate::Engine;
use crate::engine::Strand;
use crate::errors::StartError;
use crate::failure::Failure;

/// The test case of one execution and how many times each mocked state was invoked.
#[derive(Debug, Clone)]
pub(crate) struct MockRun {
    case: Arc<TestCase>,
    attempts: HashMap<String, u32>,
}

impl Engine {
    /// Loads a mock configuration. From then on `start_execution` with a machine ARN
    /// suffixed `#<test case>` runs that test case of the machine, as Step Functions Local
    /// does.
    pub fn set_mock_config(&mut self, config: MockConfig) {
        self.mock_config = Some(Arc::new(config));
    }

    /// The loaded mock configuration, if any.
    pub fn mock_config(&self) -> Option<&MockConfig> {
        self.mock_config.as_deref()
    }

    /// Starts an execution in which the Task states `test_case` mocks answer from their
    /// mocked responses instead of calling their integration. Fails if a mocked state is
    /// not a Task state of the machine.
    pub fn start_test_case(
        &mut self,
        machine_arn: &str,
        test_case: &TestCase,
        name: Option<&str>,
        input: Value,
    ) -> Result<String, StartError> {
        let Some(machine) = self.machines.get(machine_arn) else {
            return Err(StartError::StateMachineDoesNotExist {
                arn: machine_arn.to_owned(),
            });
        };
        test_case.check(&machine.definition)?;

        let arn = self.start_execution(machine_arn, name, input)?;
        if let Some(&index) = self.execution_index.get(&arn) {
            let run = MockRun {
                case: Arc::new(test_case.clone()),
                attempts: HashMap::new(),
            };
            self.mock_runs.insert(index, run);
        }
        Ok(arn)
    }

    /// `start_execution` of `<machine arn>#<case>`: the case of the loaded mock config.
    pub(crate) fn start_named_test_case(
        &mut self,
        machine_arn: &str,
        case: &str,
        name: Option<&str>,
        input: Value,
    ) -> Result<String, StartError> {
        let Some(config) = self.mock_config.clone() else {
            let arn = format!("{machine_arn}#{case}");
            return Err(MockConfigError::NotLoaded { arn }.into());
        };
        let Some(machine) = self.machines.get(machine_arn) else {
            return Err(StartError::StateMachineDoesNotExist {
                arn: machine_arn.to_owned(),
            });
        };
        let test_case = config.test_case(&machine.name, case)?;
        self.start_test_case(machine_arn, &test_case, name, input)
    }

    /// The outcome of the strand's Task state if its execution's test case mocks it; each
    /// call is one attempt. An attempt past the last mocked one fails the execution, as
    /// the format documents.
    pub(crate) fn mocked_outcome(&mut self, strand: &Strand) -> Option<Result<Value, Failure>> {
        let run = self.mock_runs.get_mut(&strand.exec)?;
        let mocked = run.case.mocked(&strand.state)?;
        let counter = run.attempts.entry(strand.state.clone()).or_insert(0);
        let attempt = *counter;
        *counter += 1;
        tracing::info!(state = %strand.state, attempt, mock = mocked.name(), "mocked task");

        match mocked.response(attempt) {
            Some(MockResponse::Return(value)) => Some(Ok(value.clone())),
            Some(MockResponse::Throw { error, cause }) => {
                Some(Err(Failure::new(error.clone(), cause.clone())))
            }
            None => {
                let detail = format!(
                    "The test case '{}' has no mocked response for attempt {attempt} of this \
                     state; '{}' answers attempts 0 to {}",
                    run.case.name(),
                    mocked.name(),
                    mocked.attempts().saturating_sub(1),
                );
                Some(Err(self.site(strand).runtime(&detail)))
            }
        }
    }
}
