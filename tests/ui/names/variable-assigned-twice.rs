use stepfn::prelude::*;
use serde::{Deserialize, Serialize};
use schemars::JsonSchema;

#[derive(JsonSchema, Serialize, Deserialize)]
pub struct Data { pub id: String }

#[workflow(W, data = Data)]
mod w {
    use super::*;
    #[pass(assign(id = $.id, id = "again"), end)]
    pub struct Stamp;
}

fn main() {}
