#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them:
#   assets/i18n/station_zh_CN.ts  (edit with pyside6-linguist, or by hand)  ->  station_zh_CN.qm
# Source strings are English; English needs no file. Run after changing any visible string.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find station/ui -name '*.py' | sort)
uv run pyside6-lupdate -no-obsolete -locations none -target-language zh_CN "${sources[@]}" -ts assets/i18n/station_zh_CN.ts
uv run pyside6-lrelease assets/i18n/station_zh_CN.ts -qm assets/i18n/station_zh_CN.qm
