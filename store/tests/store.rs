//! The embedded stores: redb (durable across restarts) and memory, and their atomic claim.

mod conformance;

use std::path::PathBuf;
use std::sync::Arc;

use conformance::{RequestValuation, record};
use stepfn_store::{Claim, MemoryStore, RedbStore, StoreError, TokenStore};

/// A fresh database path under the target directory, removed first.
fn db_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("stepfn-store-{name}-{}.redb", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

#[tokio::test]
async fn memory_store_keeps_claims_atomic() {
    let store = MemoryStore::new();
    conformance::put_then_get_returns_the_record(&store, "mem").await;
    conformance::claim_wins_once_then_reports_a_duplicate(&store, "mem").await;
    conformance::release_makes_a_token_claimable_again(&store, "mem").await;
    conformance::put_replaces_a_used_token(&store, "mem").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn memory_store_has_one_winner_of_64_concurrent_claims() {
    conformance::concurrent_claims_have_one_winner(Arc::new(MemoryStore::new()), "mem", 64).await;
}

#[tokio::test]
async fn redb_store_keeps_claims_atomic() {
    let store = RedbStore::open(db_path("rules")).unwrap();
    conformance::put_then_get_returns_the_record(&store, "redb").await;
    conformance::claim_wins_once_then_reports_a_duplicate(&store, "redb").await;
    conformance::release_makes_a_token_claimable_again(&store, "redb").await;
    conformance::put_replaces_a_used_token(&store, "redb").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redb_store_has_one_winner_of_64_concurrent_claims() {
    let store = Arc::new(RedbStore::open(db_path("race")).unwrap());
    conformance::concurrent_claims_have_one_winner(store, "redb", 64).await;
}

#[tokio::test]
async fn redb_store_loses_nothing_across_a_restart() {
    let path = db_path("restart");
    let written = record("V-restart");
    let claimed = record("V-claimed");
    {
        let store = RedbStore::open(&path).unwrap();
        store.put(written.clone()).await.unwrap();
        store.put(claimed.clone()).await.unwrap();
        assert!(matches!(
            store.claim("V-claimed").await.unwrap(),
            Claim::Won(_)
        ));
    }

    let reopened = RedbStore::open(&path).unwrap();
    assert_eq!(
        reopened.get("V-restart").await.unwrap(),
        Some(written.clone())
    );
    let Claim::Won(won) = reopened.claim("V-restart").await.unwrap() else {
        panic!("the token written before the restart is claimable after it");
    };
    assert_eq!(won.token, written.token);
    assert_eq!(
        won.token_for::<RequestValuation>().unwrap().expose(),
        written.token
    );
    let used = reopened.claim("V-claimed").await.unwrap();
    assert!(
        matches!(used, Claim::AlreadyUsed(_)),
        "the used flag survives too"
    );
}

#[tokio::test]
async fn the_same_redb_file_cannot_be_opened_twice() {
    let path = db_path("locked");
    let _first = RedbStore::open(&path).unwrap();
    let second = RedbStore::open(&path);
    assert!(
        matches!(second, Err(StoreError::Backend { .. })),
        "{second:?}"
    );
}

#[tokio::test]
async fn a_record_of_another_task_is_not_typed_as_this_task() {
    struct Other;
    impl stepfn_core::callback::CallbackTask for Other {
        const STATE_NAME: &'static str = "SendOffer";
        type Output = bool;
        type Error = stepfn_core::callback::NoError;
    }
    let stored = record("V-typed");
    assert!(stored.token_for::<Other>().is_none());
    assert!(stored.token_for::<RequestValuation>().is_some());
    assert!(
        !format!("{stored:?}").contains(&stored.token),
        "Debug hides the token"
    );
}
