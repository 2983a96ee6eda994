//! `MemoryStore`: tokens in a map, for tests and the local engine.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::{Claim, StoreError, TokenRecord, TokenStore};

/// A [`TokenStore`] in memory: nothing survives the process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    records: Mutex<HashMap<String, TokenRecord>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn records(&self) -> MutexGuard<'_, HashMap<String, TokenRecord>> {
        // A panic while the lock was held cannot leave a record half-written: every
        // change is one insert or one flag.
        self.records.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl TokenStore for MemoryStore {
    async fn put(&self, record: TokenRecord) -> Result<(), StoreError> {
        self.records().insert(record.reference.clone(), record);
        Ok(())
    }

    async fn get(&self, reference: &str) -> Result<Option<TokenRecord>, StoreError> {
        Ok(self.records().get(reference).cloned())
    }

    async fn claim(&self, reference: &str) -> Result<Claim, StoreError> {
        Ok(match self.records().get_mut(reference) {
            None => Claim::Unknown,
            Some(record) if record.used => Claim::AlreadyUsed(record.clone()),
            Some(record) => {
                record.used = true;
                Claim::Won(record.clone())
            }
        })
    }

    async fn release(&self, reference: &str) -> Result<(), StoreError> {
        if let Some(record) = self.records().get_mut(reference) {
            record.used = false;
        }
        Ok(())
    }
}
