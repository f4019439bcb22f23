#!/usr/bin/env bash
# Install everything TTĐN Studio needs, idempotently:
#   system packages (ffmpeg, fonts) with apt when they are missing,
#   a virtual environment in .venv, and the package with its dev extras.
# Safe to run again: it only does what is not done yet.
# --tests also installs what only the tests use (a browser, espeak-ng, LibreOffice...).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v tmux >/dev/null 2>&1 || need_apt+=(tmux)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need_apt+=(fonts-noto-core)
dpkg -s fonts-khmeros >/dev/null 2>&1 || need_apt+=(fonts-khmeros)
# Hunspell dictionaries for the spelling check
[ -f /usr/share/hunspell/vi_VN.dic ] || need_apt+=(hunspell-vi)
[ -f /usr/share/hunspell/en_US.dic ] || need_apt+=(hunspell-en-us)
[ -f /usr/share/hunspell/en_GB.dic ] || need_apt+=(hunspell-en-gb)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ "${1:-}" = "--tests" ]; then
    # Only the tests need these (the program says how to install them when a feature is used):
    # a real browser for the desk served on the web; espeak-ng for spoken narration fixtures
    # (and the optional `tts` aligner); LibreOffice, poppler and Liberation Serif (metric clone
    # of Times New Roman) to print the report and check its layout; Pango for WeasyPrint.
    command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
    command -v espeak-ng >/dev/null 2>&1 || need_apt+=(espeak-ng)
    command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
    command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
    dpkg -s fonts-liberation2 >/dev/null 2>&1 || need_apt+=(fonts-liberation2)
    dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || need_apt+=(libpangoft2-1.0-0)
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
