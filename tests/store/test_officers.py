"""Officers: Argon2 PIN hashes, the PIN policy, lockout after wrong PINs, admin rights, the station trail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import ADMIN_ID, ADMIN_PIN, FakeClock
from sqlalchemy import text

from station.config import Settings, load_settings
from station.store.cases import Store
from station.store.officers import SignedIn, SignInError

CLERK_ID, CLERK_PIN = "clerk02", "802468"


@pytest.fixture
def strict_settings(tmp_path: Path) -> Settings:
    """Three tries, ten minutes of lockout."""
    return load_settings(data_dir=tmp_path / "data", security={"max_pin_attempts": 3, "lockout_minutes": 10})


@pytest.fixture
def strict_store(strict_settings: Settings, clock: FakeClock) -> Iterator[Store]:
    with Store.open(strict_settings, clock=clock) as opened:
        yield opened


def officer_row(store: Store, officer_id: str) -> dict[str, object]:
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM officers WHERE id = :i"), {"i": officer_id}).mappings().one()
        return dict(row)


def station_events(store: Store) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.result) for e in store.audit_events("station")]


def test_pin_is_stored_as_an_argon2id_hash(store: Store, admin: SignedIn) -> None:
    store.officers.add(admin, CLERK_ID, "柜员乙", CLERK_PIN)
    for officer_id, pin in ((ADMIN_ID, ADMIN_PIN), (CLERK_ID, CLERK_PIN)):
        row = officer_row(store, officer_id)
        assert str(row["pin_hash"]).startswith("$argon2id$")
        assert pin not in str(row["pin_hash"])
        assert str(row["slot_kdf"]).startswith("argon2id$")
        assert pin.encode() not in bytes(row["slot_wrapped"])  # type: ignore[arg-type]
    assert officer_row(store, ADMIN_ID)["slot_salt"] != officer_row(store, CLERK_ID)["slot_salt"]
    db = store.settings.database_file.read_bytes()
    wal = store.settings.database_file.with_name("station.db-wal")
    raw = db + (wal.read_bytes() if wal.exists() else b"")
    assert ADMIN_PIN.encode() not in raw and CLERK_PIN.encode() not in raw


@pytest.mark.parametrize("pin, why", [
    ("12345", "at least 6 digits"),
    ("", "at least 6 digits"),
    ("12a456", "at least 6 digits"),
    ("１２３４５６", "at least 6 digits"),  # full-width digits: not what a PIN pad types, and 123456 again
    ("111111", "too easy"),
    ("000000", "too easy"),
    ("123456", "too easy"),
    ("654321", "too easy"),
    ("4567890", "too easy"),
])
def test_pin_policy_refuses_weak_pins(store: Store, pin: str, why: str) -> None:
    with pytest.raises(SignInError, match=why):
        store.officers.bootstrap(ADMIN_ID, "管理员", pin)
    assert not store.officers.any()


def test_adding_an_officer_and_changing_a_pin_apply_the_policy(store: Store, admin: SignedIn) -> None:
    with pytest.raises(SignInError, match="too easy"):
        store.officers.add(admin, CLERK_ID, "柜员乙", "123456")
    with pytest.raises(SignInError, match="at least 6 digits"):
        store.officers.add(admin, CLERK_ID, "柜员乙", "8024")
    assert [o[0] for o in store.officers.list()] == [ADMIN_ID]
    with pytest.raises(SignInError, match="too easy"):
        store.officers.change_pin(ADMIN_ID, ADMIN_PIN, "111111")
    assert store.officers.sign_in(ADMIN_ID, ADMIN_PIN).officer_id == ADMIN_ID  # the old PIN still works
    with pytest.raises(SignInError, match="already has officers"):
        store.officers.bootstrap("other", "另一个", "975310")


def test_lockout_after_too_many_wrong_pins(strict_store: Store, clock: FakeClock) -> None:
    officers = strict_store.officers
    officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
    with pytest.raises(SignInError, match="2 tries left"):
        officers.sign_in(ADMIN_ID, "975310")
    with pytest.raises(SignInError, match="1 tries left"):
        officers.sign_in(ADMIN_ID, "975310")
    with pytest.raises(SignInError, match="now locked for 10 minutes"):
        officers.sign_in(ADMIN_ID, "975310")
    until = (clock.now + timedelta(minutes=10)).astimezone()
    with pytest.raises(SignInError, match=f"locked .* until {until:%H:%M}"):
        officers.sign_in(ADMIN_ID, ADMIN_PIN)  # even the right PIN
    assert officers.list() == [(ADMIN_ID, "管理员", "admin", True)]

    clock.advance(minutes=9, seconds=59)
    with pytest.raises(SignInError, match="locked"):
        officers.sign_in(ADMIN_ID, ADMIN_PIN)
    clock.advance(seconds=1)
    assert officers.sign_in(ADMIN_ID, ADMIN_PIN).officer_id == ADMIN_ID
    assert officer_row(strict_store, ADMIN_ID)["failed_attempts"] == 0
    assert officers.list() == [(ADMIN_ID, "管理员", "admin", False)]


def test_a_right_pin_resets_the_count(strict_store: Store) -> None:
    officers = strict_store.officers
    officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
    for _ in range(2):
        with pytest.raises(SignInError, match="tries left"):
            officers.sign_in(ADMIN_ID, "975310")
    officers.sign_in(ADMIN_ID, ADMIN_PIN)
    with pytest.raises(SignInError, match="2 tries left"):
        officers.sign_in(ADMIN_ID, "975310")


def test_counters_and_locks_survive_reopening(strict_settings: Settings, clock: FakeClock) -> None:
    with Store.open(strict_settings, clock=clock) as store:
        store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
        for _ in range(2):
            with pytest.raises(SignInError):
                store.officers.sign_in(ADMIN_ID, "975310")
    with Store.open(strict_settings, clock=clock) as store:
        assert officer_row(store, ADMIN_ID)["failed_attempts"] == 2
        with pytest.raises(SignInError, match="now locked"):
            store.officers.sign_in(ADMIN_ID, "975310")
    with Store.open(strict_settings, clock=clock) as store, pytest.raises(SignInError, match="locked"):
        store.officers.sign_in(ADMIN_ID, ADMIN_PIN)


def test_admin_unlocks_and_only_an_admin_adds_or_unlocks(strict_store: Store) -> None:
    officers = strict_store.officers
    admin = officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
    officers.add(admin, CLERK_ID, "柜员乙", CLERK_PIN)
    clerk = officers.sign_in(CLERK_ID, CLERK_PIN)
    assert clerk.role == "officer" and not clerk.is_admin

    with pytest.raises(SignInError, match="Only an admin"):
        officers.add(clerk, "clerk03", "柜员丙", "975310")
    with pytest.raises(SignInError, match="Only an admin"):
        officers.unlock(clerk, ADMIN_ID)
    assert [o[0] for o in officers.list()] == [ADMIN_ID, CLERK_ID]

    for _ in range(3):
        with pytest.raises(SignInError):
            officers.sign_in(CLERK_ID, "975310")
    with pytest.raises(SignInError, match="locked"):
        officers.sign_in(CLERK_ID, CLERK_PIN)
    officers.unlock(admin, CLERK_ID)
    assert officers.sign_in(CLERK_ID, CLERK_PIN).officer_id == CLERK_ID
    with pytest.raises(SignInError, match="No officer"):
        officers.unlock(admin, "nobody")
    with pytest.raises(SignInError, match="exists already"):
        officers.add(admin, CLERK_ID, "柜员乙", "975310")
    with pytest.raises(SignInError, match="officer id"):
        officers.add(admin, "x", "太短", "975310")


def test_station_trail_records_sign_ins_and_failures_without_pins(strict_store: Store) -> None:
    officers = strict_store.officers
    admin = officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
    officers.sign_in(ADMIN_ID, ADMIN_PIN)
    with pytest.raises(SignInError):
        officers.sign_in("nobody", ADMIN_PIN)
    officers.add(admin, CLERK_ID, "柜员乙", CLERK_PIN)
    for _ in range(3):
        with pytest.raises(SignInError):
            officers.sign_in(CLERK_ID, "975310")
    with pytest.raises(SignInError):
        officers.sign_in(CLERK_ID, CLERK_PIN)  # refused while locked: still on record
    officers.unlock(admin, CLERK_ID)
    officers.change_pin(CLERK_ID, CLERK_PIN, "357913")

    assert station_events(strict_store) == [
        (ADMIN_ID, "officer.add", "ok"),
        (ADMIN_ID, "officer.sign_in", "ok"),
        ("-", "officer.sign_in", "unknown"),
        (ADMIN_ID, "officer.add", "ok"),
        (CLERK_ID, "officer.sign_in", "wrong_pin"),
        (CLERK_ID, "officer.sign_in", "wrong_pin"),
        (CLERK_ID, "officer.sign_in", "locked"),
        (CLERK_ID, "officer.sign_in", "locked"),
        (ADMIN_ID, "officer.unlock", "ok"),
        (CLERK_ID, "officer.sign_in", "ok"),
        (CLERK_ID, "officer.change_pin", "ok"),
    ]
    for event in strict_store.audit_events("station"):
        for pin in (ADMIN_PIN, CLERK_PIN, "975310", "357913"):
            assert pin not in event.figures and pin not in event.actor
    (report,) = strict_store.verify_audit("station")
    assert report.ok and report.events == 11


def test_change_pin_needs_the_old_pin(store: Store, admin: SignedIn) -> None:
    with pytest.raises(SignInError, match="wrong PIN"):
        store.officers.change_pin(ADMIN_ID, "975310", "357913")
    store.officers.change_pin(ADMIN_ID, ADMIN_PIN, "357913")
    with pytest.raises(SignInError, match="wrong PIN"):
        store.officers.sign_in(ADMIN_ID, ADMIN_PIN)
    assert store.officers.sign_in(ADMIN_ID, "357913").officer_id == ADMIN_ID
