#!/usr/bin/env bash
# Installs what is missing, builds the release bundle and serves KiểmTra on
# http://127.0.0.1:8080 (PORT=… to change it). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
source scripts/env.sh
PORT="${PORT:-8080}"
trunk build --release
echo
echo "KiểmTra: http://127.0.0.1:$PORT/"
exec node scripts/static-server.mjs dist "$PORT"
