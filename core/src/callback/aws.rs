//! `AwsTransport`: callbacks sent to Step Functions with aws-sdk-sfn (feature `aws`).

use std::fmt;
use std::time::Duration;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_sfn::Client;
use aws_sdk_sfn::config::retry::RetryConfig;
use aws_sdk_sfn::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_sfn::operation::send_task_failure::SendTaskFailureError;
use aws_sdk_sfn::operation::send_task_heartbeat::SendTaskHeartbeatError;
use aws_sdk_sfn::operation::send_task_success::SendTaskSuccessError;
use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep, default_async_sleep};

use super::{SendError, Transport};

/// The [`Transport`] to AWS Step Functions, through aws-sdk-sfn.
///
/// The SDK's own retries are turned off: the typed client retries throttled and transient
/// calls by its [`RetryPolicy`](super::RetryPolicy), so that there is one bounded policy,
/// not two multiplied. The client sleeps between retries with the SDK's sleep (tokio's).
#[derive(Clone)]
pub struct AwsTransport {
    client: Client,
    sleep: Option<SharedAsyncSleep>,
}

impl AwsTransport {
    /// A transport configured from the environment, as the AWS CLI is (region,
    /// credentials, `AWS_ENDPOINT_URL_SFN`, ...).
    pub async fn from_env() -> Self {
        AwsTransport::from_conf(&aws_config::load_defaults(BehaviorVersion::latest()).await)
    }

    /// A transport configured by `conf`; an endpoint set there is used.
    pub fn from_conf(conf: &SdkConfig) -> Self {
        let conf = aws_sdk_sfn::config::Builder::from(conf)
            .retry_config(RetryConfig::disabled())
            .build();
        AwsTransport::new(Client::from_conf(conf))
    }

    /// A transport over `client`, used as it is configured (retries included).
    pub fn new(client: Client) -> Self {
        let sleep = client.config().sleep_impl().or_else(default_async_sleep);
        AwsTransport { client, sleep }
    }

    /// The same transport talking to `url` (`http://127.0.0.1:8083`): a Step
    /// Functions-compatible endpoint such as a local emulator.
    pub fn with_endpoint(self, url: impl Into<String>) -> Self {
        let conf = self.client.config().to_builder().endpoint_url(url).build();
        AwsTransport::new(Client::from_conf(conf))
    }

    /// The SDK client underneath.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

impl fmt::Debug for AwsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsTransport")
            .field("region", &self.client.config().region())
            .finish_non_exhaustive()
    }
}

impl Transport for AwsTransport {
    async fn send_task_success(&self, token: &str, output: &str) -> Result<(), SendError> {
        let sent = self.client.send_task_success();
        let sent = sent.task_token(token).output(output).send().await;
        sent.map(drop).map_err(|e| from_sdk(e, success_error))
    }

    async fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), SendError> {
        let sent = self.client.send_task_failure().task_token(token);
        let sent = sent.set_error(error.map(str::to_owned));
        let sent = sent.set_cause(cause.map(str::to_owned)).send().await;
        sent.map(drop).map_err(|e| from_sdk(e, failure_error))
    }

    async fn send_task_heartbeat(&self, token: &str) -> Result<(), SendError> {
        let sent = self
            .client
            .send_task_heartbeat()
            .task_token(token)
            .send()
            .await;
        sent.map(drop).map_err(|e| from_sdk(e, heartbeat_error))
    }

    async fn sleep(&self, delay: Duration) {
        if let Some(sleep) = &self.sleep {
            sleep.sleep(delay).await;
        }
    }
}

/// Maps an SDK failure: a service error by its operation's typed variants (`typed`), else by
/// its code; anything that got no answer to a transport failure, transient when retrying
/// may help.
fn from_sdk<E>(error: SdkError<E>, typed: fn(&E) -> Option<SendError>) -> SendError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let transient = match &error {
        SdkError::ServiceError(service) => {
            if let Some(mapped) = typed(service.err()) {
                return mapped;
            }
            let message = service.err().message().unwrap_or_default();
            match service.err().code() {
                Some(code) if !service.raw().status().is_server_error() => {
                    return SendError::from_code(code, message);
                }
                Some(code) if SendError::from_code(code, "").is_retryable() => {
                    return SendError::from_code(code, message);
                }
                _ => true,
            }
        }
        SdkError::TimeoutError(_) => true,
        SdkError::DispatchFailure(failure) => !failure.is_user(),
        SdkError::ResponseError(response) => response.raw().status().is_server_error(),
        _ => false,
    };
    SendError::transport(DisplayErrorContext(&error).to_string(), transient)
}

fn message(error: &impl ProvideErrorMetadata) -> String {
    error.message().unwrap_or_default().to_owned()
}

fn success_error(error: &SendTaskSuccessError) -> Option<SendError> {
    let message = message(error);
    Some(match error {
        SendTaskSuccessError::TaskTimedOut(_) => SendError::TaskTimedOut { message },
        SendTaskSuccessError::InvalidToken(_) => SendError::InvalidToken { message },
        SendTaskSuccessError::TaskDoesNotExist(_) => SendError::TaskDoesNotExist { message },
        SendTaskSuccessError::InvalidOutput(_) => SendError::InvalidOutput { message },
        SendTaskSuccessError::KmsThrottlingException(_) => SendError::throttled(message),
        _ => return None,
    })
}

fn failure_error(error: &SendTaskFailureError) -> Option<SendError> {
    let message = message(error);
    Some(match error {
        SendTaskFailureError::TaskTimedOut(_) => SendError::TaskTimedOut { message },
        SendTaskFailureError::InvalidToken(_) => SendError::InvalidToken { message },
        SendTaskFailureError::TaskDoesNotExist(_) => SendError::TaskDoesNotExist { message },
        SendTaskFailureError::KmsThrottlingException(_) => SendError::throttled(message),
        _ => return None,
    })
}

fn heartbeat_error(error: &SendTaskHeartbeatError) -> Option<SendError> {
    let message = message(error);
    Some(match error {
        SendTaskHeartbeatError::TaskTimedOut(_) => SendError::TaskTimedOut { message },
        SendTaskHeartbeatError::InvalidToken(_) => SendError::InvalidToken { message },
        SendTaskHeartbeatError::TaskDoesNotExist(_) => SendError::TaskDoesNotExist { message },
        _ => return None,
    })
}
