#!/usr/bin/env bash
# Set everything up, then run the whole test suite; the GUI tests run a second time on a real X server
# (Xvfb, Qt's xcb platform), as the station runs on a laptop, after the offscreen run of everything.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
export PATH="$HOME/.local/bin:$PATH"
uv run --frozen pytest "$@"
if [[ $# -eq 0 ]]; then
  xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb uv run --frozen pytest tests/gui -q
fi
