"""Opening the store: migrations, a newer database, backups, a second process, a full disk."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import factories as f
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from conftest import FakeClock
from sqlalchemy import create_engine, event, text

from station.config import Settings
from station.core.session import OfficerSession
from station.core.visit import Step, Visit
from station.errors import StoreError
from station.store.cases import Store
from station.store.db import SCHEMA_HEAD, DiskFullError, StationBusyError, _alembic_config, head_revision
from station.store.officers import SignedIn

CHILD = Path(__file__).resolve().parent / "station_child.py"
TABLES = {"officers", "cases", "case_steps", "customers", "id_card_reads", "face_checks", "signatures",
          "accounts", "issued_numbers", "loans", "documents", "audit_events", "audit_heads", "outbox",
          "station_meta", "alembic_version"}


def sql(path: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def test_migrations_run_on_start(settings: Settings) -> None:
    assert not settings.database_file.exists()
    with Store.open(settings) as store:
        assert store.integrity() == (True, "ok")
    db = settings.database_file
    assert sql(db, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert head_revision() == SCHEMA_HEAD  # the fast path in migrate() must know the newest migration
    assert {name for (name,) in sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")} >= TABLES
    assert {name for (name,) in sql(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'")} == {
        "audit_events_no_update", "audit_events_no_delete"}
    assert sql(db, "PRAGMA journal_mode") == [("wal",)]


def test_database_from_a_newer_station_is_refused_untouched(settings: Settings) -> None:
    Store.open(settings).close()
    conn = sqlite3.connect(settings.database_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()  # the last connection: the WAL is folded back into the file
    db = settings.database_file
    before = db.read_bytes()
    files_before = sorted(p.name for p in settings.data_dir.iterdir())

    for _ in range(2):  # the second try proves the station lock was given back
        with pytest.raises(StoreError, match="newer version of the station") as refused:
            Store.open(settings)
        assert not isinstance(refused.value, StationBusyError)
        assert "9999_from_the_future" in str(refused.value) and "untouched" in str(refused.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in settings.data_dir.iterdir()) == files_before  # no -wal left open, no backup
    assert sql(db, "SELECT version_num FROM alembic_version") == [("9999_from_the_future",)]


def test_opening_an_up_to_date_database_makes_no_backup(settings: Settings) -> None:
    with Store.open(settings):
        pass
    with Store.open(settings):
        pass
    assert not list(settings.data_dir.glob("station.db.before-*"))


def test_upgrading_an_older_database_keeps_a_backup(settings: Settings) -> None:
    """With more than one revision, an older database is copied aside before it is upgraded."""
    revisions = list(ScriptDirectory.from_config(_alembic_config()).walk_revisions())
    if len(revisions) < 2:
        # one revision only: there is no older schema to upgrade from; a brand-new file gets no backup
        assert revisions[0].revision == head_revision() and revisions[0].down_revision is None
        Store.open(settings).close()
        assert not list(settings.data_dir.glob("station.db.before-*"))
        return
    older = revisions[1].revision  # walk_revisions goes from the head down
    settings.data_dir.mkdir(parents=True)
    engine = create_engine(settings.db_url)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, older)
    engine.dispose()
    with Store.open(settings):
        pass
    backup = settings.data_dir / f"station.db.before-{older}"
    assert backup.exists()
    assert sql(backup, "SELECT version_num FROM alembic_version") == [(older,)]
    assert sql(settings.database_file, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


def test_a_second_process_is_refused_while_the_first_holds_the_folder(settings: Settings) -> None:
    first = Store.open(settings)
    child = subprocess.Popen([sys.executable, str(CHILD), "lock", str(settings.data_dir)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdin is not None
        line = child.stdout.readline().strip()
        assert line.startswith("refused StationBusyError: Another station process is using"), (
            line + child.stderr.read())  # type: ignore[union-attr]
        assert str(settings.data_dir) in line and f"pid {os.getpid()}" in line
        assert "--data-dir" in line and "nothing was changed" in line
        first.close()
        child.stdin.write("go on\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "opened"
        assert child.wait(timeout=30) == 0
    finally:
        first.close()
        if child.poll() is None:
            child.kill()
            child.wait()
    with Store.open(settings):  # and the child let go again
        pass


def test_a_second_store_in_this_process_is_refused_too(settings: Settings) -> None:
    with Store.open(settings):
        with pytest.raises(StationBusyError, match="Another station process"):
            Store.open(settings)
        with Store.open(settings, exclusive=False) as reader:  # what `audit verify` uses
            assert reader.integrity() == (True, "ok")


def test_full_disk_loses_nothing_and_the_step_can_be_saved_later(store: Store, session: OfficerSession,
                                                                 admin: SignedIn, clock: FakeClock) -> None:
    visit = Visit.start(store, session)
    f.drive(visit, until=Step.FACE)
    card = visit.output(Step.ID_CARD)
    events_before = [e.hash for e in store.audit_events(visit.case_id)]
    with store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()
    limit = {"max_page_count": pages + 4}  # a few pages free: far too few for the picture below

    def small_disk(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        if limit["max_page_count"]:
            dbapi_conn.execute(f"PRAGMA max_page_count = {limit['max_page_count']}")

    event.listen(store.engine, "connect", small_disk)
    store.engine.dispose()  # the pooled connections come back with the limit
    big = replace(f.face_match(), live_image=b"\xff\xd8" + os.urandom(1_000_000))
    with pytest.raises(DiskFullError, match="disk is full.*not saved.*last saved step"):
        visit.submit_face(big)

    assert visit.current_step is Step.FACE
    assert store.case_state(visit.case_id).step == "face"
    assert visit.step_state(Step.FACE) == "pending"
    assert visit.output(Step.ID_CARD) == card  # nothing lost
    assert [e.hash for e in store.audit_events(visit.case_id)] == events_before
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM face_checks")).scalar() == 0
    assert store.integrity() == (True, "ok")
    assert all(r.ok for r in store.verify_audit())

    limit["max_page_count"] = 0  # space was freed
    store.engine.dispose()
    outcome = visit.submit_face(big)
    assert outcome.accepted and outcome.next_step is Step.ACCOUNT
    assert visit.output(Step.FACE) == big
    f.drive(visit)
    assert visit.is_done and all(r.ok for r in store.verify_audit())
