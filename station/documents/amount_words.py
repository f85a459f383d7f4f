"""Amounts of money in Chinese capital numerals (人民币大写), as contracts write them.

The rules of 《支付结算办法》 (中国人民银行): capital digits 零壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿; 整 after
元 when there are no 角 or 分; one 零 for a run of zeros inside the number; 零 before 分 when 角 is zero.
"""

from __future__ import annotations

from decimal import Decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")
_FEN = Decimal("0.01")
_LIMIT = Decimal(10) ** 12


def amount_in_words(amount: Decimal) -> str:
    """``Decimal("100000.05")`` -> ``壹拾万元零伍分``; the amount must be whole fen, 0 to under 10^12."""
    if not 0 <= amount < _LIMIT or amount != amount.quantize(_FEN):
        raise ValueError("an amount in words must be whole fen (0.01), not negative, under 10^12 (一万亿)")
    fen_total = int(amount * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    words = _integer_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return (words or "零元") + "整"
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif words:
        words += "零"
    if fen:
        words += _DIGITS[fen] + "分"
    return words


def _integer_words(number: int) -> str:
    groups = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    words, zero_pending = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(words)
            continue
        if words and (zero_pending or group < 1000):
            words += "零"
        words += _group_words(group) + _GROUPS[index]
        zero_pending = False
    return words


def _group_words(group: int) -> str:
    words, zero_pending = "", False
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if digit == 0:
            zero_pending = bool(words)
            continue
        if zero_pending:
            words += "零"
        words += _DIGITS[digit] + _UNITS[position]
        zero_pending = False
    return words
