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
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from station.cli.common import JsonOpt, err, guard, out
from station.config import Settings

if TYPE_CHECKING:
    from station.signing.sign import SigningKit

app = typer.Typer(no_args_is_help=True, help="Sign the loan documents (PAdES) and upgrade signed PDFs to B-LTA.")


def kit_from_settings(settings: Settings) -> SigningKit:
    """The settings' signing kit; asks for the token PIN when a PKCS#11 key has none configured."""
    from station.operations.engines import signing_kit

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
    from station.operations.documents import write_signed
    from station.operations.engines import close_kits
    from station.operations.signing import sample_set, set_from_json, sign_set

    if sample == (source is not None):
        raise typer.BadParameter("give either a JSON file or --sample")
    settings: Settings = ctx.obj
    to_sign = guard(lambda: sample_set(settings) if sample else set_from_json(source))  # type: ignore[arg-type]
    kit = guard(lambda: kit_from_settings(settings))
    try:
        outcome = guard(lambda: sign_set(to_sign, kit))
    finally:
        close_kits()
    files = guard(lambda: write_signed(outcome.signed.documents, out_dir))
    rows = [{"file": str(path), "level": d.pades_level, "awaiting_upgrade": d.awaiting_upgrade,
             "bytes": len(d.content or b""), "sha256": d.sha256} for path, d in files.items()]
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
    from station.operations.signing import upgrade_files

    results = guard(lambda: upgrade_files(ctx.obj, files))
    rows = [{"file": str(r.path), "before": r.before, "after": r.after, "problem": r.problem} for r in results]
    if json_:
        out.print_json(json.dumps(rows, ensure_ascii=False))
    else:
        table = Table("file", "before", "after", "problem")
        for row in rows:
            table.add_row(row["file"], row["before"] or "-", row["after"] or "-", row["problem"] or "")
        out.print(table)
    if any(row["after"] != "B-LTA" for row in rows):
        raise typer.Exit(1)
