"""The face check in a process of its own, so that it cannot freeze the window.

dlib's face encoder (through ``face_recognition``) holds Python's GIL for its whole run, about 80 ms per
face on a quiet machine and over 120 ms on a busy one; a check encodes four faces, so on a thread of the
GUI process the window would stop four times. In its own process it cannot. The process starts with the
warm-up, loads the models once and runs :func:`station.operations.face.check_face` for one check at a
time, with the calibration the parent chose (:func:`station.operations.face.calibration_path`); the camera
is opened there, and every frame (as JPEG) and every prompt come back over a pipe for the preview. Nothing
is written to disk. No Qt here: the child process never loads it.

The pipe is the only thing the two processes share (no semaphores, which a window that is killed would
leave behind): the window sends a check, a stop or a quit; the process answers. Closing the window stops a
running check, asks the process to quit, waits for it and closes the pipe; a process whose window has
gone (its end of the pipe closed) ends quietly.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
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
_QUIT_TIMEOUT_S = 5.0
_STOPPED = "face-check-stopped-unexpectedly"


class FaceCheckError(StationError):
    """The face check could not run (no camera, no calibration, the models...): the message says why."""


class FaceWorker:
    """The face-check process; :meth:`check` blocks its (worker) thread until the check ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one check (or start) at a time
        self._send_lock = threading.Lock()  # stop and close send while a check's thread reads
        self._process: Any = None
        self._conn: Connection | None = None

    def start(self) -> None:
        """Start the process and wait until its models are loaded (a few seconds, once)."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._forget()
        here, there = _CONTEXT.Pipe()
        self._process = _CONTEXT.Process(target=_serve, args=(there,), name="station-face", daemon=True)
        self._process.start()
        there.close()
        self._conn = here
        try:
            kind, *rest = here.recv()
        except EOFError as exc:
            self._forget()
            raise FaceCheckError("face-check-not-started") from exc
        if kind != "ready":
            raise FaceCheckError(rest[0].id, **rest[0].args)

    def _send(self, *message: Any) -> None:
        conn = self._conn
        if conn is not None:
            with self._send_lock:
                conn.send(message)

    def _forget(self) -> None:
        """Close the pipe of a process that has ended."""
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def check(self, portrait: bytes, camera: str, calibration: Path | None, challenge: Sequence[str],
              on_frame: Callable[[bytes], None], on_observed: Callable[[Box, Message], None]) -> FaceCheck:
        """Run one check against the calibration file ``calibration`` (None: the shipped one); ``on_frame`` gets
        each frame as JPEG, ``on_observed`` the face box and the prompt."""
        with self._lock:
            self._start()
            conn = self._conn
            assert conn is not None
            try:
                self._send("check", portrait, camera, str(calibration) if calibration else None,
                           list(challenge))
            except OSError as exc:
                self._forget()
                raise FaceCheckError(_STOPPED) from exc
            while True:
                try:
                    kind, *rest = conn.recv()
                except EOFError as exc:
                    self._forget()
                    raise FaceCheckError(_STOPPED) from exc
                if kind == "frame":
                    on_frame(rest[0])
                elif kind == "observed":
                    on_observed(rest[0], rest[1])
                elif kind == "result":
                    return rest[0]
                else:
                    raise FaceCheckError(rest[0].id, **rest[0].args)

    def stop(self) -> None:
        """End the running check early (it returns with what it saw); the process ignores a late stop."""
        with contextlib.suppress(OSError):  # the process has ended: there is no check to stop
            self._send("stop")

    def close(self) -> None:
        """End the process: stop a running check, ask it to quit, wait for it, then close the pipe."""
        process = self._process
        if process is None:
            return
        with contextlib.suppress(OSError):  # it has ended already
            self._send("stop")
            self._send("quit")
        process.join(_QUIT_TIMEOUT_S)
        if process.is_alive():
            process.terminate()
            process.join(_QUIT_TIMEOUT_S)
        if self._lock.acquire(timeout=_QUIT_TIMEOUT_S):  # a check's thread has seen the end of the pipe by now
            try:
                self._forget()
            finally:
                self._lock.release()
        if process.exitcode is not None:
            process.close()


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

class _Requests:
    """What the window sent while a check runs: a stop, or a quit (the check ends first)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.stop = self.quit = False

    def end_now(self) -> bool:
        """Whether the check must end now (after reading what the window sent meanwhile)."""
        while self.conn.poll():
            kind = self.conn.recv()[0]
            self.stop = True
            self.quit = self.quit or kind == "quit"
        return self.stop


def _serve(conn: Connection) -> None:
    """The process's main loop: load the models, then run checks until told to quit or the window is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal is the window's to handle
    try:
        try:
            from station.vision.face_models import load_models

            load_models()
        except StationError as exc:
            conn.send(("error", exc.message))
            return
        conn.send(("ready",))
        while True:
            message = conn.recv()
            if message[0] == "quit":
                return
            if message[0] != "check":
                continue  # a stop that came after its check had ended
            requests = _Requests(conn)
            conn.send(_answer(requests, *message[1:]))
            if requests.quit:
                return
    except (EOFError, ConnectionError):
        return  # the window's end of the pipe is closed: nobody is left to answer


def _answer(requests: _Requests, *check: Any) -> tuple[str, Any]:
    """The check's result, or the error that says why there is none."""
    try:
        return ("result", _check(requests, *check))
    except (EOFError, ConnectionError):
        raise
    except StationError as exc:
        return ("error", exc.message)
    except Exception as exc:  # noqa: BLE001 - reported to the officer as a failed check, never a pass
        return ("error", Message("face-check-failed", {"error": f"{type(exc).__name__}: {exc}"}))


def _check(requests: _Requests, portrait: bytes, camera: str, calibration_file: str | None,
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
            if requests.end_now():
                return FrameRead(FrameStatus.END, message=Message("face-check-stopped"))
            read = source.read()
            if read.ok and read.frame is not None:
                ok, jpeg = cv2.imencode(".jpg", read.frame.image, [cv2.IMWRITE_JPEG_QUALITY, 80])
                if ok:
                    requests.conn.send(("frame", jpeg.tobytes()))
            return read

        def close(self) -> None:
            source.close()

    def observed(observation: Any, prompt: Message) -> None:
        box = observation.box
        requests.conn.send(("observed", (box.left, box.top, box.right, box.bottom) if box else None, prompt))

    try:
        verification = check_face(portrait, Preview(), calibration, challenge=[Action(a) for a in challenge],
                                  listener=observed)
    finally:
        source.close()
    return face_record(verification)
