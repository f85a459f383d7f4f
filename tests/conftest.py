"""Shared fixtures: a station on a temporary data folder, a first officer, a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from station.config import Settings, load_settings
from station.core.session import OfficerSession
from station.store.cases import Store
from station.store.officers import SignedIn

ADMIN_ID, ADMIN_PIN = "admin01", "246810"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's real settings file or environment."""
    for key in list(__import__("os").environ):
        if key.startswith("STATION_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("STATION_CONFIG", str(tmp_path / "config" / "settings.toml"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(settings: Settings, clock: FakeClock) -> Iterator[Store]:
    with Store.open(settings, clock=clock) as opened:
        yield opened


@pytest.fixture
def admin(store: Store) -> SignedIn:
    return store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)


@pytest.fixture
def session(admin: SignedIn, clock: FakeClock) -> OfficerSession:
    return OfficerSession(admin, timedelta(minutes=5), clock)
