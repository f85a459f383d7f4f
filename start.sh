#!/usr/bin/env bash
# Set everything up, then start the station on its embedded defaults (SQLite, DEMO PKI, local TSA).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh   # syncs the environment (keeping the test tools if there): the run below does not sync again
export PATH="$HOME/.local/bin:$PATH"
if [[ "$(uname)" == "Linux" && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "start: no display found; the station opens on a virtual screen (Xvfb). Ctrl-C to stop." >&2
  exec xvfb-run -a -s "-screen 0 1366x768x24" uv run --no-sync station "$@"
fi
exec uv run --no-sync station "$@"
