//! Criterion benchmarks of the engine (issue #5): state transitions per second on a
//! 100-state Pass chain, executions per second of callback machines answered at once, and a
//! Wait of one year. Each iteration is one whole execution: start, run, end.

mod common;

use common::Workload;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn pass_chain(c: &mut Criterion) {
    let mut group = c.benchmark_group("pass_chain_100");
    group.throughput(Throughput::Elements(100));
    group.bench_function("state_transitions", |b| {
        b.iter_custom(|iters| Workload::PassChain.time(iters));
    });
    group.finish();
}

fn callbacks(c: &mut Criterion) {
    let mut group = c.benchmark_group("callback_answered_at_once");
    group.throughput(Throughput::Elements(1));
    group.bench_function("lambda_handler_replies", |b| {
        b.iter_custom(|iters| Workload::LambdaCallback.time(iters));
    });
    group.bench_function("test_sends_task_success_from_sqs", |b| {
        b.iter_custom(|iters| Workload::SqsCallback.time(iters));
    });
    group.finish();
}

fn wait_one_year(c: &mut Criterion) {
    let mut group = c.benchmark_group("wait_one_year");
    group.throughput(Throughput::Elements(1));
    group.bench_function("execution", |b| {
        b.iter_custom(|iters| Workload::WaitOneYear.time(iters));
    });
    group.finish();
}

criterion_group!(benches, pass_chain, callbacks, wait_one_year);
criterion_main!(benches);
