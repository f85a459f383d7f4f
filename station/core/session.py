"""The officer's session at the station: it locks itself after a spell of inactivity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from station.errors import StationError


class SessionLockedError(StationError):
    """The session locked itself; the officer must enter the PIN again."""


class SignedInOfficer(Protocol):
    officer_id: str
    display_name: str
    role: str


class PinChecker(Protocol):
    def sign_in(self, officer_id: str, pin: str) -> SignedInOfficer: ...


@dataclass
class OfficerSession:
    """A signed-in officer plus the idle lock. ``touch`` on every action; ``require_active`` first."""

    officer: SignedInOfficer
    idle_limit: timedelta
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    last_activity: datetime = field(init=False)
    locked: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.last_activity = self.clock()

    def is_idle(self) -> bool:
        """Whether nothing happened for longer than the idle limit (without counting this as activity)."""
        return self.clock() - self.last_activity > self.idle_limit

    def require_active(self) -> None:
        """Raise SessionLockedError if locked, or if idle longer than the limit (which locks it)."""
        if not self.locked and self.is_idle():
            self.locked = True
        if self.locked:
            raise SessionLockedError(
                "session-locked", officer=self.officer.officer_id,
                minutes=f"{self.idle_limit.total_seconds() / 60:g}",
            )
        self.last_activity = self.clock()

    def lock(self) -> None:
        self.locked = True

    def unlock(self, pin: str, officers: PinChecker) -> None:
        """Unlock with the same officer's PIN (wrong PINs count towards the lockout)."""
        officers.sign_in(self.officer.officer_id, pin)
        self.locked = False
        self.last_activity = self.clock()
