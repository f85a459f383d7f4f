"""Checks on a card reading: cross-checks, validity bands, expiry, age. All holders are fake."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from station.core.checks import CheckStatus, Severity, failures
from station.core.idcard_rules import age_on, check_card, check_front, expected_validity_years
from station.core.models import PERMANENT, IdCardBack, IdCardFront, IdCardRead, Sex

TODAY = date(2024, 3, 1)
ALL_NAMES = [
    "id_number.format",
    "id_number.check_digit",
    "id_number.birth_date",
    "id_number.region",
    "card.birth_date_matches",
    "card.sex_matches",
    "card.address_region",
    "card.validity_period",
    "card.not_yet_valid",
    "card.not_expired",
    "holder.adult",
]
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_number(region: str, born: date | str, seq: int) -> str:
    """A fake number with its ISO 7064 MOD 11-2 check character (computed here, not by stdnum)."""
    digits = born if isinstance(born, str) else f"{born:%Y%m%d}"
    body = f"{region}{digits}{seq:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def add_years(day: date, years: int) -> date:
    """Same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def reading(
    *,
    born: date = date(1990, 5, 17),
    sex: Sex = Sex.MALE,
    region: str = "110105",
    address: str = "北京市朝阳区建国路88号",
    valid_from: date = date(2015, 6, 1),
    valid_to: date | None = date(2025, 6, 1),
    number: str | None = None,
) -> IdCardRead:
    seq = 123 if sex is Sex.MALE else 124
    front = IdCardFront("张三", sex, "汉", born, address, number or make_number(region, born, seq))
    return IdCardRead(front, IdCardBack("北京市公安局朝阳分局", valid_from, valid_to))


def checks(read: IdCardRead, today: date = TODAY, **kwargs) -> dict:
    return {r.name: r for r in check_card(read, today, **kwargs)}


def test_a_good_card_passes_every_check_in_order() -> None:
    results = check_card(reading(), TODAY)
    assert [r.name for r in results] == ALL_NAMES
    assert all(r.status is CheckStatus.PASS for r in results)


def test_the_known_good_number_on_a_permanent_card() -> None:
    read = reading(
        number="11010519491231002X",
        born=date(1949, 12, 31),
        sex=Sex.FEMALE,
        valid_from=date(2006, 1, 1),
        valid_to=None,
    )
    assert all(r.status is CheckStatus.PASS for r in check_card(read, TODAY))


# cross-checks against the number


def test_printed_birth_date_differs_from_the_number() -> None:
    read = reading(number=make_number("110105", date(1990, 5, 18), 123))
    result = checks(read)["card.birth_date_matches"]
    assert result.status is CheckStatus.FAIL
    assert result.severity is Severity.BLOCKING
    assert result.figures == {"printed": "1990-05-17", "in_number": "1990-05-18"}


def test_printed_sex_differs_from_the_parity() -> None:
    read = reading(number=make_number("110105", date(1990, 5, 17), 124))  # even: female, printed 男
    result = checks(read)["card.sex_matches"]
    assert result.status is CheckStatus.FAIL
    assert result.severity is Severity.BLOCKING
    assert result.figures == {"printed": "男", "in_number": "女"}


def test_female_holder_passes_the_sex_check() -> None:
    assert checks(reading(sex=Sex.FEMALE))["card.sex_matches"].status is CheckStatus.PASS


@pytest.mark.parametrize(
    ("region", "address"),
    [
        ("110105", "北京市朝阳区建国路88号"),
        ("440305", "广东省深圳市南山区科技园"),
        ("450102", "广西壮族自治区南宁市兴宁区民生路1号"),
        ("150102", "内蒙古呼和浩特市新城区"),  # short province name
    ],
)
def test_address_in_the_code_province_passes(region: str, address: str) -> None:
    assert checks(reading(region=region, address=address))["card.address_region"].status is CheckStatus.PASS


def test_address_in_another_province_only_warns() -> None:
    result = checks(reading(region="440305", address="北京市朝阳区建国路88号"))["card.address_region"]
    assert result.status is CheckStatus.WARN
    assert result.passed
    assert result.figures == {"province": "广东省"}


def test_malformed_number_leaves_out_every_cross_check() -> None:
    names = [r.name for r in check_card(reading(number="11010519900517123"), TODAY)]
    assert names == [
        "id_number.format",
        "card.validity_period",
        "card.not_yet_valid",
        "card.not_expired",
        "holder.adult",
    ]


