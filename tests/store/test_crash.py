"""Crash safety: a station process killed with SIGKILL while saving leaves a consistent database, and the
case resumes at its last completed step.

The child process (tests/store/station_child.py) is the real station code; only SQLAlchemy event listeners
are added on the test side to pick the moment of the kill.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import factories as f
import pytest
from conftest import ADMIN_ID, ADMIN_PIN
from sqlalchemy import text

from station.config import Settings, load_settings
from station.core.accounts import compose
from station.core.models import AccountOpened
from station.core.session import OfficerSession
from station.core.visit import ORDER, Step, Visit
from station.store.cases import Store
from station.store.officers import SignedIn

CHILD = Path(__file__).resolve().parent / "station_child.py"
STEPS = [s for s in ORDER if s not in (Step.SIGN_IN, Step.DONE)]
# the rows each step writes: (table, rows expected once the step is done)
STEP_ROWS = {
    Step.ID_CARD: [("id_card_reads", 1)],
    Step.FACE: [("face_checks", 1)],
    Step.ACCOUNT: [("accounts", 1)],
    Step.LOAN: [("loans", 1)],
    Step.DOCUMENTS: [("documents", 4)],
    Step.SIGNATURE: [("signatures", 1), ("outbox", 1)],
}


@dataclass(frozen=True)
class Template:
    data_dir: Path
    admin: SignedIn  # opens the template's data: copies share its master key


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A station with its admin, made once (Argon2 is slow on purpose); each test works on a copy."""
    root = tmp_path_factory.mktemp("crash-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STATION_CONFIG", str(root / "settings.toml"))
        settings = load_settings(data_dir=root / "data")
        with Store.open(settings) as store:
            admin = store.officers.bootstrap(ADMIN_ID, "管理员", ADMIN_PIN)
    return Template(settings.data_dir, admin)


@pytest.fixture
def station(template: Template, settings: Settings) -> Settings:
    shutil.copytree(template.data_dir, settings.data_dir)
    return settings


def run_child(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True, timeout=timeout)


def scalar(store: Store, query: str, **params: object) -> object:
    with store.engine.connect() as conn:
        return conn.execute(text(query), params).scalar()


def assert_consistent(store: Store) -> dict[str, str]:
    """The whole database is sound; every case is exactly at its first step not done. Returns case -> step."""
    assert store.integrity() == (True, "ok")
    broken = [(r.chain, r.problems) for r in store.verify_audit() if not r.ok]
    assert not broken, broken
    with store.engine.connect() as conn:
        cases = conn.execute(text("SELECT id, step, status, customer_id FROM cases")).fetchall()
        issued = conn.execute(text("SELECT kind, sequence, case_id FROM issued_numbers")).fetchall()
    for kind in ("account", "card"):
        sequences = sorted(seq for k, seq, _ in issued if k == kind)
        assert sequences == list(range(1, len(sequences) + 1)), f"{kind} numbers skipped or repeated"
    result = {}
    for case_id, step, status, customer_id in cases:
        state = store.case_state(case_id)
        done = [Step(s) for s, r in state.steps.items() if r.state == "done"]
        at = ORDER.index(Step(step))
        assert sorted(done, key=ORDER.index) == list(ORDER[:at]), (case_id, step, done)
        assert (status == "done") == (step == "done")
        actions = [e.action for e in store.audit_events(case_id) if e.action != "visit.resume"]
        assert actions == ["visit.start", *(f"{s}.done" for s in ORDER[1:at])] + (
            ["visit.done"] if status == "done" else [])
        assert (customer_id is not None) == (Step.ID_CARD in done)
        for s, tables in STEP_ROWS.items():
            for table, n in tables:
                rows = scalar(store, f"SELECT count(*) FROM {table} WHERE case_id = :c", c=case_id)
                assert rows == (n if s in done else 0), (case_id, step, table, rows)
        signed = scalar(store, "SELECT count(*) FROM documents WHERE case_id = :c AND signed", c=case_id)
        assert signed == (4 if Step.SIGNATURE in done else 0)
        mine = {k: seq for k, seq, c in issued if c == case_id}
        assert len([1 for _, _, c in issued if c == case_id]) == len(mine)  # one number per kind and case
        if Step.ACCOUNT in done:
            assert set(mine) == {"account", "card"}
        elif mine:  # reserved in the moment before the account step was saved: only the current case
            assert step == "account", (case_id, step, mine)
        result[case_id] = step
    return result


