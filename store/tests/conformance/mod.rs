//! The behaviour every `TokenStore` shares, run against each implementation.

use std::sync::Arc;

use stepfn_core::callback::{CallbackTask, NoError, TaskToken};
use stepfn_store::{Claim, TokenRecord, TokenStore};

pub(crate) struct RequestValuation;

impl CallbackTask for RequestValuation {
    const STATE_NAME: &'static str = "RequestValuation";
    type Output = u64;
    type Error = NoError;
}

pub(crate) fn record(reference: &str) -> TokenRecord {
    let token = TaskToken::<RequestValuation>::new(format!("AAAAKgAAAAIAAAAA-{reference}"));
    let execution = format!("arn:aws:states:eu-west-2:123456789012:execution:loan:{reference}");
    TokenRecord::new(reference, &token.unwrap(), execution)
}

pub(crate) async fn put_then_get_returns_the_record(store: &impl TokenStore, prefix: &str) {
    let reference = format!("{prefix}-get");
    let stored = record(&reference);
    store.put(stored.clone()).await.unwrap();
    assert_eq!(store.get(&reference).await.unwrap(), Some(stored.clone()));
    assert_eq!(store.get(&format!("{prefix}-none")).await.unwrap(), None);
    let typed = stored.token_for::<RequestValuation>().unwrap();
    assert_eq!(typed.expose(), stored.token);
}

pub(crate) async fn claim_wins_once_then_reports_a_duplicate(
    store: &impl TokenStore,
    prefix: &str,
) {
    let reference = format!("{prefix}-claim");
    store.put(record(&reference)).await.unwrap();

    let Claim::Won(won) = store.claim(&reference).await.unwrap() else {
        panic!("the first claim wins");
    };
    assert!(won.used);
    let Claim::AlreadyUsed(used) = store.claim(&reference).await.unwrap() else {
        panic!("the second claim is a duplicate");
    };
    assert_eq!(used.token, won.token);
    let unknown = store.claim(&format!("{prefix}-unknown")).await.unwrap();
    assert_eq!(unknown, Claim::Unknown);
}

pub(crate) async fn release_makes_a_token_claimable_again(store: &impl TokenStore, prefix: &str) {
    let reference = format!("{prefix}-release");
    store.put(record(&reference)).await.unwrap();
    assert!(matches!(
        store.claim(&reference).await.unwrap(),
        Claim::Won(_)
    ));
    store.release(&reference).await.unwrap();
    assert!(matches!(
        store.claim(&reference).await.unwrap(),
        Claim::Won(_)
    ));
    store
        .release(&format!("{prefix}-never-stored"))
        .await
        .unwrap();
    assert_eq!(
        store.get(&format!("{prefix}-never-stored")).await.unwrap(),
        None
    );
}

pub(crate) async fn put_replaces_a_used_token(store: &impl TokenStore, prefix: &str) {
    let reference = format!("{prefix}-replace");
    store.put(record(&reference)).await.unwrap();
    assert!(matches!(
        store.claim(&reference).await.unwrap(),
        Claim::Won(_)
    ));
    store.put(record(&reference)).await.unwrap();
    assert!(matches!(
        store.claim(&reference).await.unwrap(),
        Claim::Won(_)
    ));
}

/// `claims` concurrent claims of one reference: exactly one wins.
pub(crate) async fn concurrent_claims_have_one_winner<S>(store: Arc<S>, prefix: &str, claims: usize)
where
    S: TokenStore + 'static,
{
    let reference = format!("{prefix}-race");
    store.put(record(&reference)).await.unwrap();
    let tasks: Vec<_> = (0..claims)
        .map(|_| {
            let (store, reference) = (Arc::clone(&store), reference.clone());
            tokio::spawn(async move { store.claim(&reference).await.unwrap() })
        })
        .collect();
    let mut won = 0;
    let mut used = 0;
    for task in tasks {
        match task.await.unwrap() {
            Claim::Won(_) => won += 1,
            Claim::AlreadyUsed(_) => used += 1,
            Claim::Unknown => panic!("the reference is stored"),
        }
    }
    assert_eq!((won, used), (1, claims - 1));
}
