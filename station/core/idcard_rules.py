"""The checks on one reading of a resident ID card: the number, the cross-checks, validity and age.

Ages follow the calendar: a holder turns a year older on the birthday; one born on 29 February turns
older on 1 March in common years (never a day early). A card is valid through ``valid_to`` inclusive.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date

from station.core.checks import CheckResult, failed, passed, warned
from station.core.idnumber import birth_date_of, check_id_number, province_of, sex_of
from station.core.models import PERMANENT, IdCardBack, IdCardFront, IdCardRead
from station.messages import Message, verbatim

# The card field each check is about, for a form to mark when the check fails.
CHECK_FIELDS: Mapping[str, str] = {
    "id_number.format": "id_number", "id_number.check_digit": "id_number", "id_number.birth_date": "id_number",
    "id_number.region": "id_number", "card.birth_date_matches": "birth_date", "card.sex_matches": "sex",
    "card.address_region": "address", "card.validity_period": "valid_to", "card.not_yet_valid": "valid_from",
    "card.not_expired": "valid_to", "holder.adult": "birth_date",
}
_PROVINCE_SUFFIX = re.compile(r"(省|市|(壮族|回族|维吾尔)?自治区|特别行政区|特別行政區)$")


def check_card(read: IdCardRead, today: date, *, min_age: int = 18) -> list[CheckResult]:
    """All checks on a card reading, in a fixed order.

    The cross-checks against the number are left out when the number cannot answer them (malformed,
    impossible birth date, unknown province); the ``id_number.*`` checks already say why.
    """
    front, back = read.front, read.back
    return [
        *check_id_number(front.id_number, today=today),
        *_cross_checks(front),
        _validity_period(front.birth_date, back),
        _not_yet_valid(back, today),
        _not_expired(back, today),
        _adult(front.birth_date, today, min_age),
    ]


def check_front(front: IdCardFront, today: date, *, min_age: int = 18) -> list[CheckResult]:
    """The checks the front alone answers (the back not read yet): the number, the cross-checks against
    it and the holder's age, in the order :func:`check_card` gives them."""
    return [*check_id_number(front.id_number, today=today), *_cross_checks(front), _adult(front.birth_date, today,
                                                                                          min_age)]


def _cross_checks(front: IdCardFront) -> list[CheckResult]:
    """Birth date, sex and address against the number, those the number can answer."""
    checks = (_birth_date_matches(front), _sex_matches(front), _address_region(front))
    return [c for c in checks if c is not None]


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def expected_validity_years(age_at_issue: int) -> int | None:
    """Validity in years for an age at issue (Resident ID Card Law art. 5); None means 长期."""
    if age_at_issue < 16:
        return 5
    if age_at_issue <= 25:
        return 10
    if age_at_issue <= 45:
        return 20
    return None


def _birth_date_matches(front: IdCardFront) -> CheckResult | None:
    name = "card.birth_date_matches"
    try:
        in_number = birth_date_of(front.id_number)
    except ValueError:
        return None
    figures = {"printed": front.birth_date.isoformat(), "in_number": in_number.isoformat()}
    if front.birth_date != in_number:
        return failed(name, "card-birth-date-differs", **figures)
    return passed(name, "card-birth-date-matches", **figures)


def _sex_matches(front: IdCardFront) -> CheckResult | None:
    name = "card.sex_matches"
    try:
        in_number = sex_of(front.id_number)
    except ValueError:
        return None
    figures = {"printed": front.sex.value, "in_number": in_number.value}
    if front.sex is not in_number:
        return failed(name, "card-sex-differs", **figures)
    return passed(name, "card-sex-matches", **figures)


def _address_region(front: IdCardFront) -> CheckResult | None:
    """The address should begin with the code's province (full or short name); people move, so only warn."""
    name = "card.address_region"
    try:
        province = province_of(front.id_number)
    except ValueError:
        return None
    if province is None:
        return None
    if front.address.strip().startswith(_PROVINCE_SUFFIX.sub("", province)):
        return passed(name, "card-address-in-region", {"province": province}, province=province)
    return warned(
        name,
        "card-address-elsewhere", {"province": province},
        province=province,
    )


def _validity_period(birth_date: date, back: IdCardBack) -> CheckResult:
    name = "card.validity_period"
    age = age_on(birth_date, back.valid_from)
    years = expected_validity_years(age)
    expected: int | str = PERMANENT if years is None else years
    found = _period_years(back.valid_from, back.valid_to)
    figures = {
        "age_at_issue": age,
        "expected": expected,
        "found": found,
        "valid_from": back.valid_from.isoformat(),
        "valid_to": PERMANENT if back.valid_to is None else back.valid_to.isoformat(),
    }
    if found != expected:
        return failed(
            name,
            "card-validity-period-wrong", {"age": age, "expected": _describe(expected), "found": _describe(found)},
            overridable=True,
            **figures,
        )
    return passed(name, "card-validity-period-ok", {"age": age}, **figures)


def _not_yet_valid(back: IdCardBack, today: date) -> CheckResult:
    name = "card.not_yet_valid"
    figures = {"valid_from": back.valid_from.isoformat()}
    if back.valid_from > today:
        return failed(name, "card-not-yet-valid", **figures)
    return passed(name, "card-valid-from-ok", **figures)


def _not_expired(back: IdCardBack, today: date) -> CheckResult:
    """Valid through ``valid_to`` inclusive; 长期 never expires."""
    name = "card.not_expired"
    if back.valid_to is None:
        return passed(name, "card-permanent", valid_to=PERMANENT)
    figures = {"valid_to": back.valid_to.isoformat()}
    if back.valid_to < today:
        return failed(name, "card-expired", **figures)
    return passed(name, "card-not-expired", **figures)


def _adult(birth_date: date, today: date, min_age: int) -> CheckResult:
    name = "holder.adult"
    age = age_on(birth_date, today)
    figures = {"age": age, "min_age": min_age}
    if age < min_age:
        return failed(name, "holder-under-age", {"age": age, "min_age": min_age}, **figures)
    return passed(name, "holder-of-age", {"age": age, "min_age": min_age}, **figures)


def _period_years(valid_from: date, valid_to: date | None) -> int | str | None:
    """Whole years from ``valid_from`` to ``valid_to``, 长期 for None, None when not whole years."""
    if valid_to is None:
        return PERMANENT
    years = valid_to.year - valid_from.year
    if years > 0 and valid_to in _anniversaries(valid_from, valid_to.year):
        return years
    return None


def _anniversaries(day: date, year: int) -> set[date]:
    """The anniversaries of ``day`` in ``year``: 29 February gives 28 February or 1 March in common years."""
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return {date(year, 2, 28), date(year, 3, 1)}
    return {day.replace(year=year)}


def _describe(period: int | str | None) -> Message:
    if period is None:
        return Message("validity-not-whole-years")
    return verbatim(period) if isinstance(period, str) else Message("validity-years", {"years": period})
