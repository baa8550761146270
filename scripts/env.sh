# Sourced by the scripts: puts the project's tools on PATH (cargo-installed
# Trunk and wasm-bindgen, wasm-opt from npm's binaryen) and points the wasm
# test runner at Debian's chromedriver.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"
