use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[wait(timestamp = "2026-13-01 10:00", end)]
    pub struct Pause;
}

fn main() {}