def finish(store: Store, admin: SignedIn, case_id: str) -> Visit:
    visit = Visit.resume(store, OfficerSession(admin, timedelta(hours=1)), case_id)
    f.drive(visit)
    assert visit.is_done
    return visit


@pytest.mark.parametrize("step", STEPS, ids=[s.value for s in STEPS])
def test_kill_while_saving_a_step(station: Settings, template: Template, step: Step) -> None:
    child = run_child("crash-step", str(station.data_dir), ADMIN_ID, ADMIN_PIN, step.value)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    lines = child.stdout.splitlines()
    case_id = lines[0].split()[1]
    before = STEPS[:STEPS.index(step)]
    assert lines[1:] == [f"done {s}" for s in before]  # it died in the step, not before

    with Store.open(station) as store:
        assert assert_consistent(store) == {case_id: step.value}
        state = store.case_state(case_id)
        assert state.status == "open" and step.value not in state.steps
        last = store.audit_events(case_id)[-1].action
        assert last == (f"{before[-1]}.done" if before else "visit.start")
        with store.engine.connect() as conn:
            numbers = dict(conn.execute(text("SELECT kind, sequence FROM issued_numbers WHERE case_id = :c"),
                                        {"c": case_id}).all())

        visit = Visit.resume(store, OfficerSession(template.admin, timedelta(hours=1)), case_id)
        assert visit.current_step is step
        assert store.audit_events(case_id)[-1].action == "visit.resume"
        f.drive(visit)
        assert visit.is_done
        opened = visit.output(Step.ACCOUNT)
        assert isinstance(opened, AccountOpened)
        if step is Step.ACCOUNT:  # the numbers reserved before the kill are the ones the account got
            b = store.settings.bank
            assert numbers == {"account": 1, "card": 1}
            assert opened.account_number == compose(b.account_prefix, b.branch_code, b.station_number, 1,
                                                    b.account_length)
            assert opened.card_number == compose(b.card_bin, b.branch_code, b.station_number, 1, b.card_length)
        assert assert_consistent(store) == {case_id: "done"}


def test_kill_at_random_moments(station: Settings, template: Template) -> None:
    """Kill a station that saves steps as fast as it can, at a random moment, several times over."""
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    committed: dict[str, str] = {}  # what the child saw committed: case -> last step
    for round_ in range(5):
        child = subprocess.Popen([sys.executable, str(CHILD), "crash-loop", str(station.data_dir), ADMIN_ID,
                                  ADMIN_PIN], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]
            time.sleep(rng.uniform(0.05, 0.6))
            child.send_signal(signal.SIGKILL)
            out, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL, err
        for line in out.splitlines(keepends=True):
            if not line.endswith("\n"):  # killed while writing this report: it never reached us whole
                continue
            _, case_id, step = line.split()
            committed[case_id] = step

        with Store.open(station) as store:
            where = assert_consistent(store)
            for case_id, step in committed.items():  # nothing reported as saved was lost
                at = ORDER.index(Step(where[case_id]))
                assert at > ORDER.index(Step(step)) or where[case_id] == "done", (seed, round_, case_id)
            open_cases = [c for c, s in where.items() if s != "done"]
            assert len(open_cases) <= 1, (seed, open_cases)  # the one it was working on
            for case_id in open_cases:
                visit = finish(store, template.admin, case_id)
                committed[case_id] = "done"
                assert visit.is_done
            assert all(s == "done" for s in assert_consistent(store).values())
    assert len(committed) >= 5, f"the child saved too little to test anything (seed {seed})"
