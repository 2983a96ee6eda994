use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D, express)]
mod w {
    #[task(start_execution = Child, pattern = sync, end)]
    pub struct Run;
}

fn main() {}
