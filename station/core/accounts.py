"""Account and card numbers: UnionPay-style, Luhn-valid, unique per station by construction.

A number is ``prefix + branch code + station number + sequence + Luhn check digit``. The sequence
comes from the store, which never hands out the same one twice; the branch and station parts keep two
stations that issue offline from ever colliding.
"""

from __future__ import annotations

from stdnum import luhn

from station.errors import StationError


class NumbersExhaustedError(StationError):
    """This station has issued every number its range allows."""


def compose(prefix: str, branch_code: str, station_number: str, sequence: int, length: int) -> str:
    """The full number for ``sequence``, check digit included."""
    head = f"{prefix}{branch_code}{station_number}"
    width = length - len(head) - 1
    if width < 4:
        raise ValueError(f"a {length}-digit number leaves no room for a sequence after {head}")
    if not 0 < sequence < 10**width:
        raise NumbersExhaustedError(
            "numbers-exhausted", count=10**width - 1, range=head,
        )
    body = f"{head}{sequence:0{width}d}"
    return body + luhn.calc_check_digit(body)


def is_valid(number: str) -> bool:
    """Luhn-valid digits only (the check a card terminal makes)."""
    return number.isdigit() and luhn.is_valid(number)
