use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D, express, timeout = 600)]
mod w {
    #[succeed]
    pub struct Done;
}

fn main() {}
