"""Where frames come from: the camera the settings name (``ui.camera``: a device index, or a video file or
folder of pictures that stands in for one), or the frames a command names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from station.config import Settings

if TYPE_CHECKING:
    from station.vision.frames import FrameSource


def open_frames(spec: str, *, loop: bool = False) -> FrameSource:
    """A camera index ("0"), a video file, a picture or a folder of pictures; ``loop`` replays a file."""
    from station.vision.frames import open_source

    return open_source(spec, loop=loop)


def open_camera(settings: Settings) -> FrameSource:
    """The station's camera; a file standing in for it plays in a loop, as a camera does not end."""
    camera = settings.ui.camera
    return open_frames(camera, loop=not camera.isdigit())
