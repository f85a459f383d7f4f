"""Masks for the UI and logs: fixed examples and the 'never shows more than allowed' property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from station.core.masking import mask_address, mask_card_number, mask_id_number, mask_name, mask_phone

# Input text without the mask character itself, so whatever is not '*' in a mask came from the input.
unmasked_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="*"))


def shown(masked: str) -> str:
    return masked.replace("*", "")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("张三", "张*"), ("欧阳娜娜", "欧***"), ("李", "*"), ("", ""), (" 王小明 ", "王**"), ("买买提·艾力", "买*****")],
)
def test_mask_name(name: str, expected: str) -> None:
    assert mask_name(name) == expected


@pytest.mark.parametrize(
    ("phone", "expected"),
    [("13812345678", "138****5678"), ("138 1234 5678", "138****5678"), ("1234567", "*******"), ("", "")],
)
def test_mask_phone(phone: str, expected: str) -> None:
    assert mask_phone(phone) == expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [("北京市朝阳区建国路88号", "北京市朝阳区***"), ("北京市朝阳区", "***"), ("", "***")],
)
def test_mask_address(address: str, expected: str) -> None:
    assert mask_address(address) == expected


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        ("6222021234567890123", "622202*********0123"),
        ("6222 0212 3456 7890", "622202******7890"),
        ("6222021234", "**********"),
    ],
)
def test_mask_card_number(card: str, expected: str) -> None:
    assert mask_card_number(card) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11010519491231002X", "1101************2X"),
        ("", ""),
        ("110105", "******"),
        ("1101052", "1101*52"),
    ],
)
def test_mask_id_number(text: str, expected: str) -> None:
    assert mask_id_number(text) == expected


@given(unmasked_text)
def test_mask_name_shows_at_most_the_first_character(text: str) -> None:
    name = text.strip()
    assert shown(mask_name(text)) == (name[:1] if len(name) > 1 else "")


@given(unmasked_text)
def test_mask_phone_shows_at_most_3_plus_4(text: str) -> None:
    digits = "".join(text.split())
    expected = digits[:3] + digits[-4:] if len(digits) > 7 else ""
    assert shown(mask_phone(text)) == expected


@given(unmasked_text)
def test_mask_address_shows_at_most_6(text: str) -> None:
    address = text.strip()
    masked = mask_address(text)
    assert shown(masked) == (address[:6] if len(address) > 6 else "")
    assert masked.endswith("***")


@given(unmasked_text)
def test_mask_card_number_shows_at_most_6_plus_4(text: str) -> None:
    digits = "".join(text.split())
    expected = digits[:6] + digits[-4:] if len(digits) > 10 else ""
    assert shown(mask_card_number(text)) == expected


@given(unmasked_text.filter(lambda t: t.strip()))
def test_no_mask_gives_back_its_input(text: str) -> None:
    for mask in (mask_name, mask_phone, mask_address, mask_card_number, mask_id_number):
        assert mask(text) != text


@given(st.text())
def test_mask_id_number_shows_at_most_the_first_4_and_last_2(text: str) -> None:
    masked = mask_id_number(text)
    assert len(masked) == len(text)
    if len(text) <= 6:
        assert masked == "*" * len(text)
    else:
        assert masked == text[:4] + "*" * (len(text) - 6) + text[-2:]
