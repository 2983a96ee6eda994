use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(lambda = Work, retry(States::TaskFailed, jitter = half), end)]
    pub struct Work;
}

fn main() {}
