use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(lambda = Work, result_path = $$.Execution.Id, end)]
    pub struct Work;
}

fn main() {}
