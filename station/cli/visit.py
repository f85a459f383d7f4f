"""``station visit``: drive a visit step by step, as the GUI does, with the same operations.

    station visit start                                    a new case; prints its id
    station visit card CASE FRONT.jpg BACK.jpg             read the card (OCR) and submit it
    station visit submit CASE id_card CARD.json            a card typed in (station idcard read --json form)
    station visit face CASE --live VIDEO [--challenge ..]  match the live face against the card's portrait
    station visit face CASE --in-person --override ...     the officer checks the person instead
    station visit submit CASE account|loan FILE.json       the account request, the loan terms
    station visit documents CASE                           render the four documents and submit them
    station visit sign CASE --handwriting SIGNATURE.png    sign them all in one pass and submit
    station visit finish CASE --out DIR                    hand out the signed PDFs of a finished case
    station visit status CASE / redo CASE STEP --reason    where a case stands / go back to a step

Every result that passes a check is computed here by the station (OCR, the face match, the quote, the
documents, the signatures); only what an officer types (a card, the account request, the loan terms)
comes from a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from station.cli.common import JsonOpt, OfficerOpt, err, guard, open_store, out, sign_in
from station.cli.face import challenge_option
from station.config import Settings
from station.errors import StationError

if TYPE_CHECKING:
    from station.core.visit import Outcome, Visit

app = typer.Typer(no_args_is_help=True, help="Drive a visit step by step (what the GUI does).")

OverrideOpt = Annotated[list[str], typer.Option(help="check.name=reason, for an overridable failure.")]
TYPED_STEPS = ("id_card", "account", "loan")
"""Steps whose input an officer may hand in as a file; the others' results the station computes itself."""


def _visit(store: Any, settings: Settings, officer: str | None, case_id: str | None) -> Visit:
    from station.operations.visit import resume_visit, session_for, start_visit

    session = session_for(store, settings, sign_in(store, officer))
    return guard(lambda: resume_visit(store, session, case_id) if case_id else start_visit(store, session))


def _reasons(override: list[str]) -> dict[str, str]:
    pairs = [o.split("=", 1) for o in override]
    if any(len(p) != 2 for p in pairs):
        raise typer.BadParameter("--override wants check.name=reason")
    return dict(pairs)  # type: ignore[arg-type]


def _print_outcome(outcome: Outcome, json_: bool, extra: dict[str, Any] | None = None) -> None:
    """The checks of a submission (and whatever the command adds); exit 1 when it was refused."""
    if json_:
        out.print_json(json.dumps({**(extra or {}), "accepted": outcome.accepted,
                                   "next_step": outcome.next_step.value,
                                   "checks": [c.to_dict() for c in outcome.checks]}, ensure_ascii=False))
    else:
        for c in outcome.checks:
            colour = {"pass": "green", "warn": "yellow", "fail": "red"}[c.status.value]
            out.print(f"[{colour}]{c.status.value:>4}[/{colour}] {c.name}: {c.reason}")
        out.print("accepted; next: " + outcome.next_step.value if outcome.accepted else "[red]refused[/red]")
    if not outcome.accepted:
        raise typer.Exit(1)


@app.command("start")
def visit_start(ctx: typer.Context, officer: OfficerOpt = None) -> None:
    """Start a case; prints its id."""
    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, None)
    out.print(visit.case_id)


