"""``station sign``: sign a document set in one pass, and raise signed PDFs to PAdES B-LTA.

    station sign documents --sample --out DIR     the built-in sample borrower, on the embedded defaults
    station sign documents SET.json --out DIR     documents, handwriting and borrower from a JSON file
    station sign upgrade FILES...                 add revocation data and document time-stamps

The bank key, the borrower certificate issuer, the timestamp service and the trust roots come from
the settings (``[signing]``); the embedded default is the DEMO PKI with the in-process timestamp
service. A token PIN not in the settings is asked for.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from station.cli.common import JsonOpt, err, guard, out
from station.config import Settings

if TYPE_CHECKING:
    from station.pki.demo import DemoPki
    from station.signing.sign import SigningKit

app = typer.Typer(no_args_is_help=True, help="Sign the loan documents (PAdES) and upgrade signed PDFs to B-LTA.")


def kit_from_settings(settings: Settings) -> SigningKit:
    """The settings' signing kit; asks for the token PIN when a PKCS#11 key has none configured."""
    from station.bootstrap import signing_kit

    s = settings.signing
    pin = None
    if s.bank_key == "pkcs11" and s.pkcs11_pin is None:
        pin = typer.prompt(f"PIN of the token '{s.pkcs11_token_label}'", hide_input=True)
    return signing_kit(settings, pin)


@app.command("documents")
def documents_command(
    ctx: typer.Context,
    source: Annotated[Path | None, typer.Argument(
        help="JSON with 'documents' (a DocumentSet), 'capture' (a SignatureCapture with strokes; the PNG is "
             "drawn when missing) and 'borrower' ({'name', 'id_hash'}).")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Sign the built-in sample set instead.")] = False,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the signed PDFs (made if missing).")] = Path("."),
    json_: JsonOpt = False,
) -> None:
    """Sign every document of a set in one pass: the bank certifies, the borrower signs, each timestamped."""
    from station.signing.output import write_all_atomically
    from station.signing.sign import sign_set

    if sample == (source is not None):
        raise typer.BadParameter("give either a JSON file or --sample")
    settings: Settings = ctx.obj
    documents, capture, borrower = guard(lambda: _sample(settings) if sample else _from_json(source))  # type: ignore[arg-type]
    kit = guard(lambda: kit_from_settings(settings))
    try:
        outcome = guard(lambda: sign_set(documents, capture, borrower, kit))
    finally:
        kit.bank.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    guard(lambda: write_all_atomically({out_dir / d.filename: d.content or b"" for d in outcome.signed.documents}))
    rows = [{"file": str(out_dir / d.filename), "level": d.pades_level, "awaiting_upgrade": d.awaiting_upgrade,
             "bytes": len(d.content or b""), "sha256": d.sha256} for d in outcome.signed.documents]
    if json_:
        out.print_json(json.dumps({"documents": rows, "level": outcome.level.value,
                                   "timestamp_problem": outcome.timestamp_problem}, ensure_ascii=False))
    else:
        table = Table("file", "level", "bytes", "sha256")
        for row in rows:
            table.add_row(row["file"], row["level"], str(row["bytes"]), row["sha256"][:16])
        out.print(table)
    if outcome.timestamp_problem:
        err.print(f"[yellow]Signed without a timestamp (B-B): {outcome.timestamp_problem}. Run 'station sign "
                  "upgrade' on these files when the timestamp service is reachable.[/yellow]")


@app.command("upgrade")
def upgrade_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Signed PDFs; each is rewritten in place, atomically.")],
    json_: JsonOpt = False,
) -> None:
    """Add revocation data and a document time-stamp to signed PDFs (B-LT, B-LTA); exit 1 if any is not B-LTA."""
    from station.bootstrap import signing_trust
    from station.errors import SigningError
    from station.signing.output import write_atomically
    from station.signing.upgrade import upgrade_pdf
    from station.timestamps.client import timestamper_for

    settings: Settings = ctx.obj
    pki = guard(lambda: demo_pki_of(settings))
    trust = guard(lambda: signing_trust(settings, pki))
    timestamper = guard(lambda: timestamper_for(settings.signing.tsa_url, pki))
    rows: list[dict[str, Any]] = []
    for path in files:
        row: dict[str, Any] = {"file": str(path), "before": None, "after": None, "problem": None}
        try:
            content = path.read_bytes()
            result = upgrade_pdf(content, trust, timestamper)
            if result.content != content:
                write_atomically(path, result.content)
            row.update(before=result.before.value, after=result.after.value, problem=result.problem)
        except OSError as exc:
            row["problem"] = f"cannot read the file ({exc.strerror})"
        except SigningError as exc:
            row["problem"] = str(exc)
        rows.append(row)
    if json_:
        out.print_json(json.dumps(rows, ensure_ascii=False))
    else:
        table = Table("file", "before", "after", "problem")
        for row in rows:
            table.add_row(row["file"], row["before"] or "-", row["after"] or "-", row["problem"] or "")
        out.print(table)
    if any(row["after"] != "B-LTA" for row in rows):
        raise typer.Exit(1)


def demo_pki_of(settings: Settings) -> DemoPki:
    """The station's DEMO PKI (made if missing); its problems become a :class:`SigningError`."""
    from station.errors import SigningError
    from station.pki.demo import PkiError, ensure_demo_pki

    try:
        return ensure_demo_pki(settings.pki_dir, settings.bank.name)
    except PkiError as exc:
        raise SigningError(f"The DEMO PKI cannot be used: {exc}.") from exc


def _sample(settings: Settings) -> tuple[list[Any], Any, Any]:
    from station.documents.render import render_documents
    from station.operations.sample import sample_capture, sample_identity, sample_input

    rendered = render_documents(sample_input(settings.bank.name, datetime.now().astimezone()))
    return list(rendered.document_set().documents), sample_capture(), sample_identity()


def _from_json(path: Path) -> tuple[list[Any], Any, Any]:
    from station.core.models import DocumentSet, SignatureCapture
    from station.documents.handwriting import capture_with_png
    from station.signing.sign import BorrowerIdentity

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        documents = DocumentSet.from_dict(data["documents"]).documents
        capture = SignatureCapture.from_dict(data["capture"])
        borrower = BorrowerIdentity(str(data["borrower"]["name"]), str(data["borrower"]["id_hash"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        err.print(f"[red]Cannot read {path} as a document set to sign: {exc}[/red]")
        raise typer.Exit(2) from exc
    return documents, capture if capture.png else capture_with_png(capture), borrower
