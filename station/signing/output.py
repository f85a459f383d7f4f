"""Signed PDFs reach the disk whole or not at all (:mod:`station.files`), or a :class:`WriteError` says so."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from station import files as files_module
from station.errors import WriteError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; :class:`WriteError` (and ``path`` untouched) on failure."""
    write_all_atomically({Path(path): data})


def write_all_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file, or none of them (the destinations stay as they were) and raise :class:`WriteError`."""
    try:
        files_module.write_all_atomically(files)
    except OSError as exc:
        raise WriteError("signed-not-written", problem=str(exc.strerror or exc)) from exc
