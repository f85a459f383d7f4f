"""``station verify``: QA's verdict on signed PDFs, for one file, a folder of thousands, or a case.

Exit status: 0 when every file is VALID, 1 when any is not (or a manifest's document is missing),
2 when the command itself cannot run (a trust file missing, a bad option).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from station.cli.common import JsonOpt, OfficerOpt, err, open_store, out, sign_in

if TYPE_CHECKING:
    from station.pki.trust_store import TrustStore
    from station.validation.results import Expectation, FileReport

TrustOpt = Annotated[list[str], typer.Option(
    "--trust", envvar="STATION_VERIFY_TRUST",
    help="PEM/DER file of trusted roots (the bank's), repeatable; 'demo' trusts this station's DEMO root and CRLs.")]
CrlOpt = Annotated[list[Path], typer.Option(
    "--crl", help="CRL file (PEM or DER) to check revocation with; repeatable.")]
ReportOpt = Annotated[list[Path], typer.Option(
    "--report", help="Write a report: .html, .json or .csv (any number of files), .pdf (one file); repeatable.")]


def verify(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="PDF files and folders (searched for *.pdf).")] = None,
    trust: TrustOpt = [],  # noqa: B006 - typer's list options
    crl: CrlOpt = [],  # noqa: B006
    report: ReportOpt = [],  # noqa: B006
    json_: JsonOpt = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: one per core).")] = 0,
    online: Annotated[bool, typer.Option(help="Fetch CRLs and OCSP responses over the network.")] = False,
    manifest: Annotated[Path | None, typer.Option(help="JSON of the case's documents, customer and fields.")] = None,
    customer: Annotated[str | None, typer.Option(help="The borrower's name every borrower field must carry.")] = None,
    case: Annotated[str | None, typer.Option(help="Verify a case's signed documents from the store.")] = None,
    officer: OfficerOpt = None,
) -> None:
    """Verify signed PDFs: VALID, INVALID, UNTRUSTED or INDETERMINATE per file, with the reasons."""
    from station.operations import verify as qa

    store_trust = trust_store(ctx, trust, crl, online)
    paths = paths or []
    if case is not None:
        raise typer.Exit(_verify_case(ctx, case, officer, store_trust, json_, report))
    if not paths:
        raise typer.BadParameter("give at least one PDF file or folder (or --case)")
    missing = [p for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]{escape(str(missing[0]))} does not exist.[/red]")
        raise typer.Exit(2)
    files = qa.find_pdfs(paths)
    if not files:
        err.print("[red]No PDF file found in what was given.[/red]")
        raise typer.Exit(2)
    single = len(files) == 1 and not paths[0].is_dir()
    try:
        qa.check_report_targets(report, one_file=single)
    except ValueError as exc:
        raise typer.BadParameter(f"--report {exc}") from exc
    try:
        expected, absent = qa.expectation(files, manifest, customer)
    except ValueError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    if single:
        code = _one(files[0], store_trust, expected, json_, report)
    else:
        code = _many(files, store_trust, expected, json_, report, jobs)
    for name in absent:
        err.print(f"[red]missing: {escape(name)} (listed in the manifest)[/red]")
    raise typer.Exit(1 if code or absent else 0)


def trust_store(ctx: typer.Context, trust: list[str], crl: list[Path], online: bool) -> TrustStore:
    """QA's trust store from --trust, --crl and --online; exits 2 with the reason when a file is unusable."""
    from station.operations import verify as qa

    try:
        store = qa.trust_store(ctx.obj, trust, crl, online=online)
    except qa.TrustError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    if not store.roots:
        err.print("[yellow]No trusted roots: every signature will be UNTRUSTED. Give --trust with the bank's "
                  "roots (or --trust demo on a DEMO station).[/yellow]")
    return store


def _one(path: Path, trust: TrustStore, expected: Expectation | None, json_: bool, reports: list[Path]) -> int:
    from station.operations.verify import verify_one, write_reports

    result = verify_one(path, trust, expect=expected)
    write_reports([result], reports, pdf=path.read_bytes() if reports else None)
    for target in reports:
        err.print(f"report written to {escape(str(target))}")
    if json_:
        out.print_json(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        _print_one(result)
    return 0 if result.valid else 1


def _print_one(result: FileReport) -> None:
    colour = {"VALID": "green", "INVALID": "red", "UNTRUSTED": "yellow", "INDETERMINATE": "yellow"}
    out.print(f"[bold {colour[result.verdict.value]}]{result.verdict.value}[/] {escape(result.name)}")
    for problem in result.problems:
        out.print(f"  - {escape(problem.text())}")
    for sig in result.signatures:
        when = f"{sig.signing_time:%Y-%m-%d %H:%M:%S} UTC ({sig.time_source})" if sig.signing_time else "no time"
        out.print(escape(f"  [{sig.field}] {sig.verdict.value}: {sig.signer}, {when}, {sig.pades_level or '-'}, "
                         f"covers {sig.coverage}; after it: {sig.changes_after}"))


def _many(files: list[Path], trust: TrustStore, expected: Expectation | None, json_: bool, reports: list[Path],
          jobs: int) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from station.operations.verify import verify_many

    with Progress(TextColumn("verifying"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
                  disable=json_ or not err.is_terminal) as progress:
        task = progress.add_task("verify", total=len(files))

        def shown(result: FileReport) -> None:
            if not result.valid and not json_:
                progress.console.print(f"[red]{result.verdict.value}[/red] {escape(result.name)}: "
                                       f"{'; '.join(result.reasons)}")
            progress.advance(task)

        summary = verify_many(files, trust, jobs=jobs or None, expect=expected, reports=reports,
                              json_to=sys.stdout if json_ else None, progress=shown)
    for target in reports:
        err.print(f"report written to {escape(str(target))}")
    (err if json_ else out).print(escape(summary.text()))
    return 0 if summary.all_valid else 1


def _verify_case(ctx: typer.Context, case_id: str, officer: str | None, trust: TrustStore, json_: bool,
                 reports: list[Path]) -> int:
    """A case's signed documents, in memory, against what the case expects (customer, parties, all four)."""
    from station.core.models import DocumentKind
    from station.operations.verify import verify_case_documents

    with open_store(ctx.obj, exclusive=False) as store:
        signed_in = sign_in(store, officer)
        signed = store.step_output(signed_in, case_id, "signature")
        card = store.step_output(signed_in, case_id, "id_card")
        if signed is None:
            err.print(f"[red]Case {escape(case_id)} has no signed documents yet.[/red]")
            return 2
        results = verify_case_documents(signed.documents, trust, card.front.name if card is not None else None)
        kinds = {doc.kind for doc in signed.documents}
        absent = [kind.value for kind in DocumentKind if kind not in kinds]
        bad = [r for r in results if not r.valid]
        store.add_event(signed_in, case_id, "documents.verified", "pass" if not bad and not absent else "fail",
                        {"files": len(results), "not_valid": len(bad), "missing": absent,
                         "verdicts": {r.name: r.verdict.value for r in results}})
    if json_:
        out.print_json(json.dumps({"case": case_id, "missing": absent, "files": [r.to_dict() for r in results]},
                                  ensure_ascii=False))
    else:
        for result in results:
            _print_one(result)
        for kind in absent:
            out.print(f"[red]missing: the {kind} document[/red]")
    if reports:
        err.print("[yellow]--report is for files; with --case the verdicts go to the case's audit trail.[/yellow]")
    return 1 if bad or absent else 0
