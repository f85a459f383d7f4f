"""The station and its visits: opening the case store, an officer's session on the station clock, and a
visit started or resumed in it. Both front ends open their visits here, so the idle lock and the clock
are the same whichever one the officer uses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from station.config import Settings
from station.core.models import DocumentRecord, SignedSet
from station.core.session import OfficerSession
from station.core.visit import Step, Visit, VisitError

if TYPE_CHECKING:
    from station.store.cases import Store
    from station.store.officers import SignedIn


def open_store(settings: Settings, *, exclusive: bool = True) -> Store:
    """The station's case store (``exclusive``: the one process that writes to this data folder)."""
    from station.store.cases import Store

    return Store.open(settings, exclusive=exclusive)


def session_for(store: Store, settings: Settings, signed: SignedIn) -> OfficerSession:
    """A signed-in officer's session, locking after the settings' idle minutes on the station clock."""
    return OfficerSession(signed, timedelta(minutes=settings.security.idle_lock_minutes), store.clock)


def start_visit(store: Store, session: OfficerSession) -> Visit:
    """A new case, its sign-in step done by the session's officer."""
    return Visit.start(store, session)


def resume_visit(store: Store, session: OfficerSession, case_id: str) -> Visit:
    """An interrupted or finished case, at its step (the resumption is recorded)."""
    return Visit.resume(store, session, case_id)


def hand_out(visit: Visit, folder: Path) -> dict[Path, DocumentRecord]:
    """Write a finished case's signed PDFs into ``folder`` for the borrower and the file (recorded in the
    case); refused while the case is not done."""
    from station.operations.documents import write_signed

    signed = visit.output(Step.SIGNATURE)
    if not visit.is_done or not isinstance(signed, SignedSet):
        raise VisitError("case-not-finished")
    files = dict(write_signed([d for d in signed.documents if d.signed], folder))
    visit.store.add_event(visit.session.officer, visit.case_id, "documents.handed_out", "ok",  # type: ignore[arg-type]
                          {"files": [p.name for p in files], "folder": str(folder)})
    return files
