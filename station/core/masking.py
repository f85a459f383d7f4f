"""Masks for personal information shown in the UI or written to logs.

Each mask keeps a fixed number of characters and stars the rest; a string too short to hide anything
is starred completely, so a mask never shows more than its rule allows.
"""

from __future__ import annotations

__all__ = ["mask_address", "mask_card_number", "mask_ends", "mask_id_number", "mask_name", "mask_phone"]


def mask_ends(text: str, head: int, tail: int) -> str:
    """Keep ``head`` leading and ``tail`` trailing characters, star the rest; all stars if too short."""
    hidden = len(text) - head - tail
    if hidden <= 0:
        return "*" * len(text)
    return text[:head] + "*" * hidden + text[len(text) - tail :]


def mask_name(name: str) -> str:
    """Keep the first character: 张三 -> 张*, 欧阳娜娜 -> 欧***, a single character -> *."""
    return mask_ends(name.strip(), 1, 0)


def mask_phone(phone: str) -> str:
    """Keep the first 3 and last 4 digits: 13812345678 -> 138****5678 (whitespace dropped)."""
    return mask_ends("".join(phone.split()), 3, 4)


def mask_address(address: str) -> str:
    """Keep the first 6 characters, then ``***``; six characters or fewer give ``***``."""
    address = address.strip()
    return address[:6] + "***" if len(address) > 6 else "***"


def mask_card_number(card_number: str) -> str:
    """Keep the first 6 and last 4 digits, star the rest (whitespace dropped)."""
    return mask_ends("".join(card_number.split()), 6, 4)


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 2 characters, e.g. ``1101************2X``; short strings fully masked."""
    return mask_ends(number, 4, 2)
