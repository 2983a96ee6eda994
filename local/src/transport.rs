//! The local engine as the transport of the typed callback clients
//! ([`stepfn_core::callback::CallbackClient`]): callbacks reach a [`SharedEngine`] in-process
//! and retry delays pass on its virtual clock.

use std::time::Duration;

use stepfn_core::callback::{SendError, Transport};

use crate::SharedEngine;
use crate::errors::CallbackError;

/// Each call is one attempt answered at once; the engine runs to idle after a success or a
/// failure, so the answer has taken effect when the future resolves.
impl Transport for SharedEngine {
    async fn send_task_success(&self, token: &str, output: &str) -> Result<(), SendError> {
        SharedEngine::send_task_success(self, token, output).map_err(send_error)
    }

    async fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), SendError> {
        SharedEngine::send_task_failure(self, token, error, cause).map_err(send_error)
    }

    async fn send_task_heartbeat(&self, token: &str) -> Result<(), SendError> {
        SharedEngine::send_task_heartbeat(self, token).map_err(send_error)
    }

    /// Advances the engine's virtual clock by `delay`: time passes for the executions too,
    /// as it would while a real client waits to retry.
    async fn sleep(&self, delay: Duration) {
        self.lock().advance(delay);
    }
}

/// The engine's errors carry AWS's codes and messages; the client maps codes.
fn send_error(error: CallbackError) -> SendError {
    SendError::from_code(error.code(), error.to_string())
}
