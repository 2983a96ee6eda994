use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[derive(Debug, TaskError)]
pub enum AskError {
    #[task_error(nme = "Refused")]
    Refused,
}

fn main() {}
