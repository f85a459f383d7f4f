"""``station``: every capability without Qt, for scripts, QA and tests.

With no command it starts the desktop station. Global flags override the settings file and the
environment; every command prints errors as one sentence saying what to do, and exits non-zero.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from station.cli import face, idcard, loan, sign, verify
from station.cli.common import JsonOpt, OfficerOpt, err, guard, open_store, out, overrides_from, sign_in
from station.config import Settings, load_settings

app = typer.Typer(no_args_is_help=False, add_completion=False, help="The station: verify, open, lend, sign.")
audit_app = typer.Typer(help="The hash-chained audit trail.")
officer_app = typer.Typer(help="Officers of this station.")
case_app = typer.Typer(help="Cases on this station.")
visit_app = typer.Typer(help="Drive a visit step by step from JSON files (what the GUI does).")
tsa_app = typer.Typer(help="The local RFC 3161 timestamp service.")
for sub, name in ((audit_app, "audit"), (officer_app, "officer"), (case_app, "case"), (visit_app, "visit"),
                  (tsa_app, "tsa")):
    app.add_typer(sub, name=name)

# Each capability's command group lives in its own module under station/cli/ and is added here,
# one line each: app.add_typer(<module>.app, name="<group>").
app.add_typer(loan.app, name="loan")
app.add_typer(idcard.app, name="idcard")
app.add_typer(face.app, name="face")
app.add_typer(sign.app, name="sign")
app.command("verify")(verify.verify)

@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option(help="Settings file (default: the user's config folder).")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data folder (default: the user's data folder).")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Override a setting: section.key=value.")] = [],  # noqa: B006
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    overrides = overrides_from(set_)
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    settings = guard(lambda: load_settings(config, **overrides))
    from station.bootstrap import configure_logging

    configure_logging(settings, verbose)
    ctx.obj = settings
    if ctx.invoked_subcommand is None:
        from station.ui.app import run_gui

        raise typer.Exit(run_gui(settings))


@app.command()
def init(ctx: typer.Context) -> None:
    """Make the embedded defaults (settings file, database, DEMO PKI, DEMO officer) if missing."""
    settings: Settings = ctx.obj
    with open_store(settings):
        out.print(f"Station ready: data in {settings.data_dir}, settings in {settings.config_file}")


@app.command()
def doctor(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Check this install and print a table; every failing line says how to fix it."""
    from station.doctor import run_doctor

    lines = run_doctor(ctx.obj)
    if json_:
        out.print_json(json.dumps([line.__dict__ for line in lines], ensure_ascii=False))
    else:
        table = Table("", "area", "detail", "fix", show_lines=False)
        for line in lines:
            mark = "[green]ok[/green]" if line.ok and not line.warn else (
                "[yellow]warn[/yellow]" if line.ok else "[red]FAIL[/red]")
            table.add_row(mark, line.area, line.detail, line.fix)
        out.print(table)
    failed = [line for line in lines if not line.ok]
    if failed:
        err.print(f"[red]{len(failed)} check(s) failed.[/red]")
        raise typer.Exit(1)


# --- audit -----------------------------------------------------------------------------------

@audit_app.command("verify")
def audit_verify(ctx: typer.Context, case: Annotated[str | None, typer.Option(help="One case id.")] = None,
                 json_: JsonOpt = False) -> None:
    """Recompute every hash chain; exit 1 if any event was edited, deleted or reordered."""
    with open_store(ctx.obj, exclusive=False, make_defaults=False) as store:
        reports = store.verify_audit(case)
    if json_:
        out.print_json(json.dumps([{"chain": r.chain, "events": r.events, "ok": r.ok, "problems": r.problems}
                                   for r in reports]))
    else:
        for r in reports:
            status = "[green]intact[/green]" if r.ok else "[red]BROKEN[/red]"
            out.print(f"{r.chain}: {r.events} events, {status}")
            for problem in r.problems:
                out.print(f"  - {problem}")
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


@audit_app.command("show")
def audit_show(ctx: typer.Context, chain: str) -> None:
    """The events of one case (or 'station')."""
    with open_store(ctx.obj, exclusive=False, make_defaults=False) as store:
        table = Table("#", "at", "actor", "action", "result", "figures")
        for e in store.audit_events(chain):
            table.add_row(str(e.seq), e.at[:19], e.actor, e.action, e.result, e.figures)
    out.print(table)


# --- officers --------------------------------------------------------------------------------

@officer_app.command("list")
def officer_list(ctx: typer.Context) -> None:
    with open_store(ctx.obj, exclusive=False, make_defaults=False) as store:
        for officer_id, name, role, locked in store.officers.list():
            out.print("\t".join([officer_id, name, role] + (["LOCKED"] if locked else [])))


