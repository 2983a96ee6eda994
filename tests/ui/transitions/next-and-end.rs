use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[wait(seconds = 1, next = Done, end)]
    pub struct Pause;
    #[succeed]
    pub struct Done;
}

fn main() {}
