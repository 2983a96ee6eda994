use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub n: u64 }

#[workflow(W, data = D)]
mod w {
    use super::*;
    #[derive(Debug, TaskError)]
    pub enum AskError { Refused }
    #[callback(lambda = Ask, output = u64, error = AskError, timeout = 30,
        catch(AskError::Refsued => Done), end)]
    pub struct Ask;
    #[succeed]
    pub struct Done;
}

fn main() {}
