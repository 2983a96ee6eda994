//! `RequestValuation`'s Lambda function: stores the task token in DynamoDB under a new
//! valuation reference and starts the mock valuation service.
//!
//! Environment: `TOKEN_TABLE` (the DynamoDB table of `DynamoStore`) and
//! `MOCK_VALUATION_STATE_MACHINE_ARN`.

use lambda_http::lambda_runtime::{self, Error, LambdaEvent, service_fn};
use loan_processor::aws::MockValuationMachine;
use loan_processor::request::{Requested, request_valuation, valuation_reference};
use loan_processor::workflows::ValuationRequest;
use stepfn_store::DynamoStore;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let conf = aws_config::load_from_env().await;
    let store = DynamoStore::from_conf(&conf, required("TOKEN_TABLE")?);
    let machine = required("MOCK_VALUATION_STATE_MACHINE_ARN")?;
    let service = MockValuationMachine::new(aws_sdk_sfn::Client::new(&conf), machine);

    let handler = service_fn(|event: LambdaEvent<ValuationRequest>| {
        let (store, service) = (&store, &service);
        async move {
            let request = event.payload;
            let unique = event.context.request_id;
            let reference = valuation_reference(&request.loan_application, &unique);
            let requested: Requested =
                request_valuation(&request, reference, store, service).await?;
            Ok::<_, Error>(requested)
        }
    });
    lambda_runtime::run(handler).await
}

fn required(name: &str) -> Result<String, Error> {
    std::env::var(name).map_err(|_| format!("environment variable `{name}` is not set").into())
}
