//! The valuation webhook as a Lambda function behind API Gateway (HTTP API): the axum app
//! of `loan_processor::webhook::router`, answering tasks through Step Functions and
//! publishing failures to SNS.
//!
//! Environment: `TOKEN_TABLE` (the DynamoDB table of `DynamoStore`) and `ERROR_TOPIC_ARN`.

use lambda_http::Error;
use loan_processor::webhook::{router, valuation_webhook};
use stepfn_core::callback::AwsTransport;
use stepfn_store::DynamoStore;
use stepfn_webhook::SnsSink;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let conf = aws_config::load_from_env().await;
    let store = DynamoStore::from_conf(&conf, required("TOKEN_TABLE")?);
    let sink = SnsSink::from_conf(&conf, required("ERROR_TOPIC_ARN")?);
    // Notices name the function, as the post's `context.invokedFunctionArn` did.
    let source =
        std::env::var("AWS_LAMBDA_FUNCTION_NAME").unwrap_or_else(|_| "valuation-webhook".into());

    let webhook = valuation_webhook(store, AwsTransport::from_conf(&conf), sink, source);
    lambda_http::run(router(webhook)).await
}

fn required(name: &str) -> Result<String, Error> {
    std::env::var(name).map_err(|_| format!("environment variable `{name}` is not set").into())
}
