"""Image files in, BGR arrays out: decoding with a clear reason for every file that cannot be used.

Camera JPEGs, scanner PNGs, greyscale scans, PNGs with alpha, 16-bit TIFFs and 40-megapixel photos all
come out as an 8-bit BGR array no larger than :data:`MAX_SIDE` on its long side; an empty, truncated or
unknown file, or an absurdly large one, raises :class:`ImageError` saying what to do. Nothing is ever
written to disk.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from station.errors import StationError

MAX_SIDE = 2000
"""Long side of the working image: enough for a card that fills the frame to keep ~2 px per printed px."""
MAX_PIXELS = 120_000_000
"""Larger files are refused before decoding (a 40 MP photo is fine; a decompression bomb is not)."""


class ImageError(StationError):
    """An image file that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class LoadedImage:
    """A decoded image and what the file was: its size, and whether it was a greyscale file."""

    bgr: np.ndarray
    original_size: tuple[int, int]  # (width, height) in the file
    mode: str  # Pillow's mode in the file: "RGB", "L", "RGBA", "I;16", ...
    greyscale: bool

    @property
    def scale(self) -> float:
        """Working size over file size (1.0 when the file was small enough)."""
        return self.bgr.shape[1] / self.original_size[0]


def read_file(path: Path | str) -> bytes:
    """An image file's bytes; :class:`ImageError` with a clear sentence when it cannot be read."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImageError("image-no-file", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise ImageError("image-is-folder", path=str(path)) from exc
    except OSError as exc:
        raise ImageError("image-unreadable", path=str(path), problem=str(exc.strerror)) from exc


def decode_image(data: bytes, max_side: int = MAX_SIDE) -> LoadedImage:
    """Decode image bytes into 8-bit BGR, at most ``max_side`` pixels on the long side.

    Transparent pixels are laid on white; JPEGs larger than needed are decoded at a reduced scale;
    the EXIF orientation of camera photos is applied.
    """
    if not data:
        raise ImageError("image-empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # MAX_PIXELS decides, below
            im = Image.open(io.BytesIO(data))
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ImageError(
                    "image-too-many-pixels", width=width, height=height,
                    megapixels=f"{width * height / 1e6:.0f}", max=f"{MAX_PIXELS / 1e6:.0f}",
                )
            if width < 1 or height < 1:
                raise ImageError("image-no-pixels")
            mode = im.mode
            if im.format == "JPEG" and mode in ("RGB", "L"):  # a camera photo: OpenCV decodes it to BGR directly
                bgr = _decode_jpeg(data, max(width, height), max_side)
                if bgr is not None:
                    return LoadedImage(_fit(bgr, max_side), (width, height), mode, mode == "L")
            im.draft("RGB", (max_side, max_side))  # JPEG only: decode at 1/2, 1/4 or 1/8 when that is enough
            im = ImageOps.exif_transpose(im)
            rgb, greyscale = _to_rgb(im)
    except ImageError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageError("image-too-large", problem=str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise ImageError("image-unknown-format") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError("image-damaged", problem=str(exc)) from exc
    return LoadedImage(_fit(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), max_side), (width, height), mode, greyscale)


def _decode_jpeg(data: bytes, long_side: int, max_side: int) -> np.ndarray | None:
    """A JPEG decoded by OpenCV (EXIF orientation applied), at 1/2, 1/4 or 1/8 scale when that still
    leaves ``max_side`` pixels; None if OpenCV cannot decode it (Pillow then says why)."""
    flags = cv2.IMREAD_COLOR
    for factor, reduced in ((8, cv2.IMREAD_REDUCED_COLOR_8), (4, cv2.IMREAD_REDUCED_COLOR_4),
                            (2, cv2.IMREAD_REDUCED_COLOR_2)):
        if long_side // factor >= max_side:
            flags = reduced
            break
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    return bgr if bgr is not None and bgr.ndim == 3 and bgr.size else None


def _fit(bgr: np.ndarray, max_side: int) -> np.ndarray:
    """The image shrunk to ``max_side`` on its long side if it is longer."""
    long_side = max(bgr.shape[:2])
    if long_side <= max_side:
        return bgr
    f = max_side / long_side
    return cv2.resize(bgr, (round(bgr.shape[1] * f), round(bgr.shape[0] * f)), interpolation=cv2.INTER_AREA)


def _to_rgb(im: Image.Image) -> tuple[np.ndarray, bool]:
    """8-bit RGB pixels (alpha laid on white) and whether the file held no colour."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        top = 65535.0 if im.mode.startswith("I;16") or arr.max() > 255 else 255.0
        grey = np.clip(arr / top * 255.0, 0, 255).astype(np.uint8)
        return np.repeat(grey[..., None], 3, axis=2), True
    greyscale = im.mode in ("1", "L", "LA")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(white, rgba)
    return np.ascontiguousarray(np.asarray(im.convert("RGB"))), greyscale


def encode_jpeg(bgr: np.ndarray, quality: int = 90) -> bytes:
    """JPEG bytes of a BGR image (for the case's card images)."""
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV's JPEG writer fails only on empty arrays
        raise ValueError("the image cannot be encoded as JPEG")
    return buf.tobytes()


def encode_png(bgr: np.ndarray) -> bytes:
    """PNG bytes of a BGR image (lossless, for the portrait that the face match reads)."""
    ok, buf = cv2.imencode(".png", bgr)
    if not ok:  # pragma: no cover
        raise ValueError("the image cannot be encoded as PNG")
    return buf.tobytes()
