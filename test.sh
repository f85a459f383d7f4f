#!/usr/bin/env bash
# Set everything up, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
export PATH="$HOME/.local/bin:$PATH"
exec uv run --frozen pytest "$@"
