"""Resident ID numbers: normalising, the four named checks and reading.

All people are fake: numbers are built here with a check character computed independently of stdnum.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from station.core.checks import CheckStatus, Severity
from station.core.idnumber import (
    birth_date_of,
    check_id_number,
    normalize,
    province_of,
    region_of,
    sex_of,
)
from station.core.models import Sex

KNOWN_GOOD = "11010519491231002X"
TODAY = date(2024, 3, 1)
NAMES = ["id_number.format", "id_number.check_digit", "id_number.birth_date", "id_number.region"]
KNOWN_CODES = ["110105", "440305", "110103", "150102", "450102", "650102", "320102"]
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_char(body: str) -> str:
    """ISO 7064 MOD 11-2 check character for 17 digits, written from GB 11643 (not from stdnum)."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def make_number(region: str = "110105", born: date | str = date(1990, 1, 2), seq: int = 123) -> str:
    """A fake but well-formed number; ``born`` may be a raw YYYYMMDD string for impossible dates."""
    digits = born if isinstance(born, str) else f"{born:%Y%m%d}"
    body = f"{region}{digits}{seq:03d}"
    return body + check_char(body)


def by_name(number: str, today: date = TODAY) -> dict:
    return {r.name: r for r in check_id_number(number, today=today)}


def test_own_check_char_agrees_with_the_known_good_number_and_stdnum() -> None:
    assert check_char(KNOWN_GOOD[:17]) == "X"
    assert ric.is_valid(KNOWN_GOOD)


# normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (KNOWN_GOOD, KNOWN_GOOD),
        ("11010519491231002x", KNOWN_GOOD),
        (" 110105 19491231 002X\n", KNOWN_GOOD),
        ("１１０１０５１９４９１２３１００２Ｘ", KNOWN_GOOD),
        ("１１０１０５\u3000１９４９１２３１００２ｘ", KNOWN_GOOD),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


# check_id_number


def test_known_good_number_passes_all_four_checks_in_order() -> None:
    results = check_id_number(KNOWN_GOOD, today=TODAY)
    assert [r.name for r in results] == NAMES
    assert all(r.status is CheckStatus.PASS for r in results)
    assert results[3].figures["region"] == "北京市朝阳区"


@pytest.mark.parametrize("variant", ["11010519491231002x", "１１０１０５１９４９１２３１００２X", "110105 1949 1231 002X"])
def test_lower_case_x_and_full_width_digits_pass(variant: str) -> None:
    assert all(r.status is CheckStatus.PASS for r in check_id_number(variant, today=TODAY))


def test_wrong_check_digit_fails_blocking_and_the_rest_is_still_checked() -> None:
    results = by_name(KNOWN_GOOD[:17] + "3")
    assert results["id_number.check_digit"].status is CheckStatus.FAIL
    assert results["id_number.check_digit"].severity is Severity.BLOCKING
    assert results["id_number.birth_date"].status is CheckStatus.PASS
    assert results["id_number.region"].status is CheckStatus.PASS


@pytest.mark.parametrize(
    "number",
    [
        "",
        "1101051949123100",  # too short
        KNOWN_GOOD + "0",  # too long
        "11010519491231002Y",  # bad check character
        "1101051949123100X2",  # X not last
        "11010519491231O02X",  # letter O for zero
    ],
)
def test_bad_format_fails_alone_and_skips_the_later_checks(number: str) -> None:
    results = check_id_number(number, today=TODAY)
    assert [r.name for r in results] == ["id_number.format"]
    assert results[0].status is CheckStatus.FAIL
    assert results[0].severity is Severity.BLOCKING


def test_wrong_length_says_how_many_characters() -> None:
    (result,) = check_id_number("1101051949123100", today=TODAY)
    assert "16" in result.reason
    assert result.figures == {"length": 16}


def test_impossible_date_fails_and_cannot_be_read() -> None:
    number = make_number(born="19990230")
    result = by_name(number)["id_number.birth_date"]
    assert result.status is CheckStatus.FAIL
    assert result.severity is Severity.BLOCKING
    assert by_name(number)["id_number.check_digit"].status is CheckStatus.PASS
    with pytest.raises(ValueError):
        birth_date_of(number)


def test_future_birth_date_fails_but_born_today_passes() -> None:
    tomorrow = make_number(born=TODAY + timedelta(days=1))
    assert by_name(tomorrow)["id_number.birth_date"].status is CheckStatus.FAIL
    assert by_name(make_number(born=TODAY))["id_number.birth_date"].status is CheckStatus.PASS


def test_birth_before_1900_fails() -> None:
    assert by_name(make_number(born=date(1899, 12, 31)))["id_number.birth_date"].status is CheckStatus.FAIL
    assert by_name(make_number(born=date(1900, 1, 1)))["id_number.birth_date"].status is CheckStatus.PASS


