"""Generators of attacked and tampered PDFs, one module per attack class, and station-like originals.

Each generator takes an untouched station-like signed PDF (``isa``, ``swa``, ``tamper``) or the
:class:`~.documents.StationLike` signer itself, for attacks prepared before signing (``shadow``), and
returns the attacked file's bytes. :func:`all_attacks` makes one file per generator.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import isa, shadow, swa, tamper
from .documents import StationLike

ON_SIGNED = {**isa.GENERATORS, **swa.GENERATORS, **tamper.GENERATORS}
PREPARED = {**shadow.GENERATORS, **swa.PREPARED}


def all_attacks(station: StationLike, original: bytes) -> Iterator[tuple[str, bytes]]:
    """(name, attacked bytes) for every generator; ``original`` is an untouched station-like output."""
    for name, attack in ON_SIGNED.items():
        yield name, attack(original)
    for name, prepare in PREPARED.items():
        yield name, prepare(station)
