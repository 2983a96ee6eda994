use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[derive(Debug, TaskError)]
pub struct AskError;

fn main() {}
