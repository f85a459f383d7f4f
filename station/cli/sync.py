"""``station sync`` and ``station case export``: evidence bundles for the branch, sealed with the bank's key
and encrypted to the branch's certificate."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from station.cli.common import JsonOpt, OfficerOpt, guard, open_store, out, sign_in
from station.config import Settings

if TYPE_CHECKING:
    from station.signing.bundle_seal import BankSeal

app = typer.Typer(help="What leaves the station: encrypted evidence bundles in the outbox folder.")


def case_export(
    ctx: typer.Context,
    case_id: str,
    out_file: Annotated[Path, typer.Option("--out", help="The bundle file to write (.p7m).")],
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Write a finished case's evidence bundle, sealed by the bank's key and encrypted to the branch."""
    from station.bootstrap import sync_recipient
    from station.store.evidence import export_bundle

    settings: Settings = ctx.obj
    with open_store(settings) as store:
        by = sign_in(store, officer)
        recipient = guard(lambda: sync_recipient(settings))
        with _bank_seal(settings) as seal:
            report = guard(lambda: export_bundle(store, by, case_id, out_file, recipient, seal))
    _print_bundles([report], json_)


@app.command("outbox")
def sync_outbox(ctx: typer.Context, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """Write the bundle of every finished case waiting in the outbox into the outbox folder (once each)."""
    from station.bootstrap import sync_recipient
    from station.store.outbox import write_outbox

    settings: Settings = ctx.obj
    with open_store(settings) as store:
        by = sign_in(store, officer)
        reports = []
        if store.outbox(kind="case"):
            recipient = guard(lambda: sync_recipient(settings))
            with _bank_seal(settings) as seal:
                reports = guard(lambda: write_outbox(store, by, recipient, seal))
    if not reports and not json_:
        out.print(f"Nothing to write: every finished case is in {settings.outbox_dir} already.")
        return
    _print_bundles(reports, json_)


@contextmanager
def _bank_seal(settings: Settings) -> Iterator[BankSeal]:
    """The bank's key as a bundle seal (a token's PIN from the settings or STATION_SIGNING__PKCS11_PIN)."""
    from station.bootstrap import bank_key
    from station.signing.bundle_seal import BankSeal

    with guard(lambda: bank_key(settings)) as bank:
        yield BankSeal(bank)


@app.command("status")
def sync_status(ctx: typer.Context, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """What waits in the outbox (masked names when signed in) and the bundles in the outbox folder."""
    from station.core.models import case_reference
    from station.store.outbox import BUNDLE_SUFFIX

    settings: Settings = ctx.obj
    with open_store(settings, exclusive=False, make_defaults=False) as store:
        signed = sign_in(store, officer) if (officer or os.environ.get("STATION_PIN")) else None
        pending = store.outbox(signed)
    folder = settings.outbox_dir
    bundles = sorted(p.name for p in folder.glob(f"*{BUNDLE_SUFFIX}")) if folder.is_dir() else []
    waiting = {"case": "bundle to write (station sync outbox)", "pades_upgrade": "PAdES upgrade (station sign upgrade)"}
    if json_:
        out.print_json(json.dumps({
            "pending": [{"item": e.id, "case": e.case_id, "reference": case_reference(e.case_id), "kind": e.kind,
                         "queued_at": e.created_at.isoformat(), "customer": e.customer} for e in pending],
            "outbox_dir": str(folder), "bundles": bundles}, ensure_ascii=False))
        return
    if pending:
        table = Table("item", "case", "reference", "waiting for", "queued", "customer")
        for e in pending:
            table.add_row(str(e.id), e.case_id, case_reference(e.case_id), waiting.get(e.kind, e.kind),
                          f"{e.created_at.astimezone():%Y-%m-%d %H:%M}", e.customer)
        out.print(table)
    else:
        out.print("Nothing waits in the outbox.")
    out.print(f"{len(bundles)} bundle(s) in {folder} for the branch to collect.")


def _print_bundles(reports: list[Any], json_: bool) -> None:
    if json_:
        out.print_json(json.dumps([{"path": str(r.path), "case": r.case_id, "files": list(r.files), "size": r.size,
                                    "recipient": r.recipient, "sealed_by": r.sealed_by, "sha256": r.sha256,
                                    "card_images": r.card_images}
                                   for r in reports], ensure_ascii=False))
        return
    for r in reports:
        out.print(f"Wrote {r.path} ({len(r.files)} files, {r.size:,} bytes), sealed by {r.sealed_by}, encrypted "
                  f"to {r.recipient}; SHA-256 {r.sha256}")
