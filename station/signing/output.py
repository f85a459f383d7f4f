"""Signed PDFs reach the disk whole or not at all.

Each file is written to a temporary file in its destination folder, flushed to the disk, then renamed
over the destination (an atomic rename on POSIX file systems). A full disk or any other write error
removes the temporary file and leaves the destination as it was: never a half-written PDF under a
signed document's name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from station.signing.errors import WriteError


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; :class:`WriteError` (and ``path`` untouched) on failure."""
    write_all_atomically({Path(path): data})


def write_all_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary file first; rename them into place only when all are written.

    A failure while writing leaves none of the destinations changed. (The renames themselves do not
    fail for want of space.)
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
        for temporary, path in staged:
            os.replace(temporary, path)
            _sync_folder(path.parent)
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise WriteError(f"the signed documents could not be written ({exc.strerror or exc}); nothing "
                         "half-written was left. Free some disk space and save again.") from exc


def _stage(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
