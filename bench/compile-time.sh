#!/usr/bin/env bash
# Compile time of a 200-state machine declared with #[workflow], against the same machine as a
# serde_json::json! literal and as JSON text parsed at run time (no compile-time work at all).
# Rebuilds only the bench crate (dependencies stay built), after touching its source, with
# hyperfine when installed or a timed loop otherwise.
# Usage: bench/compile-time.sh [runs]   (regenerate the machine first with bench/gen.py)
set -euo pipefail
cd "$(dirname "$0")/compile-time"
runs="${1:-10}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../../target/bench-compile-time}"
# Whole-crate compiles: incremental reuse would hide the cost of a real edit.
export CARGO_INCREMENTAL=0

for feature in text json macro; do
  cargo build -q --features "$feature"   # dependencies, once
done

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" \
    --prepare 'touch src/lib.rs' 'cargo build -q --features text' \
    --prepare 'touch src/lib.rs' 'cargo build -q --features json' \
    --prepare 'touch src/lib.rs' 'cargo build -q --features macro' \
    --export-markdown "${CARGO_TARGET_DIR}/compile-time.md"
else
  for feature in text json macro; do
    start=$(date +%s.%N)
    for _ in $(seq "$runs"); do
      touch src/lib.rs
      cargo build -q --features "$feature"
    done
    end=$(date +%s.%N)
    echo "$feature: $(echo "($end - $start) / $runs" | bc -l) s per build"
  done
fi
