use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[choice(when($.n < true => Done), otherwise = Done)]
    pub struct Check;
    #[succeed]
    pub struct Done;
}

fn main() {}
