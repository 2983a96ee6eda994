use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    #[task(lambda = Work, catch(States::TaskFailed | States::ALL => Done), end)]
    pub struct Work;
    #[succeed]
    pub struct Done;
}

fn main() {}
