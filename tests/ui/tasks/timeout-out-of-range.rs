use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(lambda = Work, timeout = 0, end)]
    pub struct Work;
}

fn main() {}
