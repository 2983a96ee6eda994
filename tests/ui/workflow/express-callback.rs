use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D, express)]
mod w {
    #[callback(lambda = Ask, output = u64, timeout = 30, end)]
    pub struct Wait;
}

fn main() {}
