use stepfn_core::callback::{CallbackClient, Transport};

struct Valuation;

fn answer<X: Transport>(_client: &CallbackClient<Valuation, X>) {}

fn main() {}
