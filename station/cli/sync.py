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

from station.cli.common import JsonOpt, OfficerOpt, err, guard, open_store, out, sign_in
from station.cli.verify import CrlOpt, TrustOpt, trust_store
from station.config import Settings

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

    from station.signing.seal import BankSeal

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
    from station.signing.seal import BankSeal

    with guard(lambda: bank_key(settings)) as bank:
        yield BankSeal(bank)


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
    from cryptography import x509

    from station.pki.certs import CertificateFileError, read_certificates
    from station.signing.seal import BundleOpenError, open_sealed
    from station.store.evidence import check_archive

    store = trust_store(ctx, trust, crl, online)
    try:
        envelope = bundle.read_bytes()
        branch_key = _private_key(key.read_bytes())
        branch_cert = x509.load_der_x509_certificate(read_certificates(cert)[0].dump())
        seal = open_sealed(envelope, branch_key, branch_cert, store)
    except (OSError, ValueError, TypeError, CertificateFileError, BundleOpenError) as exc:
        err.print(f"[red]{bundle.name}: {exc}[/red]")
        raise typer.Exit(2) from exc
    archive = check_archive(seal.content)
    if zip_out is not None:
        zip_out.write_bytes(seal.content)
    ok = seal.ok and archive.ok
    case = (archive.manifest or {}).get("case") or {}
    if json_:
        out.print_json(json.dumps({
            "bundle": str(bundle), "ok": ok, "case": case.get("id"), "reference": case.get("reference"),
            "sealed_by": seal.sealed_by, "sealed_at": seal.sealed_at.isoformat() if seal.sealed_at else None,
            "files": list(archive.files), "problems": [*seal.problems, *archive.problems]}, ensure_ascii=False))
    else:
        verdict = "[green]INTACT[/green]" if ok else "[red]NOT INTACT[/red]"
        when = f" at {seal.sealed_at:%Y-%m-%d %H:%M} UTC" if seal.sealed_at else ""
        out.print(f"{bundle.name}: {verdict}: case {case.get('reference', '?')}, sealed by {seal.sealed_by or '-'}"
                  f"{when}; {len(archive.files)} files")
        for problem in (*seal.problems, *archive.problems):
            out.print(f"  - {problem}")
    raise typer.Exit(0 if ok else 1)


def _private_key(data: bytes) -> PrivateKeyTypes:
    """A private key from PEM or DER; an encrypted one asks for its passphrase."""
    from cryptography.hazmat.primitives import serialization

    load = serialization.load_pem_private_key if b"-----BEGIN" in data else serialization.load_der_private_key
    try:
        return load(data, None)
    except TypeError:  # encrypted: "Password was not given but private key is encrypted"
        passphrase = typer.prompt("Passphrase of the branch key", hide_input=True)
        return load(data, passphrase.encode("utf-8"))


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
