use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[wait(seconds = 1, next = Again)]
    pub struct Pause;
    #[wait(seconds = 1, next = Pause)]
    pub struct Again;
}

fn main() {}
