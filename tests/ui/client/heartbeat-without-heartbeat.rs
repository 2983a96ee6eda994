use stepfn_core::callback::{CallbackClient, CallbackTask, NoError, TaskToken, Transport};

struct Approve;
impl CallbackTask for Approve {
    const STATE_NAME: &'static str = "Approve";
    type Output = u64;
    type Error = NoError;
}

fn beat<X: Transport>(client: &CallbackClient<Approve, X>, token: &TaskToken<Approve>) {
    let _ = client.heartbeat(token);
}

fn main() {}
