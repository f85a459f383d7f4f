"""The signing kit the settings describe: the bank's key (PKCS#12 or PKCS#11), the borrower certificate
issuer, trust, the timestamp service and the stamp font; assembled once and reused for every visit.

How a kit is put together is :func:`station.bootstrap.signing_kit`'s business; this module only keeps one
per settings for the life of the window.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from station.config import Settings

if TYPE_CHECKING:
    from station.signing.sign import SigningKit

_lock = threading.Lock()
_kits: dict[str, SigningKit] = {}


def signing_kit(settings: Settings) -> SigningKit:
    """The kit for ``settings`` (made on first use, on a worker thread: it opens keys and draws the seal)."""
    from station.bootstrap import signing_kit as assemble

    key = settings.model_dump_json(include={"signing", "bank", "data_dir"})
    with _lock:
        if key not in _kits:
            _kits[key] = assemble(settings)
        return _kits[key]
