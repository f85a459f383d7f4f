"""``station``: every capability without Qt, for scripts, QA and tests.

With no command it starts the desktop station. Global flags override the settings file and the
environment; every command prints errors as one sentence saying what to do, and exits non-zero.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from station.cli import face, idcard, loan, sign, sync, verify, visit
from station.cli.common import JsonOpt, OfficerOpt, err, guard, open_store, out, overrides_from, sign_in
from station.config import Settings, load_settings
from station.core.states import CaseStatus

app = typer.Typer(no_args_is_help=False, add_completion=False, help="The station: verify, open, lend, sign.")
audit_app = typer.Typer(help="The hash-chained audit trail.")
officer_app = typer.Typer(help="Officers of this station.")
case_app = typer.Typer(help="Cases on this station.")
tsa_app = typer.Typer(help="The local RFC 3161 timestamp service.")
for sub, name in ((audit_app, "audit"), (officer_app, "officer"), (case_app, "case"), (tsa_app, "tsa")):
    app.add_typer(sub, name=name)

# Each capability's command group lives in its own module under station/cli/ and is added here,
# one line each: app.add_typer(<module>.app, name="<group>").
app.add_typer(loan.app, name="loan")
app.add_typer(idcard.app, name="idcard")
app.add_typer(face.app, name="face")
app.add_typer(sign.app, name="sign")
app.add_typer(visit.app, name="visit")
app.command("verify")(verify.verify)
app.add_typer(sync.app, name="sync")
case_app.command("export")(sync.case_export)

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
    """Make the embedded defaults (settings file, database, DEMO PKI, DEMO officer) if missing, and the
    signature stamp font (built once per user, 10-30 s, so that the first signing does not wait for it)."""
    from station.operations.signing import build_stamp_font

    settings: Settings = ctx.obj
    with open_store(settings):
        guard(build_stamp_font)
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
def case_list(ctx: typer.Context,
              status: Annotated[CaseStatus | None, typer.Option(help="only the cases with this status")] = None,
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


# --- timestamp service -----------------------------------------------------------------------

@tsa_app.command("serve")
def tsa_serve(ctx: typer.Context, port: Annotated[int, typer.Option()] = 3161) -> None:
    """Serve the DEMO timestamp authority on 127.0.0.1 until interrupted."""
    from station.operations.signing import serve_timestamps

    with guard(lambda: serve_timestamps(ctx.obj, port)) as running:
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
