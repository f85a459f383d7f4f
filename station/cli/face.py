"""``station face``: match a live face against a card portrait, and calibrate the threshold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from station.cli.common import JsonOpt, err, guard, out
from station.config import Settings
from station.messages import Message

app = typer.Typer(help="Face matching against the ID card portrait, with liveness.", no_args_is_help=True)


def challenge_option(text: str | None) -> list[Any] | None:
    """The --challenge option as liveness actions (``random``: a random pair)."""
    from station.operations.face import parse_challenge

    try:
        return parse_challenge(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc

EXIT_NO_MATCH = 1
EXIT_RETRY = 3


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    card: Annotated[Path, typer.Option(help="The card portrait (an image file).", exists=True, dir_okay=False)],
    live: Annotated[str, typer.Option(help="A video file, a picture, a folder of pictures, or a camera index.")],
    challenge: Annotated[str | None, typer.Option(
        help="Liveness actions in order, e.g. blink,turn_left; 'random' asks a random one (for a camera). "
             "Without it no liveness check is run.")] = None,
    calibration: Annotated[Path | None, typer.Option(help="A calibration file (default: the station's).")] = None,
    max_frames: Annotated[int, typer.Option(help="Stop after this many frames.")] = 300,
    json_: JsonOpt = False,
) -> None:
    """Match the live face against the card portrait. Exit 0 match, 1 no match, 3 retry, 2 on an error."""
    from station.operations.camera import open_frames
    from station.operations.face import calibration_path, check_face, load_face_calibration

    settings: Settings = ctx.obj
    calib = guard(lambda: load_face_calibration(calibration or calibration_path(settings)))
    actions = challenge_option(challenge)
    try:
        portrait = card.read_bytes()
    except OSError as exc:
        err.print(f"[red]Cannot read the card photo {card.name}: {exc.strerror}.[/red]")
        raise typer.Exit(2) from exc
    prompts: list[str] = []

    def tell(_observation: Any, prompt: Message) -> None:
        if actions and (not prompts or prompts[-1] != prompt) and not json_:
            prompts.append(prompt)
            err.print(f"[cyan]{prompt}[/cyan]")

    with guard(lambda: open_frames(live)) as source:
        result = check_face(portrait, source, calib, challenge=actions, listener=tell, max_frames=max_frames)
    data = result.to_dict()
    if json_:
        out.print_json(json.dumps(data, ensure_ascii=False))
    else:
        colour = {"match": "green", "no_match": "red", "retry": "yellow"}[data["decision"]]
        distance = "-" if data["distance"] is None else f"{data['distance']:.3f}"
        out.print(f"[{colour}]{data['decision']}[/{colour}]: distance {distance}, threshold {data['threshold']:.3f}")
        out.print(data["reason"])
        if result.liveness is not None:
            live_colour = "green" if result.liveness.passed else "red"
            out.print(f"liveness: [{live_colour}]{'passed' if result.liveness.passed else 'failed'}"
                      f"[/{live_colour}]: {result.liveness.reason}")
        timings = data["timings_ms"]
        out.print(f"card {timings['card_encoding_ms']:.0f} ms, live frames {timings['live_encoding_ms']:.0f} ms, "
                  f"capture {timings['capture_ms']:.0f} ms; calibration: {data['calibration']}")
    if data["decision"] == "no_match":
        raise typer.Exit(EXIT_NO_MATCH)
    if data["decision"] == "retry":
        raise typer.Exit(EXIT_RETRY)


@app.command("calibrate")
def calibrate_command(
    ctx: typer.Context,
    dataset: Annotated[Path, typer.Argument(help="A folder with one sub-folder of photos per person.",
                                            exists=True, file_okay=False)],
    out_file: Annotated[Path | None, typer.Option("--out", help="Where to write the calibration (default: the "
                                                  "settings' face.thresholds_file, else <data>/face/calibration.json).")
                        ] = None,
    target_far: Annotated[float, typer.Option(help="The false-accept rate the threshold is set for.")] = 0.001,
    describe: Annotated[str | None, typer.Option(help="What the data set is (who, how many, source), recorded "
                                                 "in the file.")] = None,
    note: Annotated[str, typer.Option(help="A remark recorded in the file (limits of the data set).")] = "",
    json_: JsonOpt = False,
) -> None:
    """Measure genuine and impostor distances on DATASET (card-vs-live protocol), find the EER and the threshold
    at the target FAR, and write them to the file the station loads."""
    from station.operations.face import calibrate

    if not 0.0 < target_far < 0.5:
        raise typer.BadParameter("the target FAR is a fraction between 0 and 0.5, e.g. 0.001 for 0.1 %")

    def progress(done: int, total: int) -> None:
        if not json_ and (done % max(1, total // 10) == 0 or done == total):
            err.print(f"encoded {done}/{total}")

    run = guard(lambda: calibrate(ctx.obj, dataset, target_far=target_far, description=describe, note=note,
                                  out_file=out_file, progress=progress))
    calibration, target = run.calibration, run.written_to
    if json_:
        out.print_json(json.dumps({**calibration.to_dict(), "written_to": str(target)}, ensure_ascii=False))
        return
    out.print(f"threshold {calibration.threshold:.4f} at FAR {calibration.far:.3%} (target {target_far:.3%}), "
              f"FRR {calibration.frr:.2%}; EER {calibration.eer:.2%} at {calibration.eer_threshold:.4f}")
    out.print(f"{calibration.genuine_decisions} genuine and {calibration.impostor_decisions} impostor decisions, "
              f"{calibration.people} people; written to {target}")
