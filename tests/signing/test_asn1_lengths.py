"""A definite length ending in 0x80 is not taken for BER's indefinite length (the signing stall)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from asn1crypto import core

from station.pki import asn1_lengths


class _Pair(core.Sequence):
    _fields = [("a", core.Integer), ("b", core.OctetString)]


class _Pairs(core.SequenceOf):
    _child_spec = _Pair


def _nested(der: bytes, depth: int) -> core.Asn1Value:
    """``der`` parsed, then wrapped in ``depth`` freshly built SEQUENCE OF layers (as pyHanko wraps a token)."""
    value: core.Asn1Value = _Pairs.load(der)
    spec: type[core.Asn1Value] = _Pairs
    for level in range(depth):
        spec = type(f"_Layer{level}", (core.SequenceOf,), {"_child_spec": spec})
        value = spec([value])
    return value


@pytest.fixture
def reencodings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How often a SEQUENCE is encoded again from its fields."""
    calls = [0]
    original = core.Sequence._set_contents

    def counted(self: core.Sequence, force: bool = False) -> None:
        calls[0] += 1
        original(self, force)

    monkeypatch.setattr(core.Sequence, "_set_contents", counted)
    yield calls


def test_a_parsed_value_with_a_length_ending_in_0x80_is_never_encoded_again(reencodings: list[int]) -> None:
    asn1_lengths.install()
    asn1_lengths.install()  # idempotent
    der = _Pairs([{"a": 1, "b": bytes(25)} for _ in range(12)]).dump()
    reencodings[0] = 0  # counted from here: building ``der`` encodes its pairs, as it should
    assert der[:4] == bytes.fromhex("30820180")  # a definite length of 384: its last byte is 0x80
    outer = _nested(der, 6)
    first = outer.dump()
    copied = outer.copy().dump()  # pyHanko copies the token when it puts it in the signer info
    assert first == copied and first.endswith(der)
    # asn1crypto 1.5.1 alone encodes the twelve pairs thousands of times here (more at each level):
    # the signature stall. A parsed value's encoding is reused as it is.
    assert reencodings[0] == 0


def test_an_indefinite_length_is_still_encoded_again_as_der() -> None:
    asn1_lengths.install()
    ber = bytes.fromhex("3080" "300602010104010000" "0000")  # SEQUENCE OF (indefinite) with one pair
    assert _Pairs.load(ber).dump() == bytes.fromhex("3008" "3006020101040100")
