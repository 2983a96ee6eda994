use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    use super::*;
    #[derive(Debug, TaskError)]
    pub enum AskError { Refused }
    #[callback(lambda = Ask, output = u64, timeout = 30, catch(AskError::Refused => Done), end)]
    pub struct Ask;
    #[succeed]
    pub struct Done;
}

fn main() {}
