use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    use super::*;
    #[derive(Debug, TaskError)]
    pub enum AskError { Refused }
    #[derive(Debug, TaskError)]
    pub enum OtherError { Refused }
    #[callback(lambda = Ask, output = u64, error = AskError, timeout = 30,
        catch(OtherError::Refused => Done), end)]
    pub struct Ask;
    #[succeed]
    pub struct Done;
}

fn main() {}
