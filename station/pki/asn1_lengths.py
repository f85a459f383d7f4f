"""asn1crypto takes a definite length whose last byte is 0x80 for BER's indefinite length: a fix.

asn1crypto 1.5.1 decides that a value was indefinite-length encoded when its header's *last byte* is
0x80 (``_header[-1:] == b"\\x80"``, in five ``dump`` methods; upstream issue wbond/asn1crypto#249).
A definite length such as 384 (``82 01 80``) or 128 (``81 80``) ends in 0x80 too. Such a value is
then re-encoded from scratch at every ``dump``, with everything under it, and every copy pyHanko makes
while packaging a signature dumps it again: a signature whose timestamp token happened to contain
such a length took 5-30 s instead of 0.1 s (about one in three on some DEMO PKIs: the lengths depend
on the certificates' sizes and the random serial numbers and signatures).

:func:`install` wraps those ``dump`` methods: a value whose header ends in 0x80 but that has no
end-of-contents trailer (so it is definite) has its header recomputed from its cached contents, as
any other definite value, instead of being re-encoded. A value really read from an indefinite-length
encoding (its trailer is ``00 00``) is still re-encoded, as asn1crypto intends. Idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asn1crypto import core

_PATCHED = (core.Asn1Value, core.Choice, core.Primitive, core.Sequence, core.SequenceOf)
_MARK = "_station_definite_lengths"


def _definite_aware(dump: Callable[..., bytes]) -> Callable[..., bytes]:
    def patched(self: Any, force: bool = False) -> bytes:
        header = self._header
        if header is not None and header[-1:] == b"\x80" and not self._trailer:
            self._header = None  # definite: recompute the header from the contents, do not re-encode them
        return dump(self, force)

    setattr(patched, _MARK, True)
    patched.__doc__ = dump.__doc__
    return patched


def install() -> None:
    """Put the definite-length-aware ``dump`` in place in asn1crypto's value classes (once)."""
    for cls in _PATCHED:
        dump = cls.__dict__["dump"]
        if not getattr(dump, _MARK, False):
            cls.dump = _definite_aware(dump)  # type: ignore[method-assign]
