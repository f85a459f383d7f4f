"""The fast hex-string reader gives exactly pyHanko's result, stream position and errors."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.misc import PdfError

from station.validation import pdf_speedups

HEXISH = st.text(alphabet="0123456789abcdefABCDEF \n\r\t\x0c\x00%gz<>()", max_size=300)


def _read(reader, data: bytes):  # type: ignore[no-untyped-def]
    stream = io.BytesIO(data)
    try:
        value = reader(stream)
        return ("ok", type(value).__name__, bytes(value.original_bytes), stream.tell())
    except PdfError as exc:
        return ("error", type(exc).__name__, str(exc))


@settings(max_examples=400, deadline=None)
@given(body=HEXISH, tail=st.sampled_from(["", ">", "> /Next 1", ">>", "\n%comment>"]))
def test_same_as_pyhanko_on_any_input(body: str, tail: str) -> None:
    data = ("<" + body + tail).encode("latin-1")
    assert _read(pdf_speedups.read_hex_string, data) == _read(pdf_speedups._ORIGINAL, data)


def test_a_signature_sized_string_is_read_in_one_go() -> None:
    der = bytes(range(256)) * 64
    data = b"<" + der.hex().encode() + b"0" * 4000 + b"> >>"
    value = pdf_speedups.read_hex_string(io.BytesIO(data))
    assert bytes(value.original_bytes) == der + bytes(2000)
