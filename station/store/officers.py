"""Officers: Argon2 PIN hashes, lockout after repeated wrong PINs, and each officer's key slot.

Signing in checks the PIN against its Argon2id hash, then unwraps the master key from the officer's
slot; the result, :class:`SignedIn`, is what opens personal data. Lockout counters live in the
database, so restarting the station does not reset them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from station.config import SecuritySettings
from station.errors import StationError
from station.store import audit
from station.store.crypto import (
    FieldCipher,
    KdfParams,
    KeySlot,
    new_master_key,
    unwrap_master_key,
    wrap_master_key,
)
from station.store.db import transaction
from station.store.schema import Officer

_OFFICER_ID = re.compile(r"^[A-Za-z0-9_.-]{2,32}$")
_HASHER = PasswordHasher()


class SignInError(StationError):
    """Signing in failed; the message says why and what to do."""


@dataclass(frozen=True)
class SignedIn:
    """A signed-in officer and the cipher that opens personal data."""

    officer_id: str
    display_name: str
    role: str
    cipher: FieldCipher = field(repr=False)
    _master_key: bytes = field(repr=False)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class Officers:
    """Officer accounts of one station database."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        security: SecuritySettings,
        kdf: KdfParams = KdfParams(),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._factory = factory
        self._security = security
        self._kdf = kdf
        self._clock = clock

    def any(self) -> bool:
        with self._factory() as session:
            return bool(session.scalar(select(func.count()).select_from(Officer)))

    def list(self) -> list[tuple[str, str, str, bool]]:
        """(id, name, role, locked now) for every active officer."""
        now = self._clock()
        with self._factory() as session:
            rows = session.scalars(select(Officer).where(Officer.active).order_by(Officer.id))
            return [(o.id, o.display_name, o.role, bool(o.locked_until and o.locked_until > now)) for o in rows]

    def bootstrap(self, officer_id: str, display_name: str, pin: str) -> SignedIn:
        """Create the first officer (an admin) and the database's master key."""
        if self.any():
            raise SignInError("signin-officers-exist")
        master_key = new_master_key()
        self._create(officer_id, display_name, pin, "admin", master_key, actor=officer_id)
        return SignedIn(officer_id, display_name, "admin", FieldCipher(master_key), master_key)

    def add(self, by: SignedIn, officer_id: str, display_name: str, pin: str, role: str = "officer") -> None:
        """An admin adds an officer, giving the new PIN its own slot for the master key."""
        if not by.is_admin:
            raise SignInError("signin-admin-adds")
        self._create(officer_id, display_name, pin, role, by._master_key, actor=by.officer_id)

    def _create(
        self, officer_id: str, display_name: str, pin: str, role: str, master_key: bytes, actor: str
    ) -> None:
        if not _OFFICER_ID.match(officer_id):
            raise SignInError("signin-officer-id-format")
        if role not in ("officer", "admin"):
            raise SignInError("signin-unknown-role", role=repr(role))
        self.check_pin_policy(pin)
        slot = wrap_master_key(master_key, officer_id, pin, self._kdf)
        with transaction(self._factory) as session:
            if session.get(Officer, officer_id) is not None:
                raise SignInError("signin-officer-exists", officer=officer_id)
            session.add(
                Officer(
                    id=officer_id, display_name=display_name, role=role, pin_hash=_HASHER.hash(pin),
                    slot_salt=slot.salt, slot_kdf=slot.kdf, slot_wrapped=slot.wrapped,
                )
            )
            figures = {"officer": officer_id, "role": role}
            audit.append(session, audit.STATION_CHAIN, actor, "officer.add", "ok", figures)

    def check_pin_policy(self, pin: str) -> None:
        """Digits only, long enough, not one digit repeated nor a plain run like 123456."""
        n = self._security.pin_min_length
        if not (pin.isascii() and pin.isdigit()) or len(pin) < n:  # ASCII: "１２３４５６" is no PIN
            raise SignInError("signin-pin-too-short", digits=n)
        if len(set(pin)) == 1 or pin in "01234567890" or pin in "09876543210":
            raise SignInError("signin-pin-too-easy")

    def sign_in(self, officer_id: str, pin: str) -> SignedIn:
        """Check the PIN and open the master key; counts wrong PINs and locks after too many."""
        now = self._clock()
        with transaction(self._factory) as session:
            officer = session.get(Officer, officer_id)
            if officer is None or not officer.active:
                audit.append(session, audit.STATION_CHAIN, "-", "officer.sign_in", "unknown", {})
                session.commit()  # the failed attempt stays on record despite the error below
                raise SignInError("signin-wrong")
            if officer.locked_until and officer.locked_until > now:
                audit.append(session, audit.STATION_CHAIN, officer_id, "officer.sign_in", "locked", {})
                session.commit()  # the refused attempt stays on record despite the error below
                raise SignInError(
                    "signin-locked", officer=officer_id,
                    until=f"{officer.locked_until.astimezone():%H:%M}",
                )
            if not _pin_matches(officer.pin_hash, pin):
                return self._wrong_pin(session, officer, now)
            officer.failed_attempts, officer.locked_until = 0, None
            if _HASHER.check_needs_rehash(officer.pin_hash):
                officer.pin_hash = _HASHER.hash(pin)
            slot = KeySlot(officer.slot_salt, officer.slot_kdf, officer.slot_wrapped)
            master_key = unwrap_master_key(slot, officer_id, pin)
            audit.append(session, audit.STATION_CHAIN, officer_id, "officer.sign_in", "ok", {})
            return SignedIn(officer_id, officer.display_name, officer.role, FieldCipher(master_key), master_key)

    def _wrong_pin(self, session: Session, officer: Officer, now: datetime) -> SignedIn:
        officer.failed_attempts += 1
        left = self._security.max_pin_attempts - officer.failed_attempts
        if left <= 0:
            officer.locked_until = now + timedelta(minutes=self._security.lockout_minutes)
            officer.failed_attempts = 0
            result, error = "locked", SignInError(
                "signin-now-locked", officer=officer.id,
                minutes=f"{self._security.lockout_minutes:g}",
            )
        else:
            result, error = "wrong_pin", SignInError("signin-wrong-tries-left", tries=left)
        audit.append(session, audit.STATION_CHAIN, officer.id, "officer.sign_in", result, {"tries_left": max(left, 0)})
        session.commit()  # the count must survive the error below
        raise error

    def change_pin(self, officer_id: str, old_pin: str, new_pin: str) -> None:
        """Re-wrap the officer's slot under a new PIN (the old PIN must be right)."""
        signed = self.sign_in(officer_id, old_pin)
        self.check_pin_policy(new_pin)
        slot = wrap_master_key(signed._master_key, officer_id, new_pin, self._kdf)
        with transaction(self._factory) as session:
            officer = session.get(Officer, officer_id)
            assert officer is not None
            officer.pin_hash = _HASHER.hash(new_pin)
            officer.slot_salt, officer.slot_kdf, officer.slot_wrapped = slot.salt, slot.kdf, slot.wrapped
            audit.append(session, audit.STATION_CHAIN, officer_id, "officer.change_pin", "ok", {})

    def unlock(self, by: SignedIn, officer_id: str) -> None:
        """An admin lifts a lockout."""
        if not by.is_admin:
            raise SignInError("signin-admin-unlocks")
        with transaction(self._factory) as session:
            officer = session.get(Officer, officer_id)
            if officer is None:
                raise SignInError("signin-no-officer", officer=officer_id)
            officer.failed_attempts, officer.locked_until = 0, None
            audit.append(session, audit.STATION_CHAIN, by.officer_id, "officer.unlock", "ok", {"officer": officer_id})


def _pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