def test_impossible_birth_date_in_the_number_leaves_out_the_date_cross_check() -> None:
    names = [r.name for r in check_card(reading(number=make_number("110105", "19900230", 123)), TODAY)]
    assert "card.birth_date_matches" not in names
    assert "card.sex_matches" in names
    assert "card.address_region" in names


def test_unknown_province_leaves_out_the_address_check() -> None:
    results = checks(reading(region="990101"))
    assert "card.address_region" not in results
    assert results["id_number.region"].severity is Severity.OVERRIDABLE


def test_reasons_never_contain_the_number() -> None:
    read = reading(region="440305", sex=Sex.FEMALE, valid_to=date(2020, 6, 1))
    number = read.front.id_number
    for result in check_card(read, TODAY):
        assert number not in result.reason
        assert number not in str(result.figures)


# validity period


@pytest.mark.parametrize(
    ("age", "years"),
    [(0, 5), (15, 5), (16, 10), (25, 10), (26, 20), (45, 20), (46, None), (90, None)],
)
def test_expected_validity_years(age: int, years: int | None) -> None:
    assert expected_validity_years(age) == years


BORN = date(1980, 7, 15)


@pytest.mark.parametrize(
    ("issued", "right", "wrong"),
    [
        (date(1996, 7, 14), 5, 10),  # 15, the day before the 16th birthday
        (date(1996, 7, 15), 10, 5),  # 16th birthday
        (date(2006, 7, 14), 10, 20),  # 25
        (date(2006, 7, 15), 20, 10),  # 26th birthday
        (date(2026, 7, 14), 20, None),  # 45
        (date(2026, 7, 15), None, 20),  # 46th birthday
    ],
)
def test_validity_band_boundaries(issued: date, right: int | None, wrong: int | None) -> None:
    def validity(years: int | None):
        valid_to = None if years is None else add_years(issued, years)
        return checks(reading(born=BORN, valid_from=issued, valid_to=valid_to))["card.validity_period"]

    assert validity(right).status is CheckStatus.PASS
    result = validity(wrong)
    assert result.status is CheckStatus.FAIL
    assert result.severity is Severity.OVERRIDABLE
    assert result.figures["expected"] == (PERMANENT if right is None else right)
    assert result.figures["found"] == (PERMANENT if wrong is None else wrong)


def test_period_that_is_not_whole_years_fails() -> None:
    result = checks(reading(valid_to=date(2025, 6, 2)))["card.validity_period"]
    assert result.status is CheckStatus.FAIL
    assert result.figures["expected"] == 10
    assert result.figures["found"] is None


@pytest.mark.parametrize("valid_to", [date(2005, 6, 1), date(2015, 6, 1)])
def test_valid_to_not_after_valid_from_fails(valid_to: date) -> None:
    result = checks(reading(valid_from=date(2015, 6, 1), valid_to=valid_to))["card.validity_period"]
    assert result.status is CheckStatus.FAIL
    assert result.figures["found"] is None


@pytest.mark.parametrize("valid_to", [date(2026, 2, 28), date(2026, 3, 1)])
def test_card_issued_on_29_february_ends_on_28_february_or_1_march(valid_to: date) -> None:
    read = reading(born=date(1990, 5, 17), valid_from=date(2016, 2, 29), valid_to=valid_to)
    assert checks(read)["card.validity_period"].status is CheckStatus.PASS


def test_card_issued_on_29_february_can_end_on_29_february() -> None:
    # Aged 33 at issue: 20 years.
    read = reading(born=date(1970, 5, 17), valid_from=date(2004, 2, 29), valid_to=date(2024, 2, 29))
    assert checks(read)["card.validity_period"].status is CheckStatus.PASS


# valid today


@pytest.mark.parametrize(
    ("valid_to", "status"),
    [(TODAY, CheckStatus.PASS), (TODAY - timedelta(days=1), CheckStatus.FAIL), (None, CheckStatus.PASS)],
)
def test_expiry(valid_to: date | None, status: CheckStatus) -> None:
    born = date(1960, 1, 1) if valid_to is None else date(1990, 5, 17)
    result = checks(reading(born=born, valid_from=date(2014, 3, 1), valid_to=valid_to))["card.not_expired"]
    assert result.status is status
    assert result.severity is Severity.BLOCKING


