"""Frame sources: where live pictures come from, behind one small protocol.

A :class:`FrameSource` gives :class:`FrameRead` values: a frame, or a typed outcome saying why there is
none (the end of a file, a frame that cannot be decoded, a camera that stopped answering). Nothing here
raises once a source is open; opening one that cannot be used raises :class:`FrameSourceError` with a
sentence for the officer. Frames stay in memory: nothing is written anywhere.

Sources: a camera (:class:`CameraSource`, by index or by a stream address OpenCV opens), a video file
(:class:`VideoFileSource`, looping or not) and a folder of images or one image (:class:`ImageFolderSource`).
Tests use video files made from still photos as the camera.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

import cv2
import numpy as np

from station.errors import StationError
from station.messages import Message

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm"})
_RETRIES = 3  # failed reads in a row before a file is at its end or a camera is gone


class FrameSourceError(StationError):
    """A frame source cannot be opened: the message says which and what to do."""


class FrameStatus(StrEnum):
    """What one read from a source gave."""

    OK = "ok"
    END = "end"  # a file source has no more frames
    CORRUPT = "corrupt"  # one frame could not be decoded; the next read goes on after it
    LOST = "lost"  # the camera stopped sending pictures


@dataclass(frozen=True)
class Frame:
    """One picture: BGR, 8 bits, 3 channels; ``t_ms`` is its time in the source (video time, or the
    monotonic clock for a camera); ``index`` counts the reads of the source, failed ones included."""

    image: np.ndarray
    index: int
    t_ms: float

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels."""
        return self.image.shape[1], self.image.shape[0]


@dataclass(frozen=True)
class FrameRead:
    """The outcome of one read: ``frame`` when ``status`` is OK, otherwise a reason for the officer."""

    status: FrameStatus
    frame: Frame | None = None
    message: Message | None = None

    @property
    def reason(self) -> str:
        """The reason in English ("" for a good read)."""
        return "" if self.message is None else str(self.message)

    @property
    def ok(self) -> bool:
        return self.status is FrameStatus.OK

    @property
    def corrupt(self) -> bool:
        """A frame that could not be decoded: skip it, the next may be fine."""
        return self.status is FrameStatus.CORRUPT


@runtime_checkable
class FrameSource(Protocol):
    """Anything that gives frames one by one."""

    @property
    def description(self) -> Message:
        """What the source is (no personal data), for messages."""
        ...

    def read(self) -> FrameRead:
        """The next frame, or why there is none; never raises."""
        ...

    def close(self) -> None:
        """Release the device or file; reading afterwards gives END (LOST for a camera)."""
        ...


def as_bgr(image: np.ndarray | None) -> np.ndarray | None:
    """The picture as 8-bit 3-channel BGR, or None if it is not a usable picture."""
    if not isinstance(image, np.ndarray) or image.size == 0 or image.dtype != np.uint8:
        return None
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.ndim != 3 or min(image.shape[:2]) < 8:
        return None
    if image.shape[2] == 3:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    if image.shape[2] == 1:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    return None


def decode_image(data: bytes) -> np.ndarray | None:
    """Decode an encoded picture (PNG, JPEG, ...) held in memory to BGR; None if it does not decode."""
    if not data:
        return None
    try:
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    except cv2.error:
        return None
    return as_bgr(image)


@contextmanager
def _quiet_opencv() -> Iterator[None]:
    """OpenCV's own warnings (a missing camera index) are replaced by our typed outcome."""
    level = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        cv2.utils.logging.setLogLevel(level)


class _Closing:
    """Context-manager support shared by the sources."""

    def close(self) -> None:  # pragma: no cover - every source defines its own
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class CameraSource(_Closing):
    """A live camera: ``device`` is an index (0, 1, ...) or an address OpenCV opens (a stream URL).

    A read that fails is tried again up to a few times; when none succeeds the camera is LOST (unplugged,
    switched off, taken by another program): the caller stops and says so.
    """

    def __init__(self, device: int | str = 0, width: int = 640, height: int = 480, retries: int = _RETRIES) -> None:
        self.device = device
        self._retries = retries
        with _quiet_opencv():
            self._cap = cv2.VideoCapture(device)
            opened = self._cap.isOpened()
        if not opened:
            self._cap.release()
            raise FrameSourceError("camera-none", camera=self.description)
        if isinstance(device, int):
            self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._index = 0
        self._lost = False

    @property
    def description(self) -> Message:
        return Message("source-camera", {"device": self.device}) if isinstance(self.device, int) else \
            Message("source-camera-stream")

    def read(self) -> FrameRead:
        if self._lost:
            return _lost(self.description)
        for _ in range(self._retries):
            with _quiet_opencv():
                try:
                    ok, image = self._cap.read()
                except cv2.error:
                    ok, image = False, None
            picture = as_bgr(image) if ok else None
            if picture is not None:
                frame = Frame(picture, self._index, time.monotonic() * 1000.0)
                self._index += 1
                return FrameRead(FrameStatus.OK, frame)
        self._lost = True
        self._cap.release()
        return _lost(self.description)

    def close(self) -> None:
        self._lost = True
        self._cap.release()


