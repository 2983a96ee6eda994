//! `RedbStore`: the embedded, durable default, one redb file.

use std::path::Path;
use std::sync::Arc;

use redb::{Database, ReadableTable, TableDefinition};

use crate::{Claim, StoreError, TokenRecord, TokenStore};

/// Records by reference, each as JSON, so that fields can be added without a migration.
const TOKENS: TableDefinition<&str, &[u8]> = TableDefinition::new("task_tokens");

/// A [`TokenStore`] in a redb file. Every change is a durable commit (redb's default
/// `Durability::Immediate`), so a record written before a crash or restart is there after
/// it. Writes are serialized by redb's single write transaction, which makes
/// [`claim`](TokenStore::claim) atomic. The blocking database calls run on tokio's
/// blocking threads, so the store must be used inside a tokio runtime.
#[derive(Debug, Clone)]
pub struct RedbStore {
    db: Arc<Database>,
}

impl RedbStore {
    /// Opens the store at `path`, creating the file if it does not exist.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let db = Database::create(path).map_err(StoreError::backend)?;
        let create = db.begin_write().map_err(StoreError::backend)?;
        create.open_table(TOKENS).map_err(StoreError::backend)?;
        create.commit().map_err(StoreError::backend)?;
        Ok(RedbStore { db: Arc::new(db) })
    }

    /// Runs `job` on a blocking thread.
    async fn blocking<R: Send + 'static>(
        &self,
        job: impl FnOnce(&Database) -> Result<R, StoreError> + Send + 'static,
    ) -> Result<R, StoreError> {
        let db = Arc::clone(&self.db);
        tokio::task::spawn_blocking(move || job(&db))
            .await
            .map_err(StoreError::backend)?
    }
}

impl TokenStore for RedbStore {
    async fn put(&self, record: TokenRecord) -> Result<(), StoreError> {
        self.blocking(move |db| {
            let bytes = serde_json::to_vec(&record).map_err(StoreError::backend)?;
            let write = db.begin_write().map_err(StoreError::backend)?;
            {
                let mut table = write.open_table(TOKENS).map_err(StoreError::backend)?;
                let key = record.reference.as_str();
                table
                    .insert(key, bytes.as_slice())
                    .map_err(StoreError::backend)?;
            }
            write.commit().map_err(StoreError::backend)
        })
        .await
    }

    async fn get(&self, reference: &str) -> Result<Option<TokenRecord>, StoreError> {
        let reference = reference.to_owned();
        self.blocking(move |db| {
            let read = db.begin_read().map_err(StoreError::backend)?;
            let table = read.open_table(TOKENS).map_err(StoreError::backend)?;
            let found = table.get(reference.as_str()).map_err(StoreError::backend)?;
            found
                .map(|bytes| decode(&reference, bytes.value()))
                .transpose()
        })
        .await
    }

    async fn claim(&self, reference: &str) -> Result<Claim, StoreError> {
        let reference = reference.to_owned();
        self.blocking(move |db| mark(db, &reference, true)).await
    }

    async fn release(&self, reference: &str) -> Result<(), StoreError> {
        let reference = reference.to_owned();
        self.blocking(move |db| mark(db, &reference, false).map(drop))
            .await
    }
}

/// Sets the used flag of `reference` to `used` in one write transaction. Claiming
/// (`used: true`) an already used token changes nothing and answers `AlreadyUsed`.
fn mark(db: &Database, reference: &str, used: bool) -> Result<Claim, StoreError> {
    let write = db.begin_write().map_err(StoreError::backend)?;
    let claim = {
        let mut table = write.open_table(TOKENS).map_err(StoreError::backend)?;
        let found = table.get(reference).map_err(StoreError::backend)?;
        let Some(mut record) = found.map(|b| decode(reference, b.value())).transpose()? else {
            return Ok(Claim::Unknown);
        };
        if used && record.used {
            return Ok(Claim::AlreadyUsed(record));
        }
        record.used = used;
        let bytes = serde_json::to_vec(&record).map_err(StoreError::backend)?;
        table
            .insert(reference, bytes.as_slice())
            .map_err(StoreError::backend)?;
        Claim::Won(record)
    };
    write.commit().map_err(StoreError::backend)?;
    Ok(claim)
}

fn decode(reference: &str, bytes: &[u8]) -> Result<TokenRecord, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        reference: reference.to_owned(),
        message: e.to_string(),
    })
}
