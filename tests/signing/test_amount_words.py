"""Amounts in Chinese capital numerals, by the rules of 《支付结算办法》."""

from __future__ import annotations

from decimal import Decimal

import pytest

from station.documents.amount_words import amount_in_words


@pytest.mark.parametrize(("amount", "words"), [
    ("100000", "壹拾万元整"),
    ("500000", "伍拾万元整"),
    ("50000.00", "伍万元整"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
    ("100000.05", "壹拾万元零伍分"),
    ("10010", "壹万零壹拾元整"),
    ("101000", "壹拾万壹仟元整"),
    ("1000001", "壹佰万零壹元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("100010000", "壹亿零壹万元整"),
    ("100000001", "壹亿零壹元整"),
    ("1005.5", "壹仟零伍元伍角"),
    ("20000.10", "贰万元壹角"),
    ("0.05", "伍分"),
    ("0", "零元整"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
])
def test_amounts_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


@pytest.mark.parametrize("amount", ["-1", "0.001", "1000000000000", "1E+30"])
def test_amounts_that_cannot_be_written_are_refused(amount: str) -> None:
    with pytest.raises(ValueError, match="whole fen"):
        amount_in_words(Decimal(amount))