@pytest.mark.parametrize(
    ("valid_from", "status"), [(TODAY, CheckStatus.PASS), (TODAY + timedelta(days=1), CheckStatus.FAIL)]
)
def test_not_yet_valid(valid_from: date, status: CheckStatus) -> None:
    read = reading(valid_from=valid_from, valid_to=add_years(valid_from, 20))
    result = checks(read)["card.not_yet_valid"]
    assert result.status is status
    assert result.severity is Severity.BLOCKING


# age


@pytest.mark.parametrize(
    ("born", "today", "status"),
    [
        (date(2006, 3, 1), TODAY, CheckStatus.PASS),  # 18th birthday today
        (date(2006, 3, 2), TODAY, CheckStatus.FAIL),  # 18 tomorrow
        (date(2004, 2, 29), date(2022, 2, 28), CheckStatus.FAIL),  # Feb 29 birthday in a common year...
        (date(2004, 2, 29), date(2022, 3, 1), CheckStatus.PASS),  # ...counts from 1 March
        (date(2004, 2, 29), date(2024, 2, 29), CheckStatus.PASS),
    ],
)
def test_adult_boundaries(born: date, today: date, status: CheckStatus) -> None:
    read = reading(born=born, valid_from=date(2021, 1, 1), valid_to=None)
    result = checks(read, today)["holder.adult"]
    assert result.status is status
    assert result.severity is Severity.BLOCKING


def test_a_minor_is_blocked() -> None:
    read = reading(born=date(2008, 9, 1), valid_from=date(2020, 1, 1), valid_to=date(2025, 1, 1))
    results = checks(read)
    assert results["holder.adult"].status is CheckStatus.FAIL
    assert results["holder.adult"].figures == {"age": 15, "min_age": 18}
    assert [r.name for r in failures(results.values())] == ["holder.adult"]


def test_min_age_is_a_parameter() -> None:
    assert checks(reading(), min_age=35)["holder.adult"].status is CheckStatus.FAIL
    assert checks(reading(), min_age=33)["holder.adult"].status is CheckStatus.PASS


def test_the_front_alone_gives_the_card_checks_that_do_not_need_the_back() -> None:
    front_names = [n for n in ALL_NAMES if not n.startswith("card.") or n in (
        "card.birth_date_matches", "card.sex_matches", "card.address_region")]
    results = check_front(reading().front, TODAY)
    assert [r.name for r in results] == front_names
    assert all(r.status is CheckStatus.PASS for r in results)
    whole = {r.name: r for r in check_card(reading(), TODAY)}
    assert all(r == whole[r.name] for r in results)


def test_the_front_alone_catches_a_wrong_sex_and_a_minor() -> None:
    front = reading(born=date(2008, 9, 1), sex=Sex.FEMALE).front
    wrong = IdCardFront(front.name, Sex.MALE, front.ethnicity, front.birth_date, front.address, front.id_number)
    failed = [r.name for r in failures(check_front(wrong, TODAY))]
    assert failed == ["card.sex_matches", "holder.adult"]
    assert [r.name for r in failures(check_front(front, TODAY, min_age=15))] == []


# properties


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 12, 31)), st.integers(1, 100))
def test_age_goes_up_by_one_on_each_birthday(born: date, years: int) -> None:
    birthday = add_years(born, years)
    if (born.month, born.day) == (2, 29) and birthday.day == 28:
        birthday += timedelta(days=1)  # 1 March in a common year
    assert age_on(born, birthday) == years
    assert age_on(born, birthday - timedelta(days=1)) == years - 1


@given(
    born=st.dates(min_value=date(1930, 1, 1), max_value=date(2005, 12, 31)),
    age_at_issue=st.integers(0, 80),
    male=st.booleans(),
)
def test_a_consistent_card_has_no_failures_while_valid(born: date, age_at_issue: int, male: bool) -> None:
    valid_from = add_years(born, age_at_issue) + timedelta(days=30)
    years = expected_validity_years(age_on(born, valid_from))
    valid_to = None if years is None else add_years(valid_from, years)
    read = reading(born=born, sex=Sex.MALE if male else Sex.FEMALE, valid_from=valid_from, valid_to=valid_to)
    today = valid_from if valid_to is None else valid_to
    if age_on(born, today) >= 18:
        assert failures(check_card(read, today)) == []
    else:
        assert [r.name for r in failures(check_card(read, today))] == ["holder.adult"]
