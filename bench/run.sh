#!/usr/bin/env bash
# The benchmark (issue #8): builds the release bundle into dist-bench,
# generates the synthetic workspaces and the floor page, then measures in
# headless Chromium. Prints a table; writes bench/out/results.json. Then the
# delivery figures (bytes on the wire of a first visit and of an update,
# bench/delivery.mjs) and the wasm's size per crate (bench/size-profile.mjs).
# Not part of scripts/test.sh (it takes several minutes).
# Usage: bench/run.sh [--runs N] [--only bundle,floor,cold,open,answer,typing,start,export,memory]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench >/dev/null
source scripts/env.sh
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  trunk build --release --dist dist-bench
fi
cargo run --release --example bench_workspace
node bench/floor.mjs
node bench/run.mjs --dist dist-bench "$@"
node bench/delivery.mjs --dist dist-bench
node bench/size-profile.mjs
