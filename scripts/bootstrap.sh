#!/usr/bin/env bash
# Set up a development machine from scratch, or check that it still is.
#
#   1. installs the Debian/Ubuntu packages below that are missing
#      (apt-get update + install only when something is missing);
#   2. creates .venv/ with a Python >= 3.11 if it is missing or broken;
#   3. runs `pip install -e '.[audio,gui,study,cluster,test]'` when pyproject.toml is newer
#      than the stamp .venv/.installed;
#   4. builds the console's translations (resources/i18n/*.qm) older than their .ts.
#
# Idempotent: when everything is present it only runs dpkg-query and a few
# stat calls. Environment:
#   RSI_SKIP_APT=1   skip the system packages (e.g. not Debian, no root)
#   PYTHON=/path     use this interpreter to create .venv
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

APT_PACKAGES=(
    # Python and building wheels
    python3 python3-venv python3-dev gcc make
    # Qt offscreen (PySide6)
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
    # fonts for the console's languages: Arabic, Cyrillic (noto-core), Chinese (noto-cjk)
    fonts-noto-core fonts-noto-cjk
    # Qt in a desktop window (the xcb platform plugin; Qt 6.5+ needs libxcb-cursor0)
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
    # audio
    libopus0 libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins
    # test signals: speech and measurement
    espeak-ng sox
    # network impairment benchmark (bench/netem.py): ip netns, tc
    iproute2
    # the machine's own stalls beside the glitches benchmark (bench/machine_stalls.py): cyclictest
    rt-tests
    # the Janus gateway's tests run a real Janus of their own (tests/rig/janus.py);
    # on a machine with systemd, Debian also starts its own service on port 8188
    janus
    # the Mumble gateway's tests run a real murmurd of their own (tests/rig/mumble.py);
    # on a machine with systemd, Debian also starts its own service on port 64738
    mumble-server
    # the cluster's tests run a real nats-server of their own (tests/rig/nats.py);
    # on a machine with systemd, Debian also starts its own service on port 4222
    nats-server
)

is_installed() {
    # Ubuntu 24.04 renamed some libraries with a t64 suffix (libglib2.0-0t64):
    # either name counts.
    local name
    for name in "$1" "$1t64"; do
        if [[ "$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)" == *" ok installed" ]]; then
            return 0
        fi
    done
    return 1
}

install_system_packages() {
    if [[ "${RSI_SKIP_APT:-0}" == 1 ]]; then
        log "system packages: skipped (RSI_SKIP_APT=1)"
        return
    fi
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        log "system packages: not a Debian/Ubuntu machine, skipped; install the equivalents of:"
        log "  ${APT_PACKAGES[*]}"
        return
    fi
    local missing=() pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        log "system packages: all ${#APT_PACKAGES[@]} present"
        return
    fi
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null 2>&1 \
            || die "missing packages (${missing[*]}) and not root, no sudo; install them or set RSI_SKIP_APT=1"
        sudo=(sudo)
    fi
    log "system packages: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

python_ok() {
    # True when $1 runs and is Python >= 3.11.
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

find_python() {
    local candidate
    for candidate in ${PYTHON:+"$PYTHON"} python3 python3.13 python3.12 python3.11 \
        /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            # The real interpreter, not a shim (pyenv, asdf) in front of it.
            "$candidate" -c 'import sys; print(sys.executable)'
            return 0
        fi
    done
    return 1
}

make_venv() {
    if [[ -x .venv/bin/python ]] && python_ok .venv/bin/python; then
        log "venv: .venv present ($(.venv/bin/python -c 'import platform; print(platform.python_version())'))"
        return
    fi
    if [[ -e .venv ]]; then
        log "venv: .venv is broken or older than Python 3.11, recreating it"
        rm -rf .venv
    fi
    local python
    python="$(find_python)" || die "no Python >= 3.11 found (set PYTHON=/path/to/python3.11+)"
    log "venv: creating .venv with $python ($("$python" -c 'import platform; print(platform.python_version())'))"
    "$python" -m venv .venv
    log "venv: upgrading pip"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
}

install_project() {
    local stamp=.venv/.installed
    if [[ -e "$stamp" && ! pyproject.toml -nt "$stamp" ]]; then
        log "project: installed, pyproject.toml unchanged"
        return
    fi
    log "project: pip install -e '.[audio,gui,study,cluster,test]'"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[audio,gui,study,cluster,test]'
    touch "$stamp"
}

build_translations() {
    # pyside6-lrelease: each .qm newer than its .ts is kept, so this is quick when done.
    .venv/bin/python scripts/translations.py build
}

install_system_packages
make_venv
install_project
build_translations
log "ready"
