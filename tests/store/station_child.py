"""A second station process for the tests that need a real one (run with ``sys.executable``).

Modes (the first argument):

``lock DATA_DIR``
    Open the store exclusively and say how it went; wait for a line on stdin; try again; close.
``numbers DATA_DIR CASES_FILE GO_FILE``
    Open the store without the station lock, wait until GO_FILE exists, then reserve an account and a
    card sequence for every case id in CASES_FILE (one per line); print one JSON line per case.
``crash-step DATA_DIR OFFICER PIN STEP``
    Sign in, start a visit and drive it; while the STEP is being saved (its rows flushed, the commit
    about to be sent) the process kills itself with SIGKILL. Prints ``case <id>`` and ``done <step>``.
``crash-loop DATA_DIR OFFICER PIN``
    Sign in, print ``ready``, then drive visits one after the other until killed from outside,
    printing ``done <case> <step>`` after every committed step.

Only the test side is here: SQLAlchemy event listeners watch the store; nothing in it is replaced.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for factories

import factories as f  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from station.config import load_settings  # noqa: E402
from station.core.session import OfficerSession  # noqa: E402
from station.core.visit import ORDER, Step, Visit  # noqa: E402
from station.errors import StationError  # noqa: E402
from station.store.cases import Store  # noqa: E402
from station.store.schema import CaseStep  # noqa: E402


def say(*parts: object) -> None:
    print(*parts, flush=True)


def mode_lock(data_dir: str) -> int:
    settings = load_settings(data_dir=Path(data_dir))
    for attempt in range(2):
        try:
            store = Store.open(settings)
        except StationError as exc:
            say(f"refused {type(exc).__name__}: {exc}")
        else:
            say("opened")
            store.close()
        if attempt == 0:
            sys.stdin.readline()
    return 0


def mode_numbers(data_dir: str, cases_file: str, go_file: str) -> int:
    settings = load_settings(data_dir=Path(data_dir))
    cases = Path(cases_file).read_text(encoding="utf-8").split()
    with Store.open(settings, exclusive=False) as store:
        say("ready")
        while not Path(go_file).exists():
            time.sleep(0.01)
        for case_id in cases:
            account = store.reserve_sequence(case_id, "account")
            card = store.reserve_sequence(case_id, "card")
            again = store.reserve_sequence(case_id, "account")
            say(json.dumps({"case": case_id, "account": account, "card": card, "again": again}))
    return 0


def _visit(data_dir: str, officer: str, pin: str) -> tuple[Store, OfficerSession]:
    store = Store.open(load_settings(data_dir=Path(data_dir)))
    signed = store.officers.sign_in(officer, pin)
    return store, OfficerSession(signed, timedelta(hours=1))


def mode_crash_step(data_dir: str, officer: str, pin: str, step: str) -> int:
    store, session = _visit(data_dir, officer, pin)
    armed = False

    def watch_flush(db_session: Session, _context: object) -> None:
        # after_flush still sees what this flush wrote as new/dirty: the step being marked done
        nonlocal armed
        for obj in (*db_session.new, *db_session.dirty):
            if isinstance(obj, CaseStep) and obj.step == step and obj.state == "done":
                armed = True

    def kill_before_commit(_conn: object) -> None:
        if armed:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Session, "after_flush", watch_flush)
    event.listen(store.engine, "commit", kill_before_commit)
    visit = Visit.start(store, session)
    say("case", visit.case_id)
    for current in ORDER[1:-1]:
        getattr(visit, f"submit_{current}")(f.default_input(current))
        say("done", current.value)
    say("not killed")
    return 3


def mode_crash_loop(data_dir: str, officer: str, pin: str) -> int:
    store, session = _visit(data_dir, officer, pin)
    say("ready")
    while True:
        visit = Visit.start(store, session)
        say("done", visit.case_id, Step.SIGN_IN.value)
        while not visit.is_done:
            step = visit.current_step
            outcome = getattr(visit, f"submit_{step}")(f.default_input(step))
            assert outcome.accepted
            say("done", visit.case_id, step.value)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    sys.exit({"lock": mode_lock, "numbers": mode_numbers, "crash-step": mode_crash_step,
              "crash-loop": mode_crash_loop}[mode](*args))
