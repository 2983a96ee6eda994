//! The engine's side of `bench/moto_compare.py`: runs the same executions as the script
//! runs through moto and prints one JSON line per workload with executions per second.
//!
//! `cargo bench -p stepfn-local --bench moto_equivalent -- [--seconds S] [WORKLOAD...]`
#![allow(clippy::print_stdout)]

mod common;

use std::time::Duration;

use common::Workload;
use serde_json::json;

const ALL: [Workload; 4] = [
    Workload::PassChain,
    Workload::SqsCallback,
    Workload::LambdaCallback,
    Workload::WaitOneYear,
];

fn main() {
    let mut seconds = 2.0_f64;
    let mut chosen = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(seconds);
            }
            // `cargo bench` passes `--bench`; other flags are not ours either.
            flag if flag.starts_with('-') => {}
            name => chosen.extend(ALL.iter().copied().filter(|w| w.name() == name)),
        }
    }
    if chosen.is_empty() {
        chosen = ALL.to_vec();
    }
    for workload in chosen {
        let (count, elapsed) = measure(workload, Duration::from_secs_f64(seconds));
        let line = json!({
            "workload": workload.name(),
            "executions": count,
            "seconds": elapsed.as_secs_f64(),
            "executions_per_second": count as f64 / elapsed.as_secs_f64(),
        });
        println!("{line}");
    }
}

/// Warms up, then doubles the count until one run takes at least `budget`.
fn measure(workload: Workload, budget: Duration) -> (u64, Duration) {
    workload.time(200);
    let mut count = 1_000;
    loop {
        let elapsed = workload.time(count);
        if elapsed >= budget || count >= 1 << 30 {
            return (count, elapsed);
        }
        count *= 2;
    }
}
