#!/usr/bin/env bash
# Checks that every gate of scripts/test.sh can fail: in a throwaway clone of
# the current commit under /tmp, breaks one thing at a time on purpose, runs
# only that gate with the command the full run uses (`scripts/test.sh --only
# GATE`), and checks that it exits non-zero. The clone is reset between
# breaks; nothing in this worktree changes. Not run by scripts/test.sh.
#
#   scripts/check-gates.sh [--control] [CHECK...]   (default: every check)
#
# Checks: fmt clippy-host clippy-wasm native browser build e2e bundle-size
#         no-jq no-duckdb no-chromium a11y
# --control also runs each gate once unbroken first and expects exit 0 (a
# gate that fails whatever happens would otherwise look fine here).
# Builds it needs, made beforehand: DIST_DEBUG (default dist-dev: `trunk build
# --dist dist-dev`) for the e2e checks, DIST_RELEASE (default dist: `trunk
# build --release`) for bundle-size. CARGO_TARGET_DIR is shared with the clone
# (default: this worktree's target/), so only the kiemtra crate recompiles.
# Prints a table; exit status 0 only when every broken gate failed.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTROL=false
if [ "${1:-}" = --control ]; then CONTROL=true; shift; fi
ALL=(fmt clippy-host clippy-wasm native browser build e2e bundle-size no-jq no-duckdb no-chromium a11y)
CHECKS=("$@"); [ ${#CHECKS[@]} = 0 ] && CHECKS=("${ALL[@]}")
DIST_DEBUG=$(realpath -m "${DIST_DEBUG:-$ROOT/dist-dev}")
DIST_RELEASE=$(realpath -m "${DIST_RELEASE:-$ROOT/dist}")
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

WORK=$(mktemp -d /tmp/kiemtra-gates.XXXXXX)
REPO="$WORK/repo"
git clone -q --shared "$ROOT" "$REPO" && git -C "$REPO" checkout -q --detach "$(git -C "$ROOT" rev-parse HEAD)" \
  || { echo "could not clone $ROOT into $REPO" >&2; exit 1; }
cd "$REPO" || exit 1
# The installed tools, as the full run has them (both are git-ignored).
ln -s "$(readlink -f "$ROOT/node_modules")" node_modules
[ -e "$ROOT/.venv" ] && ln -s "$(readlink -f "$ROOT/.venv")" .venv
echo "clone of $(git rev-parse --short HEAD) in $REPO; logs in $WORK"

rows=(); broken_passed=0

reset_clone() {
  git checkout -q -- . && git clean -fdq
  rm -rf dist dist-a11y
  [ -e "$ROOT/.venv" ] && [ ! -e .venv ] && ln -s "$(readlink -f "$ROOT/.venv")" .venv
  true
}

# run_gate NAME GATE [VAR=VALUE...]: the gate's own step in the clone, with
# what was broken; exit status of `scripts/test.sh --only GATE`.
run_gate() {
  local name=$1 gate=$2; shift 2
  local log="$WORK/$name.log"
  env "$@" bash scripts/test.sh --only "$gate" >"$log" 2>&1
  local status=$?
  echo "$status"
}

# check NAME GATE WHAT BREAK_FN [VAR=VALUE...]
check() {
  local name=$1 gate=$2 what=$3 brk=$4; shift 4
  local control="" status line
  printf '\n=== %s: %s\n' "$name" "$what"
  if [ "$CONTROL" = true ]; then
    reset_clone; "$brk" setup
    status=$(run_gate "$name-control" "$gate" "$@")
    control=$([ "$status" = 0 ] && echo "passes (0)" || echo "FAILS UNBROKEN ($status)")
    echo "unbroken: exit $status"
  fi
  reset_clone; "$brk" setup; BREAK_ENV=(); "$brk" break
  status=$(run_gate "$name" "$gate" "$@" "${BREAK_ENV[@]}")
  line=$(grep -m1 -E "$(failure_pattern "$gate")" "$WORK/$name.log" | cut -c1-110 | tr '|' '/')
  if [ "$status" = 0 ]; then broken_passed=$((broken_passed + 1)); fi
  echo "broken: exit $status  ${line}"
  rows+=("| $name | \`--only $gate\` | $what | $([ "$status" = 0 ] && echo "**passed (exit 0): the gate cannot fail**" || echo "fails (exit $status)") |${control:+ $control |} ${line:+\`$line\`} |")
  reset_clone
}

# The first line that says why a gate failed, for the table.
failure_pattern() {
  case $1 in
    fmt) echo '^Diff in' ;;
    clippy-*) echo '^error' ;;
    native|browser) echo 'panicked|^error|FAILED' ;;
    e2e) echo '^not ok|Error:|error' ;;
    bundle-size) echo 'ceiling|above|over' ;;
    *) echo 'fail' ;;
  esac
}

# Each break function is called with "setup" (what the gate needs to run at
# all, also for the control) and then "break" (the one thing broken; a break
# made by the environment goes into BREAK_ENV, which the control never gets).
BREAK_ENV=()
b_fmt() { [ "$1" = break ] && printf '\npub  fn gate_break( )->u8{1}\n' >>src/lib.rs; true; }

