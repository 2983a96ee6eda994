use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D, rename_all = "camelcase")]
mod w {
    #[succeed]
    pub struct Done;
}

fn main() {}
