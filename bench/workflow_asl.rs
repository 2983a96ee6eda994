//! ASL generation at run time for a 200-state machine declared with `#[workflow]`: building
//! the model (the macro's generated code), writing its text (core's codec), and both.
//! Target: under 1 ms.

#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "compile-time/src/machine_macro.rs"]
mod machine_macro;

use criterion::{Criterion, criterion_group, criterion_main};
use machine_macro::Machine;

fn generation(c: &mut Criterion) {
    c.bench_function("state_machine (200 states)", |b| {
        b.iter(Machine::state_machine)
    });
    c.bench_function("asl (200 states)", |b| b.iter(Machine::asl));
    let machine = Machine::state_machine();
    c.bench_function(
        "codec::to_string_pretty of the built model (200 states)",
        |b| b.iter(|| stepfn::core::codec::to_string_pretty(&machine)),
    );
}

criterion_group!(benches, generation);
criterion_main!(benches);
