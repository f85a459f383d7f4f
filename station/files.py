"""The file helpers the layers share: the one atomic writer (signed PDFs, evidence bundles) and the one
file hash (the model file checks of vision and of ``station doctor``).

Files reach the disk whole or not at all: each is written to a temporary file in its destination
folder, flushed to the disk, then renamed over the destination (an atomic rename on POSIX file systems)
and the folder synced. Any write error, a full disk included, removes the temporary files and leaves
every destination as it was; the ``OSError`` goes to the caller, who says what was not saved in its own
words.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

_HASH_BUFFER = 4 * 1024 * 1024


def write_all_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary file first; rename them into place only when all are written.

    A failure while writing leaves none of the destinations changed (the renames themselves do not fail
    for want of space). Raises the ``OSError``.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
        for temporary, path in staged:
            os.replace(temporary, path)
            _sync_folder(path.parent)
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise


def _stage(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temporary = Path(name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in large chunks (never whole into memory)."""
    digest = hashlib.sha256()
    buffer = bytearray(_HASH_BUFFER)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            digest.update(view[:n])
    return digest.hexdigest()
