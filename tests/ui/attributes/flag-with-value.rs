use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[wait(seconds = 1, end = true)]
    pub struct Pause;
}

fn main() {}
