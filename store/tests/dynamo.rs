//! `DynamoStore` against moto's DynamoDB on 127.0.0.1: the conditional writes that make
//! `claim` atomic run for real. The endpoint comes from `STEPFN_DYNAMODB_ENDPOINT`, or else
//! from `.ci/test-services`, which starts moto; the test fails rather than skip.
#![cfg(feature = "aws")]

mod conformance;

use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, SharedCredentialsProvider};
use stepfn_store::{Claim, DynamoStore, TokenStore};

/// The DynamoDB endpoint: `STEPFN_DYNAMODB_ENDPOINT`, or one `.ci/test-services` starts.
fn endpoint() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        if let Ok(endpoint) = std::env::var("STEPFN_DYNAMODB_ENDPOINT") {
            return endpoint;
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/test-services");
        let out = Command::new("bash")
            .arg(script)
            .output()
            .expect("run .ci/test-services");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), ".ci/test-services failed: {stderr}");
        String::from_utf8(out.stdout)
            .expect("an endpoint")
            .trim()
            .to_owned()
    })
}

fn conf() -> SdkConfig {
    let credentials = Credentials::new("AKIDSTEPFNTEST", "test-secret", None, None, "test");
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .endpoint_url(endpoint())
        .build()
}

/// A store over a new table, so that runs and tests do not meet.
async fn fresh_store(name: &str) -> DynamoStore {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let store = DynamoStore::from_conf(&conf(), format!("tokens-{name}-{nanos}"));
    store.create_table().await.unwrap();
    store
        .create_table()
        .await
        .expect("creating an existing table is not an error");
    store
}

#[tokio::test]
async fn dynamo_store_keeps_claims_atomic() {
    let store = fresh_store("rules").await;
    conformance::put_then_get_returns_the_record(&store, "ddb").await;
    conformance::claim_wins_once_then_reports_a_duplicate(&store, "ddb").await;
    conformance::release_makes_a_token_claimable_again(&store, "ddb").await;
    conformance::put_replaces_a_used_token(&store, "ddb").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dynamo_store_has_one_winner_of_64_concurrent_claims() {
    let store = Arc::new(fresh_store("race").await);
    conformance::concurrent_claims_have_one_winner(store, "ddb", 64).await;
}

#[tokio::test]
async fn a_token_stored_by_one_store_is_claimed_through_another() {
    let writer = fresh_store("shared").await;
    writer.put(conformance::record("V-shared")).await.unwrap();
    let reader = DynamoStore::from_conf(&conf(), writer.table());
    assert!(matches!(
        reader.claim("V-shared").await.unwrap(),
        Claim::Won(_)
    ));
    assert!(matches!(
        writer.claim("V-shared").await.unwrap(),
        Claim::AlreadyUsed(_)
    ));
}

#[tokio::test]
async fn a_missing_table_is_a_backend_error() {
    let store = DynamoStore::from_conf(&conf(), "no-such-table");
    let got = store.get("V-1").await;
    assert!(
        matches!(got, Err(stepfn_store::StoreError::Backend { .. })),
        "{got:?}"
    );
}
