"""What every command module shares: consoles, error handling, opening the store, signing in."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from station.config import Settings
from station.errors import StationError

_T = TypeVar("_T")

_WIDTH = None if sys.stdout.isatty() else 160  # pipes and CI logs get wide tables, not 80 columns
out = Console(width=_WIDTH)
err = Console(stderr=True, width=_WIDTH)


def overrides_from(pairs: list[str]) -> dict[str, Any]:
    """``section.key=value`` flags as nested dicts."""
    result: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise typer.BadParameter(f"--set wants section.key=value, got {pair!r}")
        node = result
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return result



def guard(fn: Callable[[], _T]) -> _T:
    """Run ``fn``; a StationError becomes its message on stderr and exit code 2."""
    try:
        return fn()
    except StationError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


@contextmanager
def open_store(settings: Settings, exclusive: bool = True, make_defaults: bool = True) -> Iterator[Any]:
    """The store (with the first-run defaults made, unless a command only reads); errors exit 2."""
    from station.bootstrap import prepare
    from station.operations.visit import open_store as open_case_store

    store = guard(lambda: open_case_store(settings, exclusive=exclusive))
    try:
        if make_defaults:
            _print_first_run(guard(lambda: prepare(settings, store)))
        yield store
    except StationError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    finally:
        store.close()


def _print_first_run(run: Any) -> None:
    from station.bootstrap import DEMO_OFFICER_ID, DEMO_OFFICER_PIN

    for line in run.created:
        err.print(f"[yellow]First run: made {line}.[/yellow]")
    if run.demo_officer:
        err.print(f"[yellow]Sign in as '{DEMO_OFFICER_ID}' with PIN {DEMO_OFFICER_PIN}; "
                  "this DEMO officer is for trying the station, not for real customers.[/yellow]")


def sign_in(store: Any, officer: str | None) -> Any:
    """Sign in from --officer (or STATION_OFFICER) and STATION_PIN, or ask."""
    officer_id = officer or os.environ.get("STATION_OFFICER") or typer.prompt("Officer id")
    pin = os.environ.get("STATION_PIN") or typer.prompt("PIN", hide_input=True)
    return guard(lambda: store.officers.sign_in(officer_id, pin))


OfficerOpt = Annotated[str | None, typer.Option("--officer", help="Officer id (or STATION_OFFICER); "
                                                "the PIN comes from STATION_PIN or a prompt.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
