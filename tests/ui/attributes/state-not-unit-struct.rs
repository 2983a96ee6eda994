use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[succeed]
    pub struct Done { pub field: u8 }
}

fn main() {}
