use stepfn::prelude::*;
use serde::{Deserialize, Serialize};
use schemars::JsonSchema;

#[derive(JsonSchema, Serialize, Deserialize)]
pub struct Data { pub id: String }

#[derive(JsonSchema, Serialize, Deserialize)]
pub struct Notice { pub message: String }

#[workflow(W, data = Data)]
mod w {
    use super::*;
    #[task(sqs = Queue, payload = Notice { message: States::fromat("{}", $.id) }, end)]
    pub struct Send;
}

fn main() {}
