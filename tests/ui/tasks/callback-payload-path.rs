use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[callback(sqs = Queue, output = u64, timeout = 30, payload = $, end)]
    pub struct Ask;
}

fn main() {}
