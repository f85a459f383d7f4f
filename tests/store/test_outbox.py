"""The sync outbox on disk: one sealed, encrypted bundle per finished case, written once, named after the case."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import factories as f
import pytest
from conftest import FakeClock

from station.core.session import OfficerSession
from station.core.visit import Visit
from station.pki.demo import DemoPki
from station.signing.seal import BankSeal
from station.store.cases import Store
from station.store.officers import SignedIn
from station.store.outbox import bundle_name, write_outbox

from .bundle_support import branch, hashes_match, open_with_pyca, seal

__all__ = ["branch", "seal"]  # fixtures


def finish(session: OfficerSession, store: Store, **inputs: object) -> str:
    visit = Visit.start(store, session)
    f.drive(visit, inputs=inputs)
    return visit.case_id


def untimed_signatures() -> object:
    """Signed without a timestamp (the TSA was out of reach): the case also waits for a PAdES upgrade."""
    signed = f.signed_set(level="B-B")
    return replace(signed, documents=[replace(d, awaiting_upgrade=True) for d in signed.documents])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_each_finished_case_is_written_once(store: Store, session: OfficerSession, admin: SignedIn,
                                            clock: FakeClock, branch: DemoPki, seal: BankSeal) -> None:
    first = finish(session, store)
    clock.advance(minutes=3)
    second = finish(session, store, signature=untimed_signatures())
    f.drive(Visit.start(store, session), until="loan")  # still open: not in the outbox
    queued = {e.case_id: e.created_at for e in store.outbox(kind="case")}
    assert set(queued) == {first, second}

    reports = write_outbox(store, admin, branch.branch_sync_cert(), seal)
    folder = store.settings.outbox_dir
    assert [r.case_id for r in reports] == [first, second]
    assert sorted(p.name for p in folder.iterdir()) == sorted(bundle_name(c, t) for c, t in queued.items())
    for report in reports:
        assert report.path.parent == folder
        assert re.fullmatch(r"[0-9A-F]{8}-\d{8}T\d{6}Z\.p7m", report.path.name)
        opened = open_with_pyca(report.path, branch)
        assert opened.manifest["case"]["id"] == report.case_id and hashes_match(opened)
        event = store.audit_events(report.case_id)[-1]
        assert event.action == "sync.outbox" and report.path.name in event.figures
    assert all(r.ok for r in store.verify_audit())

    assert store.outbox(kind="case") == []
    written = store.outbox(pending=False, kind="case")
    assert [(e.bundle, e.written_at) for e in written] == [(r.path.name, clock.now) for r in reports]
    assert [e.case_id for e in store.outbox(kind="pades_upgrade")] == [second]  # for `station sign upgrade`

    before, events = snapshot(folder), [len(store.audit_events(c)) for c in (first, second)]
    assert write_outbox(store, admin, branch.branch_sync_cert(), seal) == []
    assert snapshot(folder) == before and [len(store.audit_events(c)) for c in (first, second)] == events


def test_a_run_cut_short_rewrites_the_same_file(store: Store, session: OfficerSession, admin: SignedIn,
                                               branch: DemoPki, seal: BankSeal,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The station dies between writing a bundle and marking it written: the next run replaces that file."""
    case_id = finish(session, store)

    def power_cut(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "mark_written", power_cut)
    with pytest.raises(KeyboardInterrupt):
        write_outbox(store, admin, branch.branch_sync_cert(), seal)
    monkeypatch.undo()
    folder = store.settings.outbox_dir
    (left,) = folder.iterdir()
    assert [e.case_id for e in store.outbox(kind="case")] == [case_id]

    (report,) = write_outbox(store, admin, branch.branch_sync_cert(), seal)
    assert report.path == left and [p.name for p in folder.iterdir()] == [left.name]
    assert store.outbox(kind="case") == []


def test_the_outbox_shows_masked_names_to_an_officer_only(store: Store, session: OfficerSession,
                                                         admin: SignedIn) -> None:
    case_id = finish(session, store)
    (anonymous,) = store.outbox()
    (signed,) = store.outbox(admin)
    assert anonymous.case_id == signed.case_id == case_id and anonymous.kind == "case"
    assert anonymous.customer == "-" and signed.customer == "王**"
    assert anonymous.written_at is None and anonymous.bundle is None


def test_bundle_names_use_the_reference_and_utc() -> None:
    queued = datetime(2026, 11, 23, 17, 5, 9, tzinfo=timezone(timedelta(hours=8)))
    assert bundle_name("1a2b3c4d-0000-4000-8000-000000000000", queued) == "1A2B3C4D-20261123T090509Z.p7m"
    assert bundle_name("1a2b3c4d-0000-4000-8000-000000000000", queued.astimezone(UTC)) == \
        "1A2B3C4D-20261123T090509Z.p7m"