lint_break() { # a clippy warning (len_zero) compiled only for one target
  printf '\n/// Broken on purpose by scripts/check-gates.sh.\n#[cfg(%s)]\npub fn gate_break(v: &[u8]) -> bool {\n    v.len() == 0\n}\n' "$1" >>src/lib.rs
}
b_clippy_host() { [ "$1" = break ] && lint_break 'not(target_arch = "wasm32")'; true; }
b_clippy_wasm() { [ "$1" = break ] && lint_break 'target_arch = "wasm32"'; true; }

b_native() {
  if [ "$1" = setup ]; then
    printf '#[test]\nfn gate_break() {\n    assert_eq!(1 + 1, 2);\n}\n' >tests/gate_break.rs
  else
    printf '#[test]\nfn gate_break() {\n    assert_eq!(1 + 1, 3, "broken on purpose");\n}\n' >tests/gate_break.rs
  fi
}

b_browser() { # a real browser test made wrong: localStorage must round-trip
  [ "$1" = break ] && sed -i '0,/assert_eq!(/s//assert_ne!(/' tests/web.rs
  true
}

b_build() { # index.html names a stylesheet that is not there: Trunk's asset pipeline fails
  [ "$1" = break ] && sed -i 's#style/plans.css#style/gate-break-missing.css#' index.html
  true
}

b_e2e() { # a real e2e expectation made wrong
  [ "$1" = break ] && sed -i 's#/không cho lưu dữ liệu/#/gate broken on purpose/#' tests/e2e/rescue.test.mjs
  true
}

b_bundle() { # the release build, then 300 KB that do not compress added to it
  if [ "$1" = setup ]; then
    cp -r "$DIST_RELEASE" dist
  else
    head -c 300000 /dev/urandom >dist/gate-break.bin
  fi
}

masked_path() { # PATH with every directory holding $1 replaced by a copy without it
  local tool=$1 out="" dir
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    if [ -x "$dir/$tool" ]; then
      local m="$WORK/mask-$tool/$(echo "$dir" | tr / _)"
      if [ ! -d "$m" ]; then
        mkdir -p "$m"
        for f in "$dir"/*; do [ "$(basename "$f")" = "$tool" ] || ln -s "$f" "$m/"; done
      fi
      dir=$m
    fi
    out="${out:+$out:}$dir"
  done
  echo "$out"
}
b_no_jq() { [ "$1" = break ] && BREAK_ENV=(PATH="$(masked_path jq)"); true; }
b_no_chromium() {
  [ "$1" = break ] && BREAK_ENV=(CHROME_BIN=/nonexistent/chromium CHROMEDRIVER=/nonexistent/chromedriver)
  true
}
b_no_duckdb() { [ "$1" = break ] && rm -f .venv; true; }

b_a11y() { # the debug build, with one low-contrast rule that only data shows
  if [ "$1" = setup ]; then
    cp -r "$DIST_DEBUG" dist-a11y
    rm -f dist-a11y/index.html.br dist-a11y/index.html.gz
  else
    printf '[data-testid="missing-record"] { color: #f2f2f2 !important; }\n' >dist-a11y/gate-break.css
    sed -i 's#</head>#<link rel="stylesheet" href="/gate-break.css"></head>#' dist-a11y/index.html
  fi
}

for c in "${CHECKS[@]}"; do
  case $c in
    fmt) check fmt fmt "code not formatted" b_fmt ;;
    clippy-host) check clippy-host clippy-host "a clippy warning in host-only code" b_clippy_host ;;
    clippy-wasm) check clippy-wasm clippy-wasm "a clippy warning in wasm-only code" b_clippy_wasm ;;
    native) check native native "a failing native test" b_native GATE_FILTER=gate_break ;;
    browser) check browser browser "a browser test made wrong (first assert_eq! of tests/web.rs)" b_browser \
      GATE_FILTER=local_storage_round_trips ;;
    build) check build build "index.html names a missing stylesheet" b_build ;;
    e2e) check e2e e2e "an e2e expectation made wrong (tests/e2e/rescue.test.mjs)" b_e2e \
      E2E_TESTS=tests/e2e/rescue.test.mjs DIST="$DIST_DEBUG" ;;
    bundle-size) check bundle-size bundle-size "300 KB added to the release build" b_bundle ;;
    no-jq) check no-jq native "jq missing from PATH" b_no_jq GATE_FILTER=jq_recomputes ;;
    no-duckdb) check no-duckdb native "DuckDB missing (no .venv)" b_no_duckdb GATE_FILTER=duckdb_over ;;
    no-chromium) check no-chromium e2e "Chromium missing (CHROME_BIN and CHROMEDRIVER point nowhere)" b_no_chromium \
      E2E_TESTS=tests/e2e/rescue.test.mjs DIST="$DIST_DEBUG" ;;
    a11y) check a11y e2e "low contrast on the recovery page's missing-record rows (data only)" b_a11y \
      E2E_TESTS=tests/e2e/a11y.test.mjs DIST="$REPO/dist-a11y" ;;
    *) echo "unknown check: $c (one of: ${ALL[*]})" >&2; exit 2 ;;
  esac
done

printf '\n| check | gate | broken on purpose | broken gate |%s first failure line |\n|---|---|---|---|%s---|\n' \
  "$([ "$CONTROL" = true ] && echo ' unbroken gate |')" "$([ "$CONTROL" = true ] && echo '---|')"
printf '%s\n' "${rows[@]}"
[ "$broken_passed" = 0 ]
