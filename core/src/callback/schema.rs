//! `JsonSchema` for `TaskToken<T>` (feature `schemars`): a payload's token is a string.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::token::MAX_TOKEN_LEN;
use super::{CallbackTask, TaskToken};

impl<T: CallbackTask> JsonSchema for TaskToken<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("TaskToken")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TOKEN_LEN,
            "description": format!("The task token of `{}`: `$$.Task.Token`.", T::STATE_NAME),
        })
    }
}
