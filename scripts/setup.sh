#!/usr/bin/env bash
# Sets up everything the station needs on a Debian or Ubuntu machine, idempotently:
#   the system packages (Qt's xcb libraries, CJK fonts, Xvfb, SoftHSM2, OpenSC, poppler-utils,
#   NSS tools, qpdf), uv, and the project's Python environment from uv.lock.
# Usage: scripts/setup.sh [--dev]      (--dev also installs the test tools and the PaddleOCR engine)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt 6 on X11 (xcb) and offscreen, plus QtMultimedia
  libgl1 libegl1 libglib2.0-0 libfontconfig1 fontconfig libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-xkb1 libxcb-randr0 libx11-xcb1 libpulse0 libxrandr2
  # Chinese text on screen and in PDFs
  fonts-wqy-microhei fonts-noto-cjk
  # a virtual screen for tests and headless machines
  xvfb xauth
  # PKCS#11 token for tests, PDF signature cross-checks, PDF structure tools
  softhsm2 opensc poppler-utils libnss3-tools qpdf openssl
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v uv >/dev/null; then
  echo "setup: installing uv"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi

# Compiled bytecode: without it a machine that sets PYTHONDONTWRITEBYTECODE recompiles every module at
# every start (the GUI takes twice as long to open, bench/gui.md).
export UV_COMPILE_BYTECODE=1
# Without --dev the sync is inexact: it installs what the station lacks but keeps the test tools and the
# PaddleOCR extra of an earlier --dev sync, so starting after testing neither removes them nor waits, and
# testing after starting has nothing to download again.
if [[ "${1:-}" == "--dev" ]]; then
  uv sync --frozen --quiet --extra paddle   # the tests run both OCR engines
else
  uv sync --frozen --quiet --no-dev --inexact
fi