def _lost(description: Message) -> FrameRead:
    return FrameRead(FrameStatus.LOST, message=Message("camera-lost", {"camera": description}))


class VideoFileSource(_Closing):
    """A video file read frame by frame; with ``loop`` it starts again at the end, with times that go on."""

    def __init__(self, path: str | Path, loop: bool = False) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FrameSourceError("video-missing", video=self.path.name)
        with _quiet_opencv():
            self._cap = cv2.VideoCapture(str(self.path))
            opened = self._cap.isOpened()
        if not opened:
            self._cap.release()
            raise FrameSourceError("video-unopenable", video=self.path.name)
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        self.fps = fps if 1.0 <= fps <= 240.0 else 15.0
        self.loop = loop
        self._index = 0
        self._offset_ms = 0.0  # added to the video's own time after each loop
        self._last_ms = 0.0
        self._pending: FrameRead | None = None
        self._good_in_pass = 0
        self._closed = False

    @property
    def description(self) -> Message:
        return Message("source-video", {"name": self.path.name})

    def read(self) -> FrameRead:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending
        if self._closed:
            return FrameRead(FrameStatus.END, message=Message("source-closed", {"source": self.description}))
        first = self._grab()
        if first is not None:
            return FrameRead(FrameStatus.OK, first)
        for _ in range(_RETRIES - 1):  # a damaged frame is followed by good ones; the end by nothing
            after = self._grab()
            if after is not None:
                self._pending = FrameRead(FrameStatus.OK, after)
                index = after.index - 1
                return FrameRead(FrameStatus.CORRUPT, message=Message("frame-undecodable", {
                    "frame": index, "source": self.description}))
        if self.loop and self._good_in_pass:
            self._offset_ms = self._last_ms + 1000.0 / self.fps
            self._good_in_pass = 0
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            return self.read()
        return FrameRead(FrameStatus.END, message=Message("video-ended", {"source": self.description}))

    def _grab(self) -> Frame | None:
        index = self._index
        self._index += 1
        try:
            ok, image = self._cap.read()
        except cv2.error:
            return None
        picture = as_bgr(image) if ok else None
        if picture is None:
            return None
        t_ms = self._offset_ms + self._cap.get(cv2.CAP_PROP_POS_MSEC)
        self._last_ms = t_ms
        self._good_in_pass += 1
        return Frame(picture, index, t_ms)

    def close(self) -> None:
        self._closed = True
        self._pending = None
        self._cap.release()


def _natural_key(path: Path) -> list[object]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


class ImageFolderSource(_Closing):
    """The pictures of a folder in natural name order (2.png before 10.png), or one picture file.

    Times advance by ``1000 / fps`` per picture; a file that does not decode is a CORRUPT read, and
    the next read goes on with the next file.
    """

    def __init__(self, path: str | Path, loop: bool = False, fps: float = 15.0) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            files = sorted((p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
                           key=_natural_key)
        elif self.path.is_file():
            files = [self.path]
        else:
            raise FrameSourceError("pictures-missing", path=self.path.name)
        if not files:
            raise FrameSourceError("pictures-none", folder=self.path.name, suffixes=", ".join(sorted(IMAGE_SUFFIXES)))
        self.files = files
        self.loop = loop
        self.fps = fps
        self._index = 0
        self._closed = False

    @property
    def description(self) -> Message:
        return Message("source-pictures" if self.path.is_dir() else "source-picture", {"name": self.path.name})

    def read(self) -> FrameRead:
        if self._closed:
            return FrameRead(FrameStatus.END, message=Message("pictures-closed", {"source": self.description}))
        position = self._index % len(self.files) if self.loop else self._index
        if position >= len(self.files):
            return FrameRead(FrameStatus.END, message=Message("pictures-ended", {"source": self.description}))
        index = self._index
        self._index += 1
        file = self.files[position]
        try:
            image = decode_image(file.read_bytes())
        except OSError as exc:
            return FrameRead(FrameStatus.CORRUPT, message=Message("picture-unreadable", {
                "file": file.name, "problem": str(exc.strerror)}))
        if image is None:
            return FrameRead(FrameStatus.CORRUPT, message=Message("picture-undecodable", {"file": file.name}))
        return FrameRead(FrameStatus.OK, Frame(image, index, index * 1000.0 / self.fps))

    def close(self) -> None:
        self._closed = True


def open_source(spec: str | int | Path, loop: bool = False) -> FrameSource:
    """The source a setting or a command-line argument names: a camera index ("0"), a folder of pictures,
    a picture file, or a video file."""
    if isinstance(spec, int) or (isinstance(spec, str) and spec.strip().isdigit()):
        return CameraSource(int(spec))
    path = Path(spec)
    if path.is_dir() or path.suffix.lower() in IMAGE_SUFFIXES:
        return ImageFolderSource(path, loop=loop)
    return VideoFileSource(path, loop=loop)
