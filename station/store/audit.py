"""The audit trail: an append-only, hash-chained log per case (and one for the station itself).

Each event's hash covers its chain, position, time, actor, action, result, figures and the previous
event's hash; the head of each chain (last position and hash) is kept beside it and moved in the same
transaction. So an edited event breaks its own hash, a deleted or reordered one breaks the links, and a
cut tail disagrees with the head. The database refuses UPDATE and DELETE on events outright.
Figures must hold no personal data: pass masked values only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.store.schema import AuditEvent, AuditHead

GENESIS = "0" * 64
STATION_CHAIN = "station"


def canonical_json(figures: Mapping[str, Any]) -> str:
    return json.dumps(figures, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(
    chain: str, seq: int, at: str, actor: str, action: str, result: str, figures: str, prev_hash: str
) -> str:
    """SHA-256 over the event's fields in a fixed, unambiguous encoding."""
    payload = json.dumps(
        [chain, seq, at, actor, action, result, figures, prev_hash], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    session: Session,
    chain: str,
    actor: str,
    action: str,
    result: str,
    figures: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add an event at the end of ``chain`` inside the caller's transaction."""
    head = session.get(AuditHead, chain)
    seq = head.seq + 1 if head else 1
    prev = head.hash if head else GENESIS
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    body = canonical_json(figures or {})
    digest = event_hash(chain, seq, when, actor, action, result, body, prev)
    event = AuditEvent(
        chain=chain, seq=seq, at=when, actor=actor, action=action, result=result,
        figures=body, prev_hash=prev, hash=digest,
    )
    session.add(event)
    if head is None:
        session.add(AuditHead(chain=chain, seq=seq, hash=digest))
    else:
        head.seq, head.hash = seq, digest
    session.flush()
    return event


@dataclass
class ChainReport:
    """What verifying one chain found."""

    chain: str
    events: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ChainedEvent(Protocol):
    """An audit event's fields, as stored or as a bundle's audit lines carry them."""

    chain: str
    seq: int
    at: str
    actor: str
    action: str
    result: str
    figures: str
    prev_hash: str
    hash: str


def link_problems(events: Sequence[ChainedEvent]) -> list[str]:
    """Each event's hash recomputed and linked to the one before it (in order of ``seq``); every break named."""
    problems, prev, expected_seq = [], GENESIS, 1
    for ev in events:
        if ev.seq != expected_seq:
            problems.append(f"event {expected_seq} is missing (found {ev.seq} next)")
        if ev.prev_hash != prev:
            problems.append(f"event {ev.seq} does not follow the event before it")
        recomputed = event_hash(ev.chain, ev.seq, ev.at, ev.actor, ev.action, ev.result, ev.figures, ev.prev_hash)
        if recomputed != ev.hash:
            problems.append(f"event {ev.seq} ({ev.action}) was changed after it was written")
        prev, expected_seq = ev.hash, ev.seq + 1
    return problems


def verify_chain(session: Session, chain: str) -> ChainReport:
    """Recompute the chain and compare it with its head; every break is named."""
    return verify_events(session, chain, events_of(session, chain))


def verify_events(session: Session, chain: str, events: list[AuditEvent]) -> ChainReport:
    """Verify a chain's events as read in ``session`` (in order of ``seq``) against its head."""
    report = ChainReport(chain, len(events))
    by_id = sorted(events, key=lambda e: e.id)
    if [e.seq for e in by_id] != [e.seq for e in events]:
        report.problems.append("events were stored out of order")
    report.problems += link_problems(events)
    head = session.get(AuditHead, chain)
    if head is None:
        report.problems.append("the chain has no head record")
    elif not events or head.seq != events[-1].seq or head.hash != events[-1].hash:
        last = events[-1].seq if events else 0
        what = ("events were added after it" if last > head.seq
                else "events were removed from the end" if last < head.seq else "its last event was replaced")
        report.problems.append(f"the chain ends at event {last} but its head says {head.seq}: {what}")
    return report


def all_chains(session: Session) -> list[str]:
    """Every chain that has events or a head (a chain emptied by deletion still has its head)."""
    names = set(session.scalars(select(AuditEvent.chain).distinct())) | set(
        session.scalars(select(AuditHead.chain))
    )
    return sorted(names)


def events_of(session: Session, chain: str) -> list[AuditEvent]:
    return list(
        session.scalars(select(AuditEvent).where(AuditEvent.chain == chain).order_by(AuditEvent.seq))
    )
