use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(aws_sdk = "s3", end)]
    pub struct Work;
}

fn main() {}
