"""The resident ID number (公民身份号码, GB 11643-1999): normalising, checking and reading (the mask is in
:mod:`station.core.masking`).

Validation and the address-code table come from python-stdnum (``stdnum.cn.ric`` and its ``cn/loc``
data). Two things are done here rather than by ``ric.validate``: it rejects an address code that was not
yet (or no longer) in force in the holder's birth year, although a number keeps the code in force when
it was *issued* (often years after birth), and it raises ``KeyError`` for an unknown county under a
known province. No reason text ever contains the number itself.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import numdb
from stdnum.cn import ric

from station.core.checks import CheckResult, failed, passed
from station.core.models import Sex

_FORMAT = re.compile(r"\d{17}[\dX]")
_EARLIEST_BIRTH = date(1900, 1, 1)
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖行政单位", "省直辖县级行政单位", "自治区直辖县级行政单位"})


def normalize(text: str) -> str:
    """Drop all whitespace, turn full-width (and other Unicode) digits into ASCII and x into X."""
    return ric.compact("".join(text.split())).replace("Ｘ", "X")


def check_id_number(number: str, *, today: date | None = None) -> list[CheckResult]:
    """Check format, check digit, birth date and address code; the rest is skipped on a bad format."""
    number = normalize(number)
    fmt = _check_format(number)
    if not fmt.passed:
        return [fmt]
    today = today or date.today()
    return [fmt, _check_digit(number), _check_birth_date(number, today), _check_region(number)]


def birth_date_of(number: str) -> date:
    """The birth date encoded in the number; ``ValueError`` if malformed or not a real date."""
    return ric.get_birth_date(_well_formed(number))


def sex_of(number: str) -> Sex:
    """The holder's sex from the parity of the sequence code (odd: male, even: female)."""
    return Sex.MALE if int(_well_formed(number)[16]) % 2 else Sex.FEMALE


def region_of(number: str) -> str | None:
    """Province, city and county names of the address code (latest names, retired codes included).

    None when stdnum does not know the code.
    """
    entries = _region_entries(_well_formed(number)[:6])
    return None if entries is None else _region_name(entries)


def province_of(number: str) -> str | None:
    """The province-level name of the address code, or None when stdnum does not know it."""
    return _lookup(_well_formed(number)[:2]).get("province")


def _well_formed(number: str) -> str:
    number = normalize(number)
    if not _FORMAT.fullmatch(number):
        raise ValueError("not a well-formed resident ID number")
    return number


def _check_format(number: str) -> CheckResult:
    name = "id_number.format"
    if len(number) != 18:
        length = len(number)
        return failed(name, "id-number-length", {"length": length}, length=length)
    if not _FORMAT.fullmatch(number):
        return failed(name, "id-number-format")
    return passed(name, "id-number-format-ok")


def _check_digit(number: str) -> CheckResult:
    name = "id_number.check_digit"
    # stdnum's calc_check_digit expects the full 18 characters and ignores the last one.
    if ric.calc_check_digit(number) != number[-1]:
        return failed(name, "id-number-check-digit")
    return passed(name, "id-number-check-digit-ok")


def _check_birth_date(number: str, today: date) -> CheckResult:
    name = "id_number.birth_date"
    try:
        born = ric.get_birth_date(number)
    except ValueError:
        return failed(name, "id-number-birth-date-invalid")
    if born < _EARLIEST_BIRTH:
        return failed(name, "id-number-birth-date-early", birth_date=born.isoformat())
    if born > today:
        return failed(name, "id-number-birth-date-future", birth_date=born.isoformat())
    return passed(name, "id-number-birth-date-ok", birth_date=born.isoformat())


def _check_region(number: str) -> CheckResult:
    name = "id_number.region"
    entries = _region_entries(number[:6])
    if entries is None:
        return failed(
            name,
            "id-number-region-unknown",
            overridable=True,
        )
    region, retired = _region_name(entries), _is_retired(entries[-1])
    return passed(name, "id-number-region-retired" if retired else "id-number-region", {"region": region},
                  region=region, retired=retired)


def _lookup(code: str) -> dict[str, str]:
    """stdnum's ``cn/loc`` properties for a code prefix, merged (``province`` and/or ``county``)."""
    return {k: v for _, props in numdb.get("cn/loc").info(code) for k, v in props.items()}


def _region_entries(code: str) -> list[str] | None:
    """Raw stdnum entries for province, prefecture and county of a 6-digit code, or None if unknown."""
    if "county" not in _lookup(code):
        return None
    lower = [code[:4] + "00", code] if code[2:4] != "00" else []
    found = (_lookup(c).get("county") for c in lower)
    return [_lookup(code[:2])["province"], *(e for e in found if e)]


def _region_name(entries: list[str]) -> str:
    """Latest names joined, without placeholders such as 市辖区 and without repeats."""
    names = [_latest_name(e) for e in entries]
    return "".join(n for i, n in enumerate(names) if n not in _PLACEHOLDERS and n not in names[:i])


def _latest_name(entry: str) -> str:
    """The newest name in an entry such as ``[1983-1989]南头区办事处,[1990-]南山区``."""
    return entry.split(",")[-1].rpartition("]")[2]


def _is_retired(entry: str) -> bool:
    """Whether the newest name of an entry has an end year, e.g. ``[-2010]崇文区``."""
    span = entry.split(",")[-1].partition("]")[0]
    return span.startswith("[") and not span.endswith("-")