@app.command("status")
def visit_status(ctx: typer.Context, case_id: str, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """Where a case stands: each step done, stale or pending, with its checks."""
    from station.core.visit import ORDER

    with open_store(ctx.obj, exclusive=False) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        state = visit.state
    rows = [{"step": s.value, "state": visit.step_state(s),
             "checks": [c.to_dict() for c in (state.steps[s.value].checks if s.value in state.steps else [])]}
            for s in ORDER]
    if json_:
        out.print_json(json.dumps({"case": case_id, "status": state.status, "step": state.step, "steps": rows},
                                  ensure_ascii=False))
        return
    out.print(f"case {case_id}: {state.status}, at step [bold]{state.step}[/bold]")
    for row in rows:
        out.print(f"  {row['step']:<10} {row['state']}")


def _typed_input(step: str, data: Any, visit: Visit) -> Any:
    from station.core import loan, models
    from station.operations.idcard import card_from_json

    if step == "id_card":
        return card_from_json(data)
    if step == "account":
        return models.AccountRequest.from_dict(data)
    terms = models.LoanTerms.from_dict(data.get("terms", data))  # the terms alone, or a whole offer's
    return loan.offer(terms, visit.today())  # the quote is the station's, never the file's


@app.command("submit")
def visit_submit(
    ctx: typer.Context,
    case_id: str,
    step: str,
    data: Annotated[Path, typer.Argument(help="JSON of what the officer typed: the card (the form station idcard "
                                              "read --json prints), the account request, or the loan terms.")],
    override: OverrideOpt = [],  # noqa: B006 - typer's list options
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Submit what an officer typed for a step; exits 1 when the step is refused, with the checks that
    refused it. The face, documents and signature steps are the station's own work: visit face, visit
    documents and visit sign."""
    computed = {"face": "visit face", "documents": "visit documents", "signature": "visit sign"}
    if step in computed:
        err.print(f"[red]The {step} step's result is computed by the station, not read from a file: use "
                  f"station {computed[step]}.[/red]")
        raise typer.Exit(2)
    if step not in TYPED_STEPS:
        raise typer.BadParameter(f"step must be one of {', '.join(TYPED_STEPS)}")
    try:
        raw = json.loads(data.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        err.print(f"[red]Cannot read {data} as {step} input: {exc}[/red]")
        raise typer.Exit(2) from exc
    reasons = _reasons(override)
    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        try:
            payload = _typed_input(step, raw, visit)
        except StationError as exc:
            err.print(f"[red]Cannot read {data} as {step} input: {exc}[/red]")
            raise typer.Exit(2) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            err.print(f"[red]Cannot read {data} as {step} input: {type(exc).__name__}: {exc}[/red]")
            raise typer.Exit(2) from exc
        submit = getattr(visit, f"submit_{step}")
        outcome = guard(lambda: submit(payload, reasons))
    _print_outcome(outcome, json_)


@app.command("card")
def visit_card(
    ctx: typer.Context,
    case_id: str,
    front: Annotated[Path, typer.Argument(help="Picture of one side of the ID card.")],
    back: Annotated[Path, typer.Argument(help="Picture of the other side.")],
    override: OverrideOpt = [],  # noqa: B006
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Read both sides of the card (OCR, as the GUI does) and submit the card; exit 1 when it is refused or
    a picture must be taken again."""
    from station.operations.idcard import card_of, picture_problems, read_card_files

    reasons = _reasons(override)
    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        reading = guard(lambda: read_card_files(ctx.obj, [front, back], visit.today()))
        try:
            card = card_of(reading)
        except StationError as exc:
            for c in picture_problems(reading):
                if not c.passed:
                    err.print(f"[red]{c.name}: {c.reason}[/red]")
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
        outcome = guard(lambda: visit.submit_id_card(card, reasons))
    _print_outcome(outcome, json_, {"engine": reading.engine})


@app.command("face")
def visit_face(
    ctx: typer.Context,
    case_id: str,
    live: Annotated[str | None, typer.Option(help="The live face: a video file, a picture, a folder of pictures, "
                                                  "or a camera index.")] = None,
    challenge: Annotated[str | None, typer.Option(help="Liveness actions in order (blink,turn_left), or "
                                                       "'random'. Without it no liveness check is run.")] = None,
    in_person: Annotated[bool, typer.Option("--in-person", help="No match can be made: the officer compares "
                                            "the person with the card (give --override reasons).")] = False,
    override: OverrideOpt = [],  # noqa: B006
    max_frames: Annotated[int, typer.Option(help="Stop after this many frames.")] = 300,
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Match the live face against the card's portrait with the station's calibration (as the GUI does) and
    submit the result; exit 1 when it is refused (no match, liveness not passed, without a reason)."""
    from station.core.models import IdCardRead
    from station.core.visit import Step
    from station.operations.camera import open_frames
    from station.operations.face import (
        calibration_path,
        check_face,
        face_record,
        in_person_record,
        load_face_calibration,
    )

    if in_person == (live is not None):
        raise typer.BadParameter("give either --live or --in-person")
    settings: Settings = ctx.obj
    actions = challenge_option(challenge)
    reasons = _reasons(override)
    with open_store(settings) as store:
        visit = _visit(store, settings, officer, case_id)
        if in_person:
            record = in_person_record(settings)
        else:
            card = guard(lambda: visit.output(Step.ID_CARD))
            if not isinstance(card, IdCardRead) or card.portrait is None:
                err.print("[red]The case's card has no photo to match (it was typed in, or its step is not done): "
                          "check the person yourself and use --in-person with reasons.[/red]")
                raise typer.Exit(2)
            portrait = card.portrait
            calibration = guard(lambda: load_face_calibration(calibration_path(settings)))
            with guard(lambda: open_frames(live)) as source:  # type: ignore[arg-type]
                verification = guard(lambda: check_face(portrait, source, calibration, challenge=actions,
                                                        max_frames=max_frames))
            record = face_record(verification)
        outcome = guard(lambda: visit.submit_face(record, reasons))
    _print_outcome(outcome, json_, {"decision": record.decision.value, "distance": record.distance,
                                    "threshold": record.threshold, "calibration": record.calibration})


@app.command("documents")
def visit_documents(ctx: typer.Context, case_id: str, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """Make the four documents from the case's ID card, account and loan, and submit them.

    Prints each document with its SHA-256; exits 1 (nothing submitted) when they cannot be made.
    """
    from station.operations.documents import make_documents

    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        try:
            documents = make_documents(visit)
        except StationError as exc:
            err.print(f"[red]The documents could not be made: {exc}[/red]")
            raise typer.Exit(1) from exc
        outcome = guard(lambda: visit.submit_documents(documents))
    rows = [{"kind": d.kind.value, "file": d.filename, "bytes": len(d.content or b""), "sha256": d.sha256}
            for d in documents.documents]
    if not json_:
        table = Table("document", "file", "bytes", "sha256")
        for row in rows:
            table.add_row(row["kind"], row["file"], str(row["bytes"]), row["sha256"])
        out.print(table)
    _print_outcome(outcome, json_, {"documents": rows})


@app.command("sign")
def visit_sign(
    ctx: typer.Context,
    case_id: str,
    handwriting: Annotated[Path, typer.Option(help="PNG of the borrower's signature (dark ink on a light or "
                                                   "transparent background).")],
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Sign every document of the case in one pass with the borrower's handwriting and submit them.

    The bank's key comes from the settings (PKCS#12, or the PKCS#11 token: its PIN from
    STATION_SIGNING__PKCS11_PIN or a prompt). Exits 1 with the reason when anything is refused; nothing
    is then signed or submitted, and the case stays at its signature step.
    """
    from station.cli.sign import kit_from_settings
    from station.operations.documents import capture_from_png, sign_documents
    from station.operations.engines import close_kits

    try:
        capture = capture_from_png(handwriting.read_bytes())
    except OSError as exc:
        err.print(f"[red]Cannot read {handwriting}: {exc.strerror}.[/red]")
        raise typer.Exit(2) from exc
    except StationError as exc:
        err.print(f"[red]{exc} Nothing was signed.[/red]")
        raise typer.Exit(1) from exc
    settings: Settings = ctx.obj
    with open_store(settings) as store:
        visit = _visit(store, settings, officer, case_id)
        try:
            outcome = sign_documents(visit, capture, kit_from_settings(settings))
        except StationError as exc:
            err.print(f"[red]Nothing was signed: {exc}[/red]")
            raise typer.Exit(1) from exc
        finally:
            close_kits()
        result = guard(lambda: visit.submit_signature(outcome.signed))
    rows = [{"kind": d.kind.value, "level": d.pades_level, "awaiting_upgrade": d.awaiting_upgrade,
             "sha256": d.sha256} for d in outcome.signed.documents]
    if not json_:
        table = Table("document", "signature level", "sha256")
        for row in rows:
            table.add_row(row["kind"], row["level"], row["sha256"])
        out.print(table)
    if outcome.timestamp_problem:
        err.print(f"[yellow]Signed without a timestamp (B-B): {outcome.timestamp_problem}.[/yellow]")
    _print_outcome(result, json_, {"documents": rows, "timestamp_problem": outcome.timestamp_problem})


@app.command("finish")
def visit_finish(
    ctx: typer.Context,
    case_id: str,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the signed PDFs (made if missing).")],
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Hand out a finished case's signed PDFs (for the borrower's copy and the paper file); recorded in the
    case. Exit 1 when the case is not finished."""
    from station.core.visit import VisitError
    from station.operations.visit import hand_out

    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        try:
            files = hand_out(visit, out_dir)
        except VisitError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
    rows = [{"file": str(path), "kind": d.kind.value, "level": d.pades_level, "sha256": d.sha256}
            for path, d in files.items()]
    if json_:
        out.print_json(json.dumps({"case": case_id, "documents": rows}, ensure_ascii=False))
        return
    table = Table("document", "file", "signature level")
    for row in rows:
        table.add_row(row["kind"], row["file"], row["level"] or "-")
    out.print(table)


@app.command("redo")
def visit_redo(ctx: typer.Context, case_id: str, step: str,
               reason: Annotated[str, typer.Option(help="Why the step is redone (recorded).")],
               officer: OfficerOpt = None) -> None:
    """Go back to a step; the steps that depend on it must be done again."""
    from station.core.visit import Step

    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        guard(lambda: visit.redo(Step(step), reason))
        out.print(f"case {case_id} is back at {visit.current_step.value}")
