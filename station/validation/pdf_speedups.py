"""A faster, exactly equivalent hex-string reader for pyHanko's PDF parser.

pyHanko 0.38 reads a hex string one byte at a time (``read_non_whitespace`` per digit). A signature's
``/Contents`` is such a string of 10-30 thousand digits, read again each time the signature dictionary
is, which made it the largest single cost of verifying a station document (about a quarter of it).

:func:`read_hex_string` finds the closing ``>`` in chunks and decodes in one call. It takes that path
only when everything before the ``>`` is hex digits and PDF whitespace; anything else (a comment, a
stray byte, the end of the stream) goes to pyHanko's own function from the same position, so the
result, the stream position afterwards and the errors raised are pyHanko's. The tests compare both
on generated strings. :func:`install` puts it in place of pyHanko's (idempotent).
"""

from __future__ import annotations

import binascii
from typing import BinaryIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PDF_WHITESPACE

_ORIGINAL = generic.read_hex_string_from_stream
_CHUNK = 64 * 1024


def read_hex_string(stream: BinaryIO) -> generic.ByteStringObject | generic.TextStringObject:
    """Read a PDF hex string (``<...>``) from ``stream``, positioned at its ``<``."""
    start = stream.tell()
    stream.read(1)
    parts = []
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            stream.seek(start)
            return _ORIGINAL(stream)  # no closing '>': pyHanko raises its own error
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            break
        parts.append(chunk)
    body = b"".join(parts)
    digits = body.translate(None, PDF_WHITESPACE)
    if digits.translate(None, generic.HEX_DIGITS):
        stream.seek(start)
        return _ORIGINAL(stream)  # comments or stray bytes: let pyHanko decide
    stream.seek(start + 1 + len(body) + 1)
    if len(digits) % 2:
        digits += b"0"
    return generic.pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Use :func:`read_hex_string` in pyHanko's object reader."""
    generic.read_hex_string_from_stream = read_hex_string
