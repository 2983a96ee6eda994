use stepfn_core::callback::{CallbackClient, CallbackTask, NoError, TaskToken, Transport};

struct Approve;
impl CallbackTask for Approve {
    const STATE_NAME: &'static str = "Approve";
    type Output = u64;
    type Error = NoError;
}

struct Notify;
impl CallbackTask for Notify {
    const STATE_NAME: &'static str = "Notify";
    type Output = u64;
    type Error = NoError;
}

fn answer<X: Transport>(client: &CallbackClient<Approve, X>, token: &TaskToken<Notify>) {
    let _ = client.succeed(token, &1);
}

fn main() {}
