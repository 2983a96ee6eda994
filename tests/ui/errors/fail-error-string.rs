use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[fail(error = "Rejected")]
    pub struct Rejected;
}

fn main() {}
