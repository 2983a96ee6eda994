use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(start_execution = Child, pattern = wait, end)]
    pub struct Work;
}

fn main() {}
