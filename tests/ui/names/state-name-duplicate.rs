use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[parallel(branches = [left], end)]
    pub struct Both;
    mod left {
        #[succeed]
        pub struct Both;
    }
}

fn main() {}
