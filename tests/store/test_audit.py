"""The audit trail: a finished case's chain verifies; every way of tampering with the raw file shows."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import factories as f
import pytest
from conftest import ADMIN_ID, ADMIN_PIN, FakeClock

from station.config import Settings, load_settings
from station.core.session import OfficerSession
from station.core.visit import Visit
from station.store.audit import GENESIS, STATION_CHAIN, event_hash
from station.store.cases import Store

CASE_ACTIONS = ["visit.start", "id_card.done", "face.done", "account.done", "loan.done", "documents.done",
                "signature.done", "visit.done"]


@dataclass(frozen=True)
class Template:
    database: Path
    case_id: str


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """One finished case, built once; every test tampers with its own copy of the file."""
    root = tmp_path_factory.mktemp("audit-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STATION_CONFIG", str(root / "settings.toml"))
        settings = load_settings(data_dir=root / "data")
        clock = FakeClock()
        with Store.open(settings, clock=clock) as store:
            admin = store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
            visit = Visit.start(store, OfficerSession(admin, timedelta(minutes=5), clock))
            f.drive(visit)
    return Template(settings.database_file, visit.case_id)


@pytest.fixture
def db(template: Template, settings: Settings) -> Path:
    settings.data_dir.mkdir(parents=True)
    shutil.copy2(template.database, settings.database_file)
    return settings.database_file


def raw(db: Path, *statements: str | tuple[str, tuple], drop_triggers: bool = True) -> None:
    """Change the file the way someone with the laptop and sqlite3 could."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN")
        if drop_triggers:
            conn.execute("DROP TRIGGER audit_events_no_update")
            conn.execute("DROP TRIGGER audit_events_no_delete")
        for statement in statements:
            query, params = statement if isinstance(statement, tuple) else (statement, ())
            conn.execute(query, params)
        conn.execute("COMMIT")
    finally:
        conn.close()


def event_row(db: Path, chain: str, seq: int) -> dict[str, object]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM audit_events WHERE chain = ? AND seq = ?", (chain, seq)).fetchone())
    finally:
        conn.close()


def problems(settings: Settings, chain: str) -> list[str]:
    with Store.open(settings) as store:
        reports = {r.chain: r for r in store.verify_audit()}
        assert reports[STATION_CHAIN].ok  # the station's own chain was not touched
        (single,) = store.verify_audit(chain)
        assert single.problems == reports[chain].problems
        return reports[chain].problems


def test_a_finished_case_verifies(db: Path, settings: Settings, template: Template) -> None:
    with Store.open(settings) as store:
        reports = {r.chain: r for r in store.verify_audit()}
        assert set(reports) == {template.case_id, STATION_CHAIN}
        assert all(r.ok for r in reports.values())
        assert reports[template.case_id].events == len(CASE_ACTIONS)
        events = store.audit_events(template.case_id)
    assert [e.action for e in events] == CASE_ACTIONS
    assert events[0].prev_hash == GENESIS
    assert all(e.prev_hash == p.hash for p, e in pairwise(events))
    assert all(e.actor == ADMIN_ID and e.result == "ok" for e in events)


