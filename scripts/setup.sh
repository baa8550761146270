#!/usr/bin/env bash
# Installs whatever KiểmTra needs that is missing, from package registries only
# (crates.io, npm, Debian). Idempotent: each step checks the installed version
# first, so a second run takes seconds. Sourced or run by serve.sh and test.sh.
# `--bench` also installs what only the benchmark needs (the twiggy size
# profiler, for bench/size-profile.mjs); bench/run.sh passes it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
TWIGGY_VERSION=0.8.0
BENCH=false
[ "${1:-}" = --bench ] && BENCH=true
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock, to the patch.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  echo "Rust (rustup, cargo) is required: see README.md" >&2; exit 1
fi
if ! command -v npm >/dev/null; then
  echo "Node.js 20+ with npm is required: see README.md" >&2; exit 1
fi
# cargo install puts binaries in $CARGO_HOME/bin (~/.cargo/bin by default).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32 target: present"
else
  say "wasm32 target: installing"; rustup target add wasm32-unknown-unknown
fi

if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: installing (about 15 minutes on 2 cores, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # Not --locked: its lock file names a release this registry mirror lacks.
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: installing (about 10 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$BENCH" = true ]; then
  if twiggy --version 2>/dev/null | grep -qx "twiggy-opt $TWIGGY_VERSION\|twiggy $TWIGGY_VERSION"; then
    say "twiggy $TWIGGY_VERSION: present"
  else
    say "twiggy $TWIGGY_VERSION: installing (a few minutes, once; benchmark only)"
    cargo install --locked twiggy --version "$TWIGGY_VERSION"
  fi
fi

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  say "chromium + chromedriver: present"
else
  say "chromium + chromedriver: installing from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The report hash cross-checks (tests/report_hash_tools.rs) run the commands
# the README gives users: jq + sha256sum and Python. They fail when missing.
if command -v jq >/dev/null && command -v python3 >/dev/null && command -v sha256sum >/dev/null; then
  say "jq + python3: present"
else
  say "jq + python3: installing from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq python3 coreutils >/dev/null
fi

# DuckDB in a project venv: tests/report_duckdb.rs runs the README's
# consolidation query with it and fails when it is missing.
DUCKDB_VERSION=1.1.3
if .venv/bin/python -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
  say "duckdb $DUCKDB_VERSION (.venv): present"
else
  say "duckdb $DUCKDB_VERSION: installing into .venv"
  if ! python3 -m venv .venv 2>/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
  .venv/bin/pip install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
fi

# npm ci only when package-lock.json changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.kiemtra-lock-sha256 ] && [ "$(cat node_modules/.kiemtra-lock-sha256)" = "$lock_sum" ]; then
  say "npm packages: present"
else
  say "npm packages: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.kiemtra-lock-sha256
fi
say "setup done"
