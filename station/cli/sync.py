"""``station sync`` and ``station case export``: evidence bundles for the branch, sealed with the bank's key
and encrypted to the branch's certificate."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from station.cli.common import JsonOpt, OfficerOpt, err, guard, open_store, out, sign_in
from station.cli.verify import CrlOpt, TrustOpt, trust_store
from station.config import Settings
from station.errors import StationError

app = typer.Typer(help="What leaves the station: sealed, encrypted evidence bundles in the outbox folder; and the "
                  "branch's check of one.")


def case_export(
    ctx: typer.Context,
    case_id: str,
    out_file: Annotated[Path, typer.Option("--out", help="The bundle file to write (.p7m).")],
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Write a finished case's evidence bundle, sealed by the bank's key and encrypted to the branch."""
    from station.operations.evidence import export_case

    settings: Settings = ctx.obj
    with open_store(settings) as store:
        by = sign_in(store, officer)
        report = guard(lambda: export_case(store, settings, by, case_id, out_file))
    _print_bundles([report], json_)


@app.command("outbox")
def sync_outbox(ctx: typer.Context, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """Write the bundle of every finished case waiting in the outbox into the outbox folder (once each)."""
    from station.operations.evidence import write_outbox

    settings: Settings = ctx.obj
    with open_store(settings) as store:
        by = sign_in(store, officer)
        reports = guard(lambda: write_outbox(store, settings, by))
    if not reports and not json_:
        out.print(f"Nothing to write: every finished case is in {settings.outbox_dir} already.")
        return
    _print_bundles(reports, json_)


@app.command("open")
def sync_open(
    ctx: typer.Context,
    bundle: Annotated[Path, typer.Argument(help="The evidence bundle (.p7m).")],
    key: Annotated[Path, typer.Option(help="The branch's private key (PEM or DER) the bundle is encrypted to.")],
    cert: Annotated[Path, typer.Option(help="The branch's certificate (PEM or DER) that goes with the key.")],
    trust: TrustOpt = [],  # noqa: B006 - typer's list options
    crl: CrlOpt = [],  # noqa: B006
    online: Annotated[bool, typer.Option(help="Fetch CRLs and OCSP responses over the network.")] = False,
    zip_out: Annotated[Path | None, typer.Option("--out", help="Write the bundle's ZIP here (in clear).")] = None,
    json_: JsonOpt = False,
) -> None:
    """The branch's check of a bundle: decrypt it, check the bank's seal (trusted root, revocation), every
    file's SHA-256 against the manifest and the audit chain. Exit 0 when all hold, 1 when not, 2 on errors."""
    from station.operations.evidence import open_bundle

    store = trust_store(ctx, trust, crl, online)
    try:
        envelope, branch_key = bundle.read_bytes(), key.read_bytes()
    except OSError as exc:
        err.print(f"[red]{bundle.name}: cannot read {exc.filename}: {exc.strerror}[/red]")
        raise typer.Exit(2) from exc
    try:
        check = open_bundle(envelope, branch_key, cert, store,
                            lambda: typer.prompt("Passphrase of the branch key", hide_input=True))
    except StationError as exc:
        err.print(f"[red]{bundle.name}: {exc}[/red]")
        raise typer.Exit(2) from exc
    seal, archive, ok = check.seal, check.archive, check.ok
    if zip_out is not None:
        zip_out.write_bytes(seal.content)
    case = (archive.manifest or {}).get("case") or {}
    if json_:
        out.print_json(json.dumps({
            "bundle": str(bundle), "ok": ok, "case": case.get("id"), "reference": case.get("reference"),
            "sealed_by": seal.sealed_by, "sealed_at": seal.sealed_at.isoformat() if seal.sealed_at else None,
            "files": list(archive.files), "problems": check.problems}, ensure_ascii=False))
    else:
        verdict = "[green]INTACT[/green]" if ok else "[red]NOT INTACT[/red]"
        when = f" at {seal.sealed_at:%Y-%m-%d %H:%M} UTC" if seal.sealed_at else ""
        out.print(f"{bundle.name}: {verdict}: case {case.get('reference', '?')}, sealed by {seal.sealed_by or '-'}"
                  f"{when}; {len(archive.files)} files")
        for problem in check.problems:
            out.print(f"  - {problem}")
    raise typer.Exit(0 if ok else 1)


@app.command("status")
def sync_status(ctx: typer.Context, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """What waits in the outbox (masked names when signed in) and the bundles in the outbox folder."""
    from station.core.models import case_reference
    from station.operations.evidence import outbox_state

    settings: Settings = ctx.obj
    with open_store(settings, exclusive=False, make_defaults=False) as store:
        signed = sign_in(store, officer) if (officer or os.environ.get("STATION_PIN")) else None
        state = outbox_state(store, settings, signed)
    pending, folder, bundles = state.pending, state.folder, state.bundles
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
