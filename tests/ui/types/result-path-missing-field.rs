use stepfn::prelude::*;
use serde::{Deserialize, Serialize};
use schemars::JsonSchema;

#[derive(JsonSchema, Serialize, Deserialize)]
pub struct Data { pub reply: Option<String>, pub count: u64, pub name: String, pub tags: String }

#[derive(JsonSchema, Serialize, Deserialize)]
pub struct Reply { pub text: String }

#[workflow(W, data = Data)]
mod w {
    use super::*;
    #[callback(lambda = Ask, output = Reply, timeout = 30, result_path = $.replies, end)]
    pub struct Ask;
}

fn main() {}
