"""Opening the case store: one process at a time, migrations on start, SQLite tuned for crash safety.

SQLite runs in WAL mode with ``synchronous=FULL``: a committed step survives a crash or a power cut,
an interrupted one leaves no trace. Every step of a visit is written in one transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from station.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config


class DiskFullError(StoreError):
    """The disk filled up; the transaction was rolled back and nothing was lost."""


class StationBusyError(StoreError):
    """Another station process holds this data folder."""


SCHEMA_HEAD = "0001"
"""The newest migration's revision (a test checks that Alembic agrees): a database already at it opens
without importing Alembic, which costs a third of a second at every start."""


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "station.store:migrations")
    return cfg


def head_revision() -> str:
    """The newest schema revision this station knows, as Alembic reads the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def create_store_engine(url: str) -> Engine:
    """An engine with the pragmas the station relies on (WAL, full sync, foreign keys, busy wait).

    On SQLite every write transaction begins IMMEDIATE: writers queue for the lock up front instead
    of failing half-way when two of them (number issuance from two threads, say) upgrade at once.
    Connections from :func:`reader` begin a plain (deferred) transaction and never block writers.
    """
    engine = create_engine(url, connect_args={"timeout": 10} if url.startswith("sqlite") else {})
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
            dbapi_conn.isolation_level = None  # the driver must not open transactions on its own
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(_READ_ONLY) else "BEGIN IMMEDIATE")

    return engine


_READ_ONLY = "station_read_only"


def reader(engine: Engine) -> Engine:
    """The same engine for reads: its transactions do not take SQLite's write lock."""
    return engine.execution_options(**{_READ_ONLY: True})


def migrate(engine: Engine, database_file: Path | None = None) -> str | None:
    """Bring the schema to this station's head; returns the revision it started from.

    A database written by a newer station is refused untouched. Before upgrading an existing
    database file, a copy is kept beside it (``station.db.before-<revision>``).
    """
    current = _stamped_revision(engine)
    if current == SCHEMA_HEAD:
        return current
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            "store-newer-schema", schema=str(current),
        )
    head = script.get_current_head()
    if current == head:
        return current
    if current is not None and database_file is not None and database_file.exists():
        _backup(engine, database_file, current)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return current


def _stamped_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, or None when it has none (a new database)."""
    with reader(engine).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _backup(engine: Engine, database_file: Path, revision: str) -> None:
    target = database_file.with_name(f"{database_file.name}.before-{revision}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    shutil.copy2(database_file, target)


class StationLock:
    """Holds the data folder for one station process; a second one gets a clear refusal."""

    def __init__(self, lock_file: Path) -> None:
        self.lock_file = lock_file
        self._lock = FileLock(str(lock_file), timeout=0)
        self._owner = lock_file.with_name(lock_file.name + ".owner")

    def acquire(self) -> None:
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout as exc:
            owner = self._owner.read_text(encoding="utf-8").strip() if self._owner.exists() else "unknown"
            raise StationBusyError(
                "store-busy", folder=str(self.lock_file.parent), owner=owner,
            ) from exc
        self._owner.write_text(f"pid {os.getpid()}, since {datetime.now():%Y-%m-%d %H:%M}", encoding="utf-8")

    def release(self) -> None:
        if self._lock.is_locked:
            self._owner.unlink(missing_ok=True)
            self._lock.release()


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLite's 'database or disk is full' and the OS's ENOSPC."""
    if isinstance(exc, OSError) and exc.errno == 28:
        return True
    original = getattr(exc, "orig", exc)
    return isinstance(original, sqlite3.OperationalError) and "full" in str(original).lower()


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One atomic write: commit on success, roll back on any error; a full disk says so."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException as exc:
        session.rollback()
        if is_disk_full(exc):
            raise DiskFullError(
                "store-disk-full",
            ) from exc
        raise
    finally:
        session.close()


def integrity_ok(engine: Engine) -> tuple[bool, str]:
    """SQLite's own integrity check and foreign-key check."""
    try:
        with engine.connect() as conn:
            result = conn.execute(text("PRAGMA integrity_check")).scalar()
            fk = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    except OperationalError as exc:
        return False, f"cannot read the database: {exc.orig}"
    if result != "ok":
        return False, str(result)
    if fk:
        return False, f"{len(fk)} broken references"
    return True, "ok"
