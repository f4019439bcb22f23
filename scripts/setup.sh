#!/usr/bin/env bash
# Install everything TTĐN Studio needs, idempotently:
#   system packages (ffmpeg, fonts) with apt when they are missing,
#   a virtual environment in .venv, and the package with its dev extras.
# Safe to run again: it only does what is not done yet.
# --tests also installs what only the tests use (a browser for the web desk test).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
command -v espeak-ng >/dev/null 2>&1 || need_apt+=(espeak-ng)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need_apt+=(fonts-noto-core)
dpkg -s fonts-khmeros >/dev/null 2>&1 || need_apt+=(fonts-khmeros)
# Hunspell dictionaries for the spelling check
[ -f /usr/share/hunspell/vi_VN.dic ] || need_apt+=(hunspell-vi)
[ -f /usr/share/hunspell/en_US.dic ] || need_apt+=(hunspell-en-us)
[ -f /usr/share/hunspell/en_GB.dic ] || need_apt+=(hunspell-en-gb)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ "${1:-}" = "--tests" ]; then
    # only the tests need these: a real browser for the desk served on the web
    command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "setup: installing system packages: ${need_apt[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating virtual environment in .venv"
    python3 -m venv .venv
fi

stamp=.venv/.ttdn-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: installing TTĐN Studio and its dependencies into .venv"
    log=.venv/pip-install.log
    if ! { .venv/bin/python -m pip install -q --upgrade pip &&
           .venv/bin/python -m pip install -q --progress-bar off -e ".[dev]"; } >"$log" 2>&1; then
        grep -v "^WARNING: Location" "$log" >&2 || true
        echo "setup: installing the package failed (full log: $log)" >&2
        exit 1
    fi
    touch "$stamp"
fi
