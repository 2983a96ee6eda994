//! `DynamoStore`: tokens in a DynamoDB table, claimed by a conditional write (feature `aws`).

use std::collections::HashMap;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::operation::create_table::CreateTableError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ReturnValue,
    ReturnValuesOnConditionCheckFailure, ScalarAttributeType,
};

use crate::{Claim, StoreError, TokenRecord, TokenStore};

type Item = HashMap<String, AttributeValue>;

// Attribute names of the table. The key is `reference`, a string.
const REFERENCE: &str = "reference";
const TOKEN: &str = "token";
const EXECUTION: &str = "executionArn";
const STATE: &str = "stateName";
const STORED_AT: &str = "storedAt";
const USED: &str = "used";

/// A [`TokenStore`] in a DynamoDB table whose partition key is the string `reference`.
/// [`claim`](TokenStore::claim) is one `UpdateItem` conditioned on
/// `attribute_exists(reference) AND used = false`, so DynamoDB decides the one winner;
/// reads are strongly consistent. The IAM actions it needs are `dynamodb:GetItem`,
/// `PutItem` and `UpdateItem` on the table.
#[derive(Debug, Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

impl DynamoStore {
    /// A store over `table`, with `client`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoStore {
            client,
            table: table.into(),
        }
    }

    /// A store over `table`, configured by `conf` (its endpoint too, if set).
    pub fn from_conf(conf: &SdkConfig, table: impl Into<String>) -> Self {
        DynamoStore::new(Client::new(conf), table)
    }

    /// A store over `table`, configured from the environment as the AWS CLI is.
    pub async fn from_env(table: impl Into<String>) -> Self {
        let conf = aws_config::load_defaults(BehaviorVersion::latest()).await;
        DynamoStore::from_conf(&conf, table)
    }

    /// The table's name.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Creates the table (on-demand billing) if it does not exist, for tests and local
    /// development; deployments create it with their infrastructure code.
    pub async fn create_table(&self) -> Result<(), StoreError> {
        let key = KeySchemaElement::builder()
            .attribute_name(REFERENCE)
            .key_type(KeyType::Hash)
            .build()
            .map_err(StoreError::backend)?;
        let attribute = AttributeDefinition::builder()
            .attribute_name(REFERENCE)
            .attribute_type(ScalarAttributeType::S)
            .build()
            .map_err(StoreError::backend)?;
        let created = self.client.create_table().table_name(&self.table);
        let created = created.key_schema(key).attribute_definitions(attribute);
        match created
            .billing_mode(BillingMode::PayPerRequest)
            .send()
            .await
        {
            Ok(_) => Ok(()),
            Err(SdkError::ServiceError(e))
                if matches!(e.err(), CreateTableError::ResourceInUseException(_)) =>
            {
                Ok(())
            }
            Err(e) => Err(backend(e)),
        }
    }

    fn key(reference: &str) -> AttributeValue {
        AttributeValue::S(reference.to_owned())
    }
}

impl TokenStore for DynamoStore {
    async fn put(&self, record: TokenRecord) -> Result<(), StoreError> {
        let put = self.client.put_item().table_name(&self.table);
        put.set_item(Some(encode(record)))
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn get(&self, reference: &str) -> Result<Option<TokenRecord>, StoreError> {
        let get = self.client.get_item().table_name(&self.table);
        let got = get
            .key(REFERENCE, Self::key(reference))
            .consistent_read(true);
        let got = got.send().await.map_err(backend)?;
        got.item().map(|item| decode(reference, item)).transpose()
    }

    async fn claim(&self, reference: &str) -> Result<Claim, StoreError> {
        let update = self.client.update_item().table_name(&self.table);
        let update = update
            .key(REFERENCE, Self::key(reference))
            .update_expression("SET #used = :true")
            .condition_expression("attribute_exists(#reference) AND #used = :false")
            .expression_attribute_names("#used", USED)
            .expression_attribute_names("#reference", REFERENCE)
            .expression_attribute_values(":true", AttributeValue::Bool(true))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld);

        let lost = match update.send().await {
            Ok(won) => {
                let item = won.attributes().cloned().unwrap_or_default();
                return decode(reference, &item).map(Claim::Won);
            }
            Err(SdkError::ServiceError(e)) => match e.into_err() {
                UpdateItemError::ConditionalCheckFailedException(lost) => lost,
                other => return Err(backend(other)),
            },
            Err(e) => return Err(backend(e)),
        };

        // The condition failed: the token is used, or there is none. Older DynamoDB
        // emulators do not return the old item, so read it when it is missing.
        let record = match lost.item() {
            Some(item) => Some(decode(reference, item)?),
            None => self.get(reference).await?,
        };
        Ok(record.map_or(Claim::Unknown, Claim::AlreadyUsed))
    }

    async fn release(&self, reference: &str) -> Result<(), StoreError> {
        let update = self.client.update_item().table_name(&self.table);
        let update = update
            .key(REFERENCE, Self::key(reference))
            .update_expression("SET #used = :false")
            .condition_expression("attribute_exists(#reference)")
            .expression_attribute_names("#used", USED)
            .expression_attribute_names("#reference", REFERENCE)
            .expression_attribute_values(":false", AttributeValue::Bool(false));
        match update.send().await {
            Ok(_) => Ok(()),
            Err(SdkError::ServiceError(e))
                if matches!(e.err(), UpdateItemError::ConditionalCheckFailedException(_)) =>
            {
                Ok(())
            }
            Err(e) => Err(backend(e)),
        }
    }
}

fn backend(error: impl std::error::Error) -> StoreError {
    StoreError::backend(DisplayErrorContext(error))
}

fn encode(record: TokenRecord) -> Item {
    HashMap::from([
        (REFERENCE.to_owned(), AttributeValue::S(record.reference)),
        (TOKEN.to_owned(), AttributeValue::S(record.token)),
        (
            EXECUTION.to_owned(),
            AttributeValue::S(record.execution_arn),
        ),
        (STATE.to_owned(), AttributeValue::S(record.state_name)),
        (
            STORED_AT.to_owned(),
            AttributeValue::N(record.stored_at_ms.to_string()),
        ),
        (USED.to_owned(), AttributeValue::Bool(record.used)),
    ])
}

fn decode(reference: &str, item: &Item) -> Result<TokenRecord, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt {
        reference: reference.to_owned(),
        message: format!("attribute `{what}` is missing or has the wrong type"),
    };
    let text = |name: &str| match item.get(name) {
        Some(AttributeValue::S(s)) => Ok(s.clone()),
        _ => Err(corrupt(name)),
    };
    let stored_at = match item.get(STORED_AT) {
        Some(AttributeValue::N(n)) => n.parse().map_err(|_| corrupt(STORED_AT))?,
        _ => return Err(corrupt(STORED_AT)),
    };
    let used = match item.get(USED) {
        Some(AttributeValue::Bool(used)) => *used,
        _ => return Err(corrupt(USED)),
    };
    Ok(TokenRecord {
        reference: text(REFERENCE)?,
        token: text(TOKEN)?,
        execution_arn: text(EXECUTION)?,
        state_name: text(STATE)?,
        stored_at_ms: stored_at,
        used,
    })
}
