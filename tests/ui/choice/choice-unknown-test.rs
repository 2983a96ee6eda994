use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[choice(when(is_presnt($.n) => Done), otherwise = Done)]
    pub struct Check;
    #[succeed]
    pub struct Done;
}

fn main() {}
