//! The valuation service as the request handler reaches it on AWS: the mock service's
//! Express machine, started through aws-sdk-sfn.

use aws_sdk_sfn::Client;
use loan_processor_workflows::LoanApplication;

use crate::mock::Behaviour;
use crate::request::{ServiceError, ValuationService};

/// Starts an execution of the `MockValuation` machine for each request, with the delay
/// the property asks for; a `No callback` property starts nothing.
#[derive(Debug, Clone)]
pub struct MockValuationMachine {
    client: Client,
    machine_arn: String,
}

impl MockValuationMachine {
    /// The machine `machine_arn`, started through `client`.
    pub fn new(client: Client, machine_arn: impl Into<String>) -> Self {
        MockValuationMachine {
            client,
            machine_arn: machine_arn.into(),
        }
    }
}

impl ValuationService for MockValuationMachine {
    async fn request_valuation(
        &self,
        reference: &str,
        application: &LoanApplication,
    ) -> Result<(), ServiceError> {
        let behaviour = Behaviour::of(&application.property);
        if !behaviour.answers() {
            return Ok(());
        }
        let input = behaviour.machine_input(reference, &application.property);
        let error = |message: String| ServiceError { message };
        let input = serde_json::to_string(&input).map_err(|e| error(e.to_string()))?;
        self.client
            .start_execution()
            .state_machine_arn(&self.machine_arn)
            .input(input)
            .send()
            .await
            .map(drop)
            .map_err(|e| error(aws_sdk_sfn::error::DisplayErrorContext(e).to_string()))
    }
}
