#!/usr/bin/env bash
# Build the wheel from this checkout, install it into a fresh virtual environment
# outside the checkout and run `ttdn demo --check` there: the curated glossary and
# the demo's sources must come from the installed package, not from the source tree.
# Dependencies are not installed again: the fresh environment sees the ones in .venv
# through a .pth line placed after its own site-packages (the wheel's ttdn_studio wins).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/ttdn-wheel-check.XXXXXX")
trap 'rm -rf "$work" "$repo/build"' EXIT

.venv/bin/python -m pip wheel -q --no-deps --no-build-isolation --progress-bar off -w "$work/wheels" . \
    2>&1 | grep -v "^WARNING: Location" || true
wheel=$(ls "$work"/wheels/ttdn_studio-*.whl)

python3 -m venv --without-pip "$work/venv"
.venv/bin/python -m pip --python "$work/venv/bin/python" install -q --no-deps --no-index \
    --progress-bar off "$wheel"
site=$("$work/venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
deps=$(.venv/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
echo "$deps" > "$site/zz-ttdn-dependencies.pth"

cd "$work"
export TTDN_DATA_DIR="$work/data" TTDN_CONFIG_DIR="$work/config" TTDN_PROJECTS_DIR="$work/projects"
where=$("$work/venv/bin/python" -c "import ttdn_studio; print(ttdn_studio.__file__)")
case "$where" in
    "$work"/venv/*) ;;
    *) echo "check_wheel: ttdn_studio was imported from $where, not the installed wheel" >&2; exit 1 ;;
esac
"$work/venv/bin/ttdn" demo --check
# ttdn --help answers from the stored help texts (package data), without click
COLUMNS=100 "$work/venv/bin/python" -c "
import sys
from ttdn_studio.launch import HELP_FILE, stored_answer
assert HELP_FILE.is_file(), HELP_FILE
assert stored_answer(['--version']) and stored_answer(['status', '--help']) and 'click' not in sys.modules
" || { echo "check_wheel: the stored help texts are missing from the wheel" >&2; exit 1; }
