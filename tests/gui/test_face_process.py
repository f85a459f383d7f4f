"""The face-check process ends without a word on stderr: when the window closes during a check, when it
closes the process without stopping the check first, and when the window's process is killed mid-check
(no traceback from the orphaned process, no semaphores left for multiprocessing to warn about)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.vision import facegen as fg

# A station-like parent: the face process runs a check on a video while the frames come in, then the
# parent ends the way the test names. The check's thread stands for the GUI's worker thread.
PARENT = """
import os, signal, sys, threading, time
from pathlib import Path
from station.operations.face_process import FaceCheckError, face_worker

how, video, portrait = sys.argv[1], sys.argv[2], Path(sys.argv[3]).read_bytes()
worker = face_worker()
worker.start()
frames, outcome = [], []

def check():
    try:
        outcome.append(type(worker.check(portrait, video, None, ["blink", "turn_left"], frames.append,
                                         lambda box, prompt: None)).__name__)
    except FaceCheckError as exc:
        outcome.append(str(exc))

thread = threading.Thread(target=check)
thread.start()
while len(frames) < 3:
    time.sleep(0.01)
if how == "killed":
    os.kill(os.getpid(), signal.SIGTERM)
if how == "window closed":  # the page leaves (stops the check), the worker threads end, then the process
    worker.stop()
    thread.join(30)
worker.close()
thread.join(30)
print(outcome[0], worker._process is None)
"""


@pytest.fixture(scope="module")
def camera(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A video of a face that does not do the challenge (the check runs until stopped) and the card's portrait."""
    folder = tmp_path_factory.mktemp("face")
    portrait = folder / "portrait.png"
    portrait.write_bytes(fg.card_png(fg.LIVE_PERSON, fg.FRONTAL))
    return fg.write_video(folder / "still.avi", fg.still_frames(count=600)), portrait


def _parent(how: str, camera: tuple[Path, Path]) -> subprocess.CompletedProcess[str]:
    # The orphaned face process inherits the pipes: run() returns only once it has ended too.
    return subprocess.run([sys.executable, "-c", PARENT, how, *map(str, camera)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("how", ["window closed", "closed mid-check"])
def test_closing_ends_the_check_and_the_process_silently(how: str, camera: tuple[Path, Path]) -> None:
    run = _parent(how, camera)
    assert run.stderr == ""
    assert run.returncode == 0 and run.stdout.split() == ["FaceCheck", "True"]  # the check ended with a result


def test_a_killed_window_leaves_a_face_process_that_ends_silently(camera: tuple[Path, Path]) -> None:
    run = _parent("killed", camera)
    assert run.returncode == -15  # SIGTERM
    assert run.stderr == ""
