"""The shared file helpers: the file hash (the atomic writer's failures are tested with the signing)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from station.files import file_sha256


def test_file_sha256_matches_hashlib(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40_000  # 10 MB: several reads of the buffer
    (tmp_path / "blob").write_bytes(data)
    assert file_sha256(tmp_path / "blob") == hashlib.sha256(data).hexdigest()
