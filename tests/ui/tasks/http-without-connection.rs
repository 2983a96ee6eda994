use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(http = "https://example.com", end)]
    pub struct Call;
}

fn main() {}
