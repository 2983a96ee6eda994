use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[map(items = $.n, item = u64, end)]
    pub struct Each;
}

fn main() {}
