#!/usr/bin/env bash
# Set up everything (idempotent) and open the desk on the bundled demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ttdn "$@"
