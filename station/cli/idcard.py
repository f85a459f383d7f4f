"""``station idcard``: read a resident ID card from image files: fields, checks and timings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from station.cli.common import JsonOpt, guard, out

if TYPE_CHECKING:
    from station.vision.idcard import CardReading

app = typer.Typer(no_args_is_help=True, help="Resident ID cards (居民身份证): OCR, fields and checks.")

_STATUS = {"pass": "[green]ok[/green]", "warn": "[yellow]warn[/yellow]", "fail": "[red]FAIL[/red]"}


@app.command("read")
def read_command(
    ctx: typer.Context,
    front: Annotated[Path, typer.Argument(help="Image of one side (JPEG, PNG, ...): usually the front.")],
    back: Annotated[Path | None, typer.Argument(help="Image of the other side.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Read the card in FRONT (and BACK; the sides are told apart by what is printed on them).

    Exits 0 when every check passes (warnings allowed), 1 when a check fails or a picture must be
    taken again, 2 when a file cannot be opened or the OCR engine cannot start.
    """
    from station.operations.idcard import read_card_files

    paths = [p for p in (front, back) if p is not None]
    reading = guard(lambda: read_card_files(ctx.obj, paths))  # the engine loads on the first OCR
    if json_:
        out.print_json(json.dumps(reading.to_dict(), ensure_ascii=False))
    else:
        _print(reading)
    raise typer.Exit(0 if reading.passed else 1)


def _print(reading: CardReading) -> None:
    fields = Table("field", "value", "confidence", title=f"ID card ({reading.engine})")
    for name, f in reading.fields.items():
        doubtful = set(f.doubtful) if f.doubtful or not f.problem else set(range(len(f.value)))
        value = "".join(f"[reverse red]{escape(ch)}[/reverse red]" if i in doubtful else escape(ch)
                        for i, ch in enumerate(f.value))
        note = f" [yellow]({escape(f.problem)})[/yellow]" if f.problem else ""
        fields.add_row(name, value + note, f"{f.confidence:.3f}")
    if reading.fields:
        out.print(fields)
    checks = Table("", "check", "reason")
    for c in reading.checks:
        checks.add_row(_STATUS[c.status.value], c.name, escape(c.reason))
    out.print(checks)
    timings = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in reading.timings.items())
    out.print(f"timings: {timings}")
