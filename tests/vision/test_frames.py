"""Frame sources: video files (looping or not), picture folders, cameras, and every way they fail."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from station.vision.frames import (
    CameraSource,
    FrameSource,
    FrameSourceError,
    FrameStatus,
    ImageFolderSource,
    VideoFileSource,
    as_bgr,
    decode_image,
    open_source,
)

from . import facegen as fg


def numbered(n: int, size: tuple[int, int] = (160, 120)) -> list[np.ndarray]:
    """Frames whose mean grey level tells their number (10 per frame)."""
    return [np.full((size[1], size[0], 3), 10 * i + 5, np.uint8) for i in range(n)]


def levels(source: FrameSource, reads: int) -> list[tuple[str, int | None]]:
    result = []
    for _ in range(reads):
        read = source.read()
        level = round(float(read.frame.image.mean()) / 10 - 0.5) if read.frame is not None else None
        result.append((read.status.value, level))
    return result


@pytest.mark.parametrize("name", ["clip.avi", "clip.mp4"])
def test_video_file_gives_every_frame_then_end(tmp_path: Path, name: str) -> None:
    path = fg.write_video(tmp_path / name, numbered(6))
    with VideoFileSource(path) as source:
        assert isinstance(source, FrameSource)
        seen = levels(source, 8)
    assert seen == [("ok", i) for i in range(6)] + [("end", None), ("end", None)]


def test_video_times_follow_the_file_and_keep_growing_when_looping(tmp_path: Path) -> None:
    path = fg.write_video(tmp_path / "clip.avi", numbered(4), fps=10)
    with VideoFileSource(path, loop=True) as source:
        reads = [source.read() for _ in range(10)]
    assert all(r.ok for r in reads)
    assert [round(float(r.frame.image.mean()) / 10 - 0.5) for r in reads] == [0, 1, 2, 3] * 2 + [0, 1]
    times = [r.frame.t_ms for r in reads]
    assert times[:4] == pytest.approx([0, 100, 200, 300], abs=1)
    assert all(b > a for a, b in zip(times, times[1:], strict=False))


def test_a_damaged_frame_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = fg.write_video(tmp_path / "clip.avi", numbered(12))
    fg.wipe_frame(path)
    with VideoFileSource(path) as source:
        seen = levels(source, 13)
    statuses = [s for s, _ in seen]
    assert statuses.count("corrupt") == 1 and statuses[-1] == "end"
    good = [lvl for s, lvl in seen if s == "ok"]
    (missing,) = set(range(12)) - set(good)
    assert 0 < missing < 11 and good == [i for i in range(12) if i != missing]
    assert f"Frame {missing} " in next(r for r in seen_reasons(path) if r)


def seen_reasons(path: Path) -> list[str]:
    with VideoFileSource(path) as source:
        return [source.read().reason for _ in range(13)]


def test_video_that_is_not_there_or_not_a_video(tmp_path: Path) -> None:
    with pytest.raises(FrameSourceError, match="does not exist"):
        VideoFileSource(tmp_path / "missing.avi")
    junk = tmp_path / "junk.avi"
    junk.write_bytes(b"not a video at all" * 10)
    with pytest.raises(FrameSourceError, match="cannot be opened"):
        VideoFileSource(junk)


def test_picture_folder_in_natural_order_with_a_corrupt_picture(tmp_path: Path) -> None:
    for i, image in enumerate(numbered(3)):
        cv2.imwrite(str(tmp_path / f"{[2, 10, 1][i]}.png"), image)  # 2.png is level 0, 10.png 1, 1.png 2
    (tmp_path / "5.jpg").write_bytes(b"\xff\xd8broken jpeg")
    (tmp_path / "notes.txt").write_text("not a picture")
    with ImageFolderSource(tmp_path) as source:
        assert [f.name for f in source.files] == ["1.png", "2.png", "5.jpg", "10.png"]
        reads = [source.read() for _ in range(5)]
    assert [r.status for r in reads] == [FrameStatus.OK, FrameStatus.OK, FrameStatus.CORRUPT, FrameStatus.OK,
                                         FrameStatus.END]
    assert "5.jpg" in reads[2].reason
    assert reads[3].frame.t_ms == pytest.approx(3 * 1000 / 15)


def test_one_picture_file_and_looping(tmp_path: Path) -> None:
    picture = tmp_path / "face.png"
    cv2.imwrite(str(picture), fg.orl(1, 1))  # grey: comes back as BGR
    with ImageFolderSource(picture, loop=True) as source:
        reads = [source.read() for _ in range(3)]
    assert all(r.ok and r.frame.image.shape == (28, 23, 3) for r in reads)


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FrameSourceError, match="holds no pictures"):
        ImageFolderSource(tmp_path)
    with pytest.raises(FrameSourceError, match="does not exist"):
        ImageFolderSource(tmp_path / "nowhere")


def test_camera_that_is_not_there_is_a_clear_error() -> None:
    with pytest.raises(FrameSourceError, match="No camera answers at camera 9"):
        CameraSource(9)


def test_camera_that_disappears_mid_stream_is_lost(tmp_path: Path) -> None:
    """A stream that stops answering (here a clip OpenCV opens as the camera's stream) is LOST, not END."""
    stream = fg.write_video(tmp_path / "stream.avi", numbered(3))
    camera = CameraSource(str(stream))
    seen = [camera.read() for _ in range(5)]
    assert [r.status for r in seen] == [FrameStatus.OK] * 3 + [FrameStatus.LOST] * 2
    assert "stopped sending pictures" in seen[3].reason and "override" in seen[3].reason
    camera.close()


def test_open_source_picks_the_kind(tmp_path: Path) -> None:
    clip = fg.write_video(tmp_path / "c.avi", numbered(2))
    cv2.imwrite(str(tmp_path / "p.png"), numbered(1)[0])
    assert isinstance(open_source(clip), VideoFileSource)
    assert isinstance(open_source(str(tmp_path / "p.png")), ImageFolderSource)
    assert isinstance(open_source(tmp_path), ImageFolderSource)
    with pytest.raises(FrameSourceError, match="camera 7"):
        open_source("7")


def test_pictures_are_normalised_or_refused() -> None:
    assert as_bgr(np.zeros((20, 20), np.uint8)).shape == (20, 20, 3)
    assert as_bgr(np.zeros((20, 20, 4), np.uint8)).shape == (20, 20, 3)
    assert as_bgr(np.zeros((20, 20, 3), np.float32)) is None
    assert as_bgr(np.zeros((0, 0, 3), np.uint8)) is None
    assert as_bgr(None) is None
    assert decode_image(b"") is None and decode_image(b"garbage") is None
    assert decode_image(fg.png(fg.orl(1, 1))).shape == (28, 23, 3)
