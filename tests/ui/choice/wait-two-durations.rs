use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[wait(seconds = 1, seconds_path = $.n, end)]
    pub struct Pause;
}

fn main() {}
