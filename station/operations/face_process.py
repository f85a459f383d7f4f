"""The face check in a process of its own, so that it cannot freeze the window.

dlib's face encoder (through ``face_recognition``) holds Python's GIL for its whole run, about 80 ms per
face on a quiet machine and over 120 ms on a busy one; a check encodes four faces, so on a thread of the
GUI process the window would stop four times. In its own process it cannot. The process starts with the
warm-up, loads the models once and runs :func:`station.operations.face.check_face` for one check at a
time, with the calibration the parent chose (:func:`station.operations.face.calibration_path`); the camera
is opened there, and every frame (as JPEG) and every prompt come back over a pipe for the preview. Nothing
is written to disk. No Qt here: the child process never loads it.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from station.core.models import FaceCheck
from station.errors import StationError
from station.messages import Message

Box = tuple[int, int, int, int] | None
_CONTEXT = multiprocessing.get_context("spawn")  # a clean process: no copy of the GUI's threads or Qt


class FaceCheckError(StationError):
    """The face check could not run (no camera, no calibration, the models...): the message says why."""


class FaceWorker:
    """The face-check process; :meth:`check` blocks its (worker) thread until the check ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = _CONTEXT.Event()
        self._process: Any = None
        self._conn: Connection | None = None

    def start(self) -> None:
        """Start the process and wait until its models are loaded (a few seconds, once)."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        here, there = _CONTEXT.Pipe()
        self._process = _CONTEXT.Process(target=_serve, args=(there, self._stop), name="station-face", daemon=True)
        self._process.start()
        there.close()
        self._conn = here
        kind, *rest = here.recv()
        if kind != "ready":
            raise FaceCheckError(rest[0].id, **rest[0].args)

    def check(self, portrait: bytes, camera: str, calibration: Path | None, challenge: Sequence[str],
              on_frame: Callable[[bytes], None], on_observed: Callable[[Box, Message], None]) -> FaceCheck:
        """Run one check against the calibration file ``calibration`` (None: the shipped one); ``on_frame`` gets
        each frame as JPEG, ``on_observed`` the face box and the prompt."""
        with self._lock:
            self._start()
            assert self._conn is not None
            self._stop.clear()
            self._conn.send(("check", portrait, camera, str(calibration) if calibration else None,
                             list(challenge)))
            while True:
                try:
                    kind, *rest = self._conn.recv()
                except EOFError as exc:
                    self._process = None
                    raise FaceCheckError("face-check-stopped-unexpectedly") from exc
                if kind == "frame":
                    on_frame(rest[0])
                elif kind == "observed":
                    on_observed(rest[0], rest[1])
                elif kind == "result":
                    return rest[0]
                else:
                    raise FaceCheckError(rest[0].id, **rest[0].args)

    def stop(self) -> None:
        """End the running check early (it returns with what it saw)."""
        self._stop.set()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.is_alive() and self._conn is not None:
            self._conn.send(("quit",))
            process.join(5)


_worker: FaceWorker | None = None
_worker_lock = threading.Lock()


def face_worker() -> FaceWorker:
    """The station's one face-check process."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = FaceWorker()
        return _worker


# --- the child process --------------------------------------------------------------------------

def _serve(conn: Connection, stop: Any) -> None:
    """The process's main loop: load the models, then run checks until told to quit."""
    try:
        from station.vision.face_models import load_models

        load_models()
    except StationError as exc:
        conn.send(("error", exc.message))
        return
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message[0] == "quit":
            return
        try:
            conn.send(("result", _check(conn, stop, *message[1:])))
        except StationError as exc:
            conn.send(("error", exc.message))
        except Exception as exc:  # noqa: BLE001 - reported to the officer as a failed check, never a pass
            conn.send(("error", Message("face-check-failed", {"error": f"{type(exc).__name__}: {exc}"})))


def _check(conn: Connection, stop: Any, portrait: bytes, camera: str, calibration_file: str | None,
           challenge: list[str]) -> FaceCheck:
    import cv2

    from station.operations.face import check_face, face_record, load_face_calibration
    from station.vision.frames import FrameRead, FrameStatus, open_source
    from station.vision.liveness import Action

    calibration = load_face_calibration(Path(calibration_file) if calibration_file else None)
    source = open_source(camera)

    class Preview:
        """The camera, sending a JPEG of each frame to the window, and ending when the officer stops."""

        description = source.description

        def read(self) -> FrameRead:
            if stop.is_set():
                return FrameRead(FrameStatus.END, message=Message("face-check-stopped"))
            read = source.read()
            if read.ok and read.frame is not None:
                ok, jpeg = cv2.imencode(".jpg", read.frame.image, [cv2.IMWRITE_JPEG_QUALITY, 80])
                if ok:
                    conn.send(("frame", jpeg.tobytes()))
            return read

        def close(self) -> None:
            source.close()

    def observed(observation: Any, prompt: Message) -> None:
        box = observation.box
        conn.send(("observed", (box.left, box.top, box.right, box.bottom) if box else None, prompt))

    try:
        verification = check_face(portrait, Preview(), calibration, challenge=[Action(a) for a in challenge],
                                  listener=observed)
    finally:
        source.close()
    return face_record(verification)
