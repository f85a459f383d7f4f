"""Account and card numbers: Luhn-valid, from the configured prefix, never issued twice, even at once."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import factories as f
import pytest
from conftest import FakeClock
from sqlalchemy import text
from stdnum import luhn

from station.config import Settings, load_settings
from station.core.accounts import NumbersExhaustedError, compose, is_valid
from station.core.models import AccountOpened
from station.core.session import OfficerSession
from station.core.visit import Step, Visit
from station.store.cases import Store
from station.store.officers import SignedIn

CHILD = Path(__file__).resolve().parents[1] / "store" / "station_child.py"
BANK = {"card_bin": "621234", "card_length": 18, "account_prefix": "6688", "account_length": 17,
        "branch_code": "0420", "station_number": "07"}


@pytest.fixture
def bank_settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", bank=BANK)


@pytest.fixture
def bank_store(bank_settings: Settings, clock: FakeClock) -> Iterator[Store]:
    with Store.open(bank_settings, clock=clock) as opened:
        yield opened


def test_numbers_follow_the_bank_settings(bank_store: Store, clock: FakeClock) -> None:
    admin = bank_store.officers.bootstrap("admin01", "管理员", "246810")
    session = OfficerSession(admin, timedelta(minutes=5), clock)
    seen: set[str] = set()
    for n in range(1, 4):
        visit = Visit.start(bank_store, session)
        f.drive(visit, until=Step.LOAN)
        opened = visit.output(Step.ACCOUNT)
        assert isinstance(opened, AccountOpened)
        for number, prefix, length in ((opened.account_number, "6688", 17), (opened.card_number, "621234", 18)):
            assert luhn.is_valid(number) and is_valid(number)
            assert len(number) == length and number.isdigit()
            assert number.startswith(prefix)
            assert number[len(prefix):len(prefix) + 4] == "0420"  # branch
            assert number[len(prefix) + 4:len(prefix) + 6] == "07"  # station
            assert int(number[len(prefix) + 6:-1]) == n  # the sequence, then the check digit
            seen.add(number)
    assert len(seen) == 6


def test_compose() -> None:
    number = compose("629900", "0001", "01", 1, 19)
    assert number == "629900000101000001" + luhn.calc_check_digit("629900000101000001")
    assert luhn.is_valid(number) and not is_valid(number[:-1] + str((int(number[-1]) + 1) % 10))
    assert not is_valid("6299-0000") and not is_valid("")
    assert compose("6688", "0420", "07", 9999, 15).startswith("66880420079999")
    with pytest.raises(NumbersExhaustedError, match="new station number"):
        compose("6688", "0420", "07", 10_000, 15)  # 4 digits of sequence left: 9999 numbers
    with pytest.raises(NumbersExhaustedError):
        compose("6688", "0420", "07", 0, 15)
    with pytest.raises(ValueError, match="no room"):
        compose("66880", "0420", "07", 1, 14)


def test_exhausted_range_stops_the_account_step(tmp_path: Path, clock: FakeClock) -> None:
    settings = load_settings(data_dir=tmp_path / "data", bank={**BANK, "account_length": 15})
    with Store.open(settings, clock=clock) as store:
        admin = store.officers.bootstrap("admin01", "管理员", "246810")
        visit = Visit.start(store, OfficerSession(admin, timedelta(minutes=5), clock))
        f.drive(visit, until=Step.ACCOUNT)
        with store.engine.begin() as conn:  # as if this station had opened 9999 accounts already
            conn.execute(text("INSERT INTO issued_numbers (kind, sequence, issued_at) "
                              "VALUES ('account', 9999, '2026-01-01 00:00:00')"))
        with pytest.raises(NumbersExhaustedError, match="used all 9999 numbers"):
            visit.submit_account(f.account_request())
        assert visit.current_step is Step.ACCOUNT
        assert store.case_state(visit.case_id).step == "account"
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == 0


def test_reissue_for_the_same_case_returns_the_same_sequence(store: Store, admin: SignedIn) -> None:
    first = store.create_case(admin, "sign_in", "id_card")
    second = store.create_case(admin, "sign_in", "id_card")
    assert store.reserve_sequence(first, "account") == 1
    assert store.reserve_sequence(first, "account") == 1
    assert store.reserve_sequence(second, "account") == 2
    assert store.reserve_sequence(first, "card") == 1  # each kind counts on its own
    assert store.reserve_sequence(first, "account") == 1
    assert store.reserve_sequence(second, "card") == 2


THREADS, PROCESSES, PER_WORKER = 4, 3, 12


def test_concurrent_issuance_never_duplicates(store: Store, admin: SignedIn, settings: Settings,
                                             tmp_path: Path) -> None:
    """4 threads of this process and 3 other processes reserve numbers at the same moment."""
    workers = [[store.create_case(admin, "sign_in", "id_card") for _ in range(PER_WORKER)]
               for _ in range(THREADS + PROCESSES)]
    go = tmp_path / "go"
    children = []
    for i, cases in enumerate(workers[THREADS:]):
        cases_file = tmp_path / f"cases-{i}.txt"
        cases_file.write_text("\n".join(cases), encoding="utf-8")
        children.append(subprocess.Popen(
            [sys.executable, str(CHILD), "numbers", str(settings.data_dir), str(cases_file), str(go)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    try:
        for child in children:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready", child.stderr.read()  # type: ignore[union-attr]

        issued: dict[str, dict[str, int]] = {}
        errors: list[BaseException] = []
        start = threading.Barrier(THREADS)

        def work(cases: list[str]) -> None:
            try:
                start.wait()
                for case_id in cases:
                    account = store.reserve_sequence(case_id, "account")
                    card = store.reserve_sequence(case_id, "card")
                    assert store.reserve_sequence(case_id, "account") == account
                    issued[case_id] = {"account": account, "card": card}
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(cases,)) for cases in workers[:THREADS]]
        go.touch()
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0, err
            for line in out.splitlines():
                row = json.loads(line)
                assert row["again"] == row["account"]
                issued[row["case"]] = {"account": row["account"], "card": row["card"]}
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    total = (THREADS + PROCESSES) * PER_WORKER
    spans = [(min(issued[c]["account"] for c in cases), max(issued[c]["account"] for c in cases))
             for cases in workers]
    interleaved = sum(any(lo < o_hi and o_lo < hi for o_lo, o_hi in spans[:i] + spans[i + 1:])
                      for i, (lo, hi) in enumerate(spans))
    assert interleaved >= 2, f"the workers did not run at the same time: {spans}"
    assert len(issued) == total
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT kind, sequence, case_id FROM issued_numbers")).fetchall()
    assert len(stored) == 2 * total
    b = store.settings.bank
    for kind, prefix, length in (("account", b.account_prefix, b.account_length),
                                 ("card", b.card_bin, b.card_length)):
        sequences = sorted(seq for k, seq, _ in stored if k == kind)
        assert sequences == list(range(1, total + 1))  # no duplicate, no gap
        assert {case: seq for k, seq, case in stored if k == kind} == {c: v[kind] for c, v in issued.items()}
        numbers = {compose(prefix, b.branch_code, b.station_number, seq, length) for seq in sequences}
        assert len(numbers) == total and all(is_valid(n) for n in numbers)

