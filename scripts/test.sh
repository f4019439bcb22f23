#!/usr/bin/env bash
# Set up everything (idempotent), then run the project's checks:
# the test suite, ruff, mypy and the import contracts (headless core).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"
ruff check ttdn_studio tests scripts
ruff format --check ttdn_studio tests scripts
echo "== mypy"
mypy
echo "== import contracts"
lint-imports
echo "== the wheel, installed outside the checkout"
bash scripts/check_wheel.sh
echo "== tests"
pytest -q -n 2 "$@"
