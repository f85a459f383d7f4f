"""The sync outbox on disk: one encrypted evidence bundle per finished case, in ``<data>/outbox``.

Finishing a case queues it (an outbox item of kind ``case``); :func:`write_outbox` writes each queued
case's bundle into the outbox folder and marks the item written, with an audit event, so running it
again writes nothing new. Whatever carries the folder to the branch (a branch server, a USB stick)
takes the ``.p7m`` files from there. Items of kind ``pades_upgrade`` wait for ``station sign upgrade``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509

from station.core.models import case_reference
from station.store.cases import Store
from station.store.evidence import BundleReport, Seal, write_bundle
from station.store.officers import SignedIn

BUNDLE_SUFFIX = ".p7m"


def bundle_name(case_id: str, queued_at: datetime) -> str:
    """The case reference and when the case was queued (UTC): ``1A2B3C4D-20261123T090000Z.p7m``.

    The name depends on the item only, so a run cut short between writing and marking rewrites the same file.
    """
    return f"{case_reference(case_id)}-{queued_at.astimezone(UTC):%Y%m%dT%H%M%SZ}{BUNDLE_SUFFIX}"


def write_outbox(store: Store, by: SignedIn, recipient: x509.Certificate, seal: Seal) -> list[BundleReport]:
    """Write the bundle of every case waiting in the outbox into ``settings.outbox_dir``, each sealed with
    ``seal`` and encrypted to ``recipient``; idempotent."""
    reports = []
    for item in store.outbox(kind="case"):
        name = bundle_name(item.case_id, item.created_at)
        report = write_bundle(store, by, item.case_id, store.settings.outbox_dir / name, recipient, seal)
        store.mark_written(by, item.id, name, report.audit_figures())
        reports.append(report)
    return reports
