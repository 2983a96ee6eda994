use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[succeed]
    pub struct Done;
    mod left {
        #[succeed]
        pub struct L;
    }
}

fn main() {}
