use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[callback(lambda = Ask, timeout = 30, end)]
    pub struct Ask;
}

fn main() {}
