use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(data = D)]
mod w {
    #[succeed]
    pub struct Done;
}

fn main() {}
