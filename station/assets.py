"""Where the files that ship with the station live: templates, the face calibration, translations.

In a source checkout (and an editable install) they are in the repository's ``assets/`` folder; a
wheel carries the same folder inside the package as ``station/assets/``.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
ASSETS_DIR = next((p for p in (_HERE / "_assets", _HERE.parent / "assets") if p.is_dir()), _HERE.parent / "assets")


def asset(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``asset("templates")``."""
    return ASSETS_DIR.joinpath(*parts)
