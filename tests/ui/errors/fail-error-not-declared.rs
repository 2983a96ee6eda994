use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    use super::*;
    #[derive(Debug, TaskError)]
    pub enum Failure { Rejected }
    #[fail(error = Failure::Rejected)]
    pub struct Rejected;
}

fn main() {}
