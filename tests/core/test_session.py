"""The officer's session: idle time, the lock, and unlocking with the same officer's PIN."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from station.core.session import OfficerSession, SessionLockedError


@dataclass
class Officer:
    officer_id: str = "li.na"
    display_name: str = "李娜"
    role: str = "officer"


class Pins:
    def __init__(self, pin: str) -> None:
        self.pin = pin

    def sign_in(self, officer_id: str, pin: str) -> Officer:
        if pin != self.pin:
            raise ValueError("wrong PIN")
        return Officer(officer_id)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def session(clock: Clock) -> OfficerSession:
    return OfficerSession(Officer(), timedelta(minutes=5), clock)


def test_idle_only_after_the_limit_and_asking_is_not_activity() -> None:
    clock = Clock()
    s = session(clock)
    clock.now += timedelta(minutes=5)
    assert not s.is_idle()
    clock.now += timedelta(seconds=1)
    assert s.is_idle() and s.is_idle()  # asking twice changes nothing
    assert not s.locked


def test_activity_resets_the_idle_time() -> None:
    clock = Clock()
    s = session(clock)
    clock.now += timedelta(minutes=4)
    s.require_active()
    clock.now += timedelta(minutes=4)
    assert not s.is_idle()


def test_an_idle_session_locks_itself_and_the_pin_opens_it() -> None:
    clock = Clock()
    s = session(clock)
    clock.now += timedelta(minutes=6)
    with pytest.raises(SessionLockedError, match="5 idle minutes"):
        s.require_active()
    assert s.locked
    with pytest.raises(ValueError):
        s.unlock("000000", Pins("135790"))
    assert s.locked
    s.unlock("135790", Pins("135790"))
    assert not s.locked and not s.is_idle()
    s.require_active()
