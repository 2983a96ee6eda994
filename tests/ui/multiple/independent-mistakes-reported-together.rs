use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[callback(lambda = Ask, output = u64, next = Dnoe)]
    pub struct Ask;
    #[wait(seconds = 1, sceonds = 2, end)]
    pub struct Pause;
}

fn main() {}