def test_today_defaults_to_the_real_today() -> None:
    tomorrow = date.today() + timedelta(days=1)
    results = {r.name: r for r in check_id_number(make_number(born=tomorrow))}
    assert results["id_number.birth_date"].status is CheckStatus.FAIL


@pytest.mark.parametrize(
    ("region", "born", "name"),
    [
        ("110105", date(1990, 1, 2), "北京市朝阳区"),
        ("440305", date(1995, 6, 7), "广东省深圳市南山区"),
        # Code created in 1983 (as 南头区办事处): stdnum's validate() rejects it for people born before,
        # but a number keeps the code in force when it was issued, so it is accepted here.
        ("440305", date(1970, 1, 1), "广东省深圳市南山区"),
        ("450102", date(1980, 3, 4), "广西壮族自治区南宁市兴宁区"),
    ],
)
def test_known_region_passes_with_its_names(region: str, born: date, name: str) -> None:
    result = by_name(make_number(region, born))["id_number.region"]
    assert result.status is CheckStatus.PASS
    assert result.figures == {"region": name, "retired": False}
    assert region_of(make_number(region, born)) == name


@pytest.mark.parametrize("born", [date(1980, 1, 1), date(2015, 1, 1)])
def test_retired_code_is_accepted(born: date) -> None:
    # 110103 崇文区 was merged into 东城区 in 2010.
    result = by_name(make_number("110103", born))["id_number.region"]
    assert result.status is CheckStatus.PASS
    assert result.figures == {"region": "北京市崇文区", "retired": True}
    assert "retired" in result.reason


def test_retired_code_born_before_retirement_is_valid_for_stdnum_too() -> None:
    assert ric.is_valid(make_number("110103", date(1980, 1, 1)))


@pytest.mark.parametrize("region", ["990101", "441111"])
def test_unknown_code_is_an_overridable_failure(region: str) -> None:
    # 990101: no such province; 441111: known province (广东省), unknown county.
    number = make_number(region)
    result = by_name(number)["id_number.region"]
    assert result.status is CheckStatus.FAIL
    assert result.severity is Severity.OVERRIDABLE
    assert region_of(number) is None


def test_province_of() -> None:
    assert province_of(KNOWN_GOOD) == "北京市"
    assert province_of(make_number("441111")) == "广东省"
    assert province_of(make_number("990101")) is None


@pytest.mark.parametrize(
    "number",
    [
        KNOWN_GOOD,
        KNOWN_GOOD[:17] + "3",
        make_number(born="19990230"),
        make_number(born=TODAY + timedelta(days=3)),
        make_number("990101"),
        make_number("110103"),
    ],
)
def test_reasons_and_figures_never_contain_the_number(number: str) -> None:
    for result in check_id_number(number, today=TODAY):
        assert number not in result.reason
        assert number not in str(result.figures)
        assert number[6:14] not in result.reason  # not even the raw birth-date digits


# reading the number


def test_birth_date_and_sex_of_the_known_good_number() -> None:
    assert birth_date_of(KNOWN_GOOD) == date(1949, 12, 31)
    assert sex_of(KNOWN_GOOD) is Sex.FEMALE
    assert sex_of(make_number(seq=1)) is Sex.MALE
    assert sex_of(make_number(seq=998)) is Sex.FEMALE


@pytest.mark.parametrize("reader", [birth_date_of, sex_of, region_of, province_of])
def test_readers_reject_a_malformed_number(reader) -> None:
    with pytest.raises(ValueError):
        reader("1101051949123100")


# properties

valid_births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@given(region=st.sampled_from(KNOWN_CODES), born=valid_births, seq=st.integers(0, 999))
def test_every_generated_number_passes_and_round_trips(region: str, born: date, seq: int) -> None:
    number = make_number(region, born, seq)
    assert all(r.status is CheckStatus.PASS for r in check_id_number(number, today=TODAY))
    assert birth_date_of(number) == born
    assert sex_of(number) is (Sex.MALE if seq % 2 else Sex.FEMALE)
    assert normalize(number.lower()) == number


@given(born=valid_births, seq=st.integers(0, 999), position=st.integers(0, 16), shift=st.integers(1, 9))
def test_any_single_digit_error_breaks_the_check_digit(
    born: date, seq: int, position: int, shift: int
) -> None:
    number = make_number("440305", born, seq)
    wrong = str((int(number[position]) + shift) % 10)
    typo = number[:position] + wrong + number[position + 1 :]
    assert by_name(typo)["id_number.check_digit"].status is CheckStatus.FAIL
