#!/usr/bin/env bash
# Set up everything (idempotent) and open the desk on the bundled demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The demo's translation models (vi→en, en→km): tiny real models that know only the
# demo's domain, so machine drafts (F5) work on the demo. Installed only for a pair
# that has no package yet; installing a real Argos package for the pair replaces them.
.venv/bin/python scripts/demo_models.py
exec .venv/bin/ttdn "$@"