def test_the_database_refuses_update_and_delete_of_events(db: Path, template: Template,
                                                         settings: Settings) -> None:
    for statement in (f"UPDATE audit_events SET result = 'fail' WHERE chain = '{template.case_id}' AND seq = 5",
                      f"DELETE FROM audit_events WHERE chain = '{template.case_id}' AND seq = 8",
                      "DELETE FROM audit_events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw(db, statement, drop_triggers=False)
    assert problems(settings, template.case_id) == []


def _forged(db: Path, chain: str, seq: int, prev_hash: str, action: str = "loan.done") -> tuple[str, tuple]:
    """A well-formed event with a correct hash of its own, as a forger with the source code makes it."""
    at, figures = "2026-11-23T09:00:00.000000+00:00", json.dumps({"amount": "500000"}, separators=(",", ":"))
    digest = event_hash(chain, seq, at, ADMIN_ID, action, "ok", figures, prev_hash)
    return ("INSERT INTO audit_events (chain, seq, at, actor, action, result, figures, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (chain, seq, at, ADMIN_ID, action, "ok", figures, prev_hash, digest))


def _edit_figures(db: Path, c: str) -> list:
    return [f"UPDATE audit_events SET figures = replace(figures, '\"amount\":\"100000\"', '\"amount\":\"90000\"') "
            f"WHERE chain = '{c}' AND seq = 5"]


def _edit_result(db: Path, c: str) -> list:
    return [f"UPDATE audit_events SET result = 'ok', actor = 'clerk99' WHERE chain = '{c}' AND seq = 3"]


def _delete_middle(db: Path, c: str) -> list:
    return [f"DELETE FROM audit_events WHERE chain = '{c}' AND seq = 3"]


def _cut_tail(db: Path, c: str) -> list:
    return [f"DELETE FROM audit_events WHERE chain = '{c}' AND seq >= 7"]


def _delete_all(db: Path, c: str) -> list:
    return [f"DELETE FROM audit_events WHERE chain = '{c}'"]


def _swap_seq(db: Path, c: str) -> list:
    return [f"UPDATE audit_events SET seq = -1 WHERE chain = '{c}' AND seq = 3",
            f"UPDATE audit_events SET seq = 3 WHERE chain = '{c}' AND seq = 4",
            f"UPDATE audit_events SET seq = 4 WHERE chain = '{c}' AND seq = -1"]


def _swap_contents(db: Path, c: str) -> list:
    third, fourth = event_row(db, c, 3), event_row(db, c, 4)
    columns = ("at", "actor", "action", "result", "figures", "prev_hash", "hash")
    assign = ", ".join(f"{col} = ?" for col in columns)
    return [(f"UPDATE audit_events SET {assign} WHERE chain = ? AND seq = ?", (*(src[k] for k in columns), c, seq))
            for src, seq in ((fourth, 3), (third, 4))]


def _forge_at_end(db: Path, c: str) -> list:
    return [_forged(db, c, 9, str(event_row(db, c, 8)["hash"]), "visit.reopen")]


def _forge_in_middle(db: Path, c: str) -> list:
    shift = [f"UPDATE audit_events SET seq = -seq WHERE chain = '{c}' AND seq >= 4",
             f"UPDATE audit_events SET seq = 1 - seq WHERE chain = '{c}' AND seq < 0"]  # 4..8 -> 5..9
    return [*shift, _forged(db, c, 4, str(event_row(db, c, 3)["hash"]))]


def _forge_chain(db: Path, c: str) -> list:
    return [_forged(db, "00000000-0000-0000-0000-000000000000", 1, GENESIS, "visit.start")]


TAMPERING: dict[str, tuple[Callable[[Path, str], list], str, str]] = {
    # name: (how, which chain, a problem that must be reported)
    "edited figures": (_edit_figures, "case", r"event 5 \(loan\.done\) was changed"),
    "edited actor": (_edit_result, "case", r"event 3 \(face\.done\) was changed"),
    "deleted middle event": (_delete_middle, "case", r"event 3 is missing"),
    "cut tail": (_cut_tail, "case", r"ends at event 6 but its head says 8: events were removed"),
    "all events deleted": (_delete_all, "case", r"ends at event 0 but its head says 8"),
    "swapped seq": (_swap_seq, "case", r"event 3 (does not follow|\(account\.done\) was changed)"),
    "swapped contents": (_swap_contents, "case", r"event 3 \(account\.done\) was changed"),
    "forged event at the end": (_forge_at_end, "case", r"ends at event 9 but its head says 8: events were added"),
    "forged event in the middle": (_forge_in_middle, "case", r"event 5 does not follow"),
    "forged chain": (_forge_chain, "forged", r"no head record"),
}


@pytest.mark.parametrize("how", TAMPERING, ids=list(TAMPERING))
def test_tampering_is_detected(db: Path, settings: Settings, template: Template, how: str) -> None:
    tamper, which, expected = TAMPERING[how]
    chain = template.case_id if which == "case" else "00000000-0000-0000-0000-000000000000"
    raw(db, *tamper(db, template.case_id))
    found = problems(settings, chain)
    assert found, f"{how} went unnoticed"
    assert any(re.search(expected, p) for p in found), found


def test_swapped_seq_is_also_reported_as_out_of_order(db: Path, settings: Settings, template: Template) -> None:
    raw(db, *_swap_seq(db, template.case_id))
    assert "events were stored out of order" in problems(settings, template.case_id)


# --- the command line ------------------------------------------------------------------------

def station_command() -> list[str]:
    script = Path(sys.executable).with_name("station")
    return [str(script)] if script.exists() else ["uv", "run", "station"]


def test_cli_audit_verify_exits_non_zero_on_a_tampered_database(db: Path, settings: Settings,
                                                               template: Template) -> None:
    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run([*station_command(), "--data-dir", str(settings.data_dir), "audit", "verify"],
                              capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})

    clean = verify()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert template.case_id in clean.stdout and "BROKEN" not in clean.stdout

    raw(db, *_edit_figures(db, template.case_id))
    tampered = verify()
    assert tampered.returncode != 0, tampered.stdout + tampered.stderr
    assert "BROKEN" in tampered.stdout and "event 5 (loan.done) was changed" in tampered.stdout
