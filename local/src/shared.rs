//! A cloneable, thread-safe handle on an engine, for async callers such as the typed
//! callback clients' local transport.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::Engine;
use crate::errors::CallbackError;

/// An engine behind `Arc<Mutex<...>>`: clone it into tasks and threads; each call locks it
/// for its duration.
#[derive(Debug, Clone, Default)]
pub struct SharedEngine {
    inner: Arc<Mutex<Engine>>,
}

impl SharedEngine {
    /// Wraps an engine.
    pub fn new(engine: Engine) -> SharedEngine {
        SharedEngine {
            inner: Arc::new(Mutex::new(engine)),
        }
    }

    /// Locks the engine for any other call. A panic while it was locked does not poison it
    /// for later callers: the engine's state is still consistent between calls.
    pub fn lock(&self) -> MutexGuard<'_, Engine> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `SendTaskSuccess`, then runs the engine to idle so the answer takes effect.
    pub fn send_task_success(&self, token: &str, output: &str) -> Result<(), CallbackError> {
        let mut engine = self.lock();
        engine.send_task_success(token, output)?;
        engine.run_until_idle();
        Ok(())
    }

    /// `SendTaskFailure`, then runs the engine to idle.
    pub fn send_task_failure(
        &self,
        token: &str,
        error: Option<&str>,
        cause: Option<&str>,
    ) -> Result<(), CallbackError> {
        let mut engine = self.lock();
        engine.send_task_failure(token, error, cause)?;
        engine.run_until_idle();
        Ok(())
    }

    /// `SendTaskHeartbeat`.
    pub fn send_task_heartbeat(&self, token: &str) -> Result<(), CallbackError> {
        self.lock().send_task_heartbeat(token)
    }

    /// Publishes to an SNS topic from outside any execution (see [`Engine::publish`]), then
    /// runs the engine to idle so that subscribers' effects take place.
    pub fn publish(&self, topic_arn: &str, body: &str, sent_by: &str) -> String {
        let mut engine = self.lock();
        let id = engine.publish(topic_arn, body, None, sent_by);
        engine.run_until_idle();
        id
    }
}