@officer_app.command("add")
def officer_add(ctx: typer.Context, officer_id: str, name: str,
                role: Annotated[str, typer.Option(help="officer or admin")] = "officer",
                officer: OfficerOpt = None) -> None:
    """An admin adds an officer; the new officer's PIN comes from NEW_PIN or a prompt."""
    with open_store(ctx.obj) as store:
        admin = sign_in(store, officer)
        pin = os.environ.get("STATION_NEW_PIN") or typer.prompt("New officer's PIN", hide_input=True,
                                                                 confirmation_prompt=True)
        guard(lambda: store.officers.add(admin, officer_id, name, pin, role))
    out.print(f"Officer {officer_id} added.")


@officer_app.command("unlock")
def officer_unlock(ctx: typer.Context, officer_id: str, officer: OfficerOpt = None) -> None:
    """An admin lifts a lockout."""
    with open_store(ctx.obj) as store:
        guard(lambda: store.officers.unlock(sign_in(store, officer), officer_id))
    out.print(f"Officer {officer_id} unlocked.")


@officer_app.command("passwd")
def officer_passwd(ctx: typer.Context, officer_id: str) -> None:
    """Change an officer's PIN (asks for the old and the new one)."""
    with open_store(ctx.obj) as store:
        old = os.environ.get("STATION_PIN") or typer.prompt("Current PIN", hide_input=True)
        new = os.environ.get("STATION_NEW_PIN") or typer.prompt("New PIN", hide_input=True, confirmation_prompt=True)
        guard(lambda: store.officers.change_pin(officer_id, old, new))
    out.print("PIN changed.")


# --- cases and visits ------------------------------------------------------------------------

@case_app.command("list")
def case_list(ctx: typer.Context, status: Annotated[str | None, typer.Option(help="open, done")] = None,
              officer: OfficerOpt = None, json_: JsonOpt = False) -> None:
    """Cases on this station, newest first, with masked names (sign in to see them)."""
    with open_store(ctx.obj, exclusive=False) as store:
        signed = sign_in(store, officer) if (officer or os.environ.get("STATION_PIN")) else None
        cases = store.list_cases(signed, status)
    if json_:
        out.print_json(json.dumps([{**c.__dict__, "updated_at": c.updated_at.isoformat()} for c in cases],
                                  ensure_ascii=False))
        return
    table = Table("case", "status", "step", "officer", "customer", "updated")
    for c in cases:
        table.add_row(c.id, c.status, c.step, c.officer_id, c.customer, f"{c.updated_at.astimezone():%Y-%m-%d %H:%M}")
    out.print(table)


def _visit(store: Any, settings: Settings, officer: str | None, case_id: str | None) -> Any:
    from station.core.session import OfficerSession
    from station.core.visit import Visit

    signed = sign_in(store, officer)
    session = OfficerSession(signed, timedelta(minutes=settings.security.idle_lock_minutes))
    return guard(lambda: Visit.resume(store, session, case_id) if case_id else Visit.start(store, session))


@visit_app.command("start")
def visit_start(ctx: typer.Context, officer: OfficerOpt = None) -> None:
    """Start a case; prints its id."""
    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, None)
    out.print(visit.case_id)


@visit_app.command("status")
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


@visit_app.command("submit")
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
    if json_:
        out.print_json(json.dumps({"accepted": outcome.accepted, "next_step": outcome.next_step.value,
                                   "checks": [c.to_dict() for c in outcome.checks]}, ensure_ascii=False))
    else:
        for c in outcome.checks:
            colour = {"pass": "green", "warn": "yellow", "fail": "red"}[c.status.value]
            out.print(f"[{colour}]{c.status.value:>4}[/{colour}] {c.name}: {c.reason}")
        out.print("accepted; next: " + outcome.next_step.value if outcome.accepted else "[red]refused[/red]")
    if not outcome.accepted:
        raise typer.Exit(1)


@visit_app.command("redo")
def visit_redo(ctx: typer.Context, case_id: str, step: str,
               reason: Annotated[str, typer.Option(help="Why the step is redone (recorded).")],
               officer: OfficerOpt = None) -> None:
    """Go back to a step; the steps that depend on it must be done again."""
    from station.core.visit import Step

    with open_store(ctx.obj) as store:
        visit = _visit(store, ctx.obj, officer, case_id)
        guard(lambda: visit.redo(Step(step), reason))
        out.print(f"case {case_id} is back at {visit.current_step.value}")


# --- timestamp service -----------------------------------------------------------------------

@tsa_app.command("serve")
def tsa_serve(ctx: typer.Context, port: Annotated[int, typer.Option()] = 3161) -> None:
    """Serve the DEMO timestamp authority on 127.0.0.1 until interrupted."""
    from station.bootstrap import demo_pki
    from station.signing.tsa import from_demo_pki, serve

    pki = guard(lambda: demo_pki(ctx.obj))
    if pki is None:
        err.print("[red]The local timestamp service runs on the DEMO PKI only; this station uses another key.[/red]")
        raise typer.Exit(2)
    with serve(from_demo_pki(pki), port=port) as running:
        out.print(f"DEMO timestamp service at {running.url} (Ctrl-C to stop)")
        try:
            import threading

            threading.Event().wait()
        except KeyboardInterrupt:
            pass


def main() -> None:
    """Entry point of the ``station`` command."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
