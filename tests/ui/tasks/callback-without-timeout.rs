use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[callback(lambda = Ask, output = u64, end)]
    pub struct RequestValuation;
}

fn main() {}
