use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[derive(Debug, TaskError)]
pub enum AskError {
    Refused,
    #[task_error(name = "Refused")]
    Declined,
}

fn main() {}
