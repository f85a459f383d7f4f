"""``station visit``: drive a visit step by step, as the GUI does.

    station visit start                                    a new case; prints its id
    station visit submit CASE STEP FILE.json               a step's input made elsewhere
    station visit documents CASE                           render the four documents and submit them
    station visit sign CASE --handwriting SIGNATURE.png    sign them all in one pass and submit
    station visit status CASE / redo CASE STEP --reason    where a case stands / go back to a step

The documents and signatures come from the case's stored steps through
:mod:`station.operations.documents`, the same code the GUI pages call.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from station.cli.common import JsonOpt, OfficerOpt, err, guard, open_store, out, sign_in
from station.config import Settings
from station.errors import StationError

app = typer.Typer(no_args_is_help=True, help="Drive a visit step by step (what the GUI does).")


def _visit(store: Any, settings: Settings, officer: str | None, case_id: str | None) -> Any:
    from station.core.session import OfficerSession
    from station.core.visit import Visit

    signed = sign_in(store, officer)
    session = OfficerSession(signed, timedelta(minutes=settings.security.idle_lock_minutes))
    return guard(lambda: Visit.resume(store, session, case_id) if case_id else Visit.start(store, session))


def _print_outcome(outcome: Any, json_: bool, extra: dict[str, Any] | None = None) -> None:
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


@app.command("submit")
def visit_submit(
    ctx: typer.Context,
    case_id: str,
    step: str,
    data: Annotated[Path, typer.Argument(help="JSON of the step's input (the model's to_dict form).")],
    override: Annotated[list[str], typer.Option(help="check.name=reason, for an overridable failure.")] = [],  # noqa: B006
    officer: OfficerOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Submit a step's input; exits 1 when the step is refused, with the checks that refused it."""
    from station.core import models
    from station.core.visit import Step

    kinds = {"id_card": models.IdCardRead, "face": models.FaceCheck, "account": models.AccountRequest,
             "loan": models.LoanOffer, "documents": models.DocumentSet, "signature": models.SignedSet}
    if step not in kinds:
        raise typer.BadParameter(f"step must be one of {', '.join(kinds)}")
    try:
        payload = kinds[step].from_dict(json.loads(data.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        err.print(f"[red]Cannot read {data} as {step} input: {exc}[/red]")
        raise typer.Exit(2) from exc
    reasons = dict(o.split("=", 1) for o in override)
    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        submit = getattr(visit, f"submit_{Step(step).value}")
        outcome = guard(lambda: submit(payload, reasons))
    _print_outcome(outcome, json_)


@app.command("documents")
def visit_documents(ctx: typer.Context, case_id: str, officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """Make the four documents from the case's ID card, account and loan, and submit them.

    Prints each document with its SHA-256; exits 1 (nothing submitted) when they cannot be made.
    """
    from station.core.visit import Step
    from station.operations.documents import render_case_documents

    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        card, account, offer = (guard(lambda s=s: visit.output(s)) for s in (Step.ID_CARD, Step.ACCOUNT, Step.LOAN))
        try:
            documents = render_case_documents(card, account, offer, bank_name=visit.bank.name, case_id=case_id,
                                              issued_at=store.clock().astimezone())
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
    from station.core.visit import Step
    from station.documents.handwriting import capture_from_png
    from station.operations.documents import sign_case_documents

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
        documents, card = (guard(lambda s=s: visit.output(s)) for s in (Step.DOCUMENTS, Step.ID_CARD))
        try:
            kit = kit_from_settings(settings)
            try:
                outcome = sign_case_documents(documents, card, capture, visit.session.officer.cipher.blind_index, kit,
                                              day=store.clock().astimezone().date())
            finally:
                kit.bank.close()
        except StationError as exc:
            err.print(f"[red]Nothing was signed: {exc}[/red]")
            raise typer.Exit(1) from exc
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
