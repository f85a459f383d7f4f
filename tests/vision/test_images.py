"""Image files in: every kind a camera or scanner gives, and a clear reason for every file that is no good."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from station.vision.images import MAX_SIDE, ImageError, decode_image, encode_jpeg, encode_png, read_file


def pil_bytes(image: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def colour_image(w: int = 300, h: int = 200) -> Image.Image:
    rgb = np.zeros((h, w, 3), np.uint8)
    rgb[..., 0] = 200  # red
    rgb[: h // 2, :, 2] = 180  # top half also blue
    return Image.fromarray(rgb)


def test_jpeg_png_bmp_tiff_decode_to_bgr() -> None:
    for fmt in ("JPEG", "PNG", "BMP", "TIFF"):
        loaded = decode_image(pil_bytes(colour_image(), fmt))
        assert loaded.bgr.shape == (200, 300, 3) and loaded.bgr.dtype == np.uint8
        assert abs(int(loaded.bgr[150, 10, 2]) - 200) < 8  # red lands in the R of BGR
        assert not loaded.greyscale


def test_greyscale_and_16_bit_files_are_flagged_greyscale() -> None:
    grey = Image.fromarray(np.tile(np.arange(256, dtype=np.uint8), (50, 1)))
    loaded = decode_image(pil_bytes(grey, "PNG"))
    assert loaded.greyscale and loaded.bgr.shape == (50, 256, 3)
    deep = np.tile((np.arange(256, dtype=np.uint16) * 257), (50, 1))
    ok, buf = cv2.imencode(".png", deep)
    loaded = decode_image(buf.tobytes())
    assert loaded.greyscale and loaded.bgr.dtype == np.uint8 and loaded.bgr[0, 255, 0] == 255


def test_transparent_pixels_are_laid_on_white() -> None:
    rgba = np.zeros((40, 40, 4), np.uint8)  # black, fully transparent
    rgba[10:30, 10:30] = (0, 0, 255, 255)  # an opaque blue square
    loaded = decode_image(pil_bytes(Image.fromarray(rgba), "PNG"))
    assert tuple(loaded.bgr[0, 0]) == (255, 255, 255)
    assert tuple(loaded.bgr[20, 20]) == (255, 0, 0)  # blue, in BGR


def test_a_40_megapixel_photo_is_decoded_small_and_fast() -> None:
    big = cv2.resize(np.asarray(colour_image()), (7300, 5475), interpolation=cv2.INTER_NEAREST)
    data = encode_jpeg(big, 85)
    loaded = decode_image(data)
    assert max(loaded.bgr.shape[:2]) == MAX_SIDE
    assert loaded.original_size == (7300, 5475) and loaded.scale == pytest.approx(MAX_SIDE / 7300, rel=1e-3)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header (enough to refuse it without decoding anything)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("data", "says"), [
    (b"", "empty"),
    (b"hello, this is text", "not an image"),
    (_png_header_only(12000, 11000), "132 megapixels"),
    (_png_header_only(20000, 20000), "too large"),
    (_png_header_only(300, 200), "damaged or incomplete"),
])
def test_bad_files_raise_a_clear_reason(data: bytes, says: str) -> None:
    with pytest.raises(ImageError, match=says):
        decode_image(data)


def test_a_truncated_jpeg_is_damaged() -> None:
    data = encode_jpeg(np.asarray(colour_image(800, 600)))
    with pytest.raises(ImageError, match="damaged or incomplete"):
        decode_image(data[: len(data) // 3])


def test_reading_files_says_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="There is no file"):
        read_file(tmp_path / "nothing.jpg")
    with pytest.raises(ImageError, match="is a folder"):
        read_file(tmp_path)
    (tmp_path / "card.png").write_bytes(b"png")
    assert read_file(tmp_path / "card.png") == b"png"


def test_encoders_round_trip() -> None:
    bgr = cv2.cvtColor(np.asarray(colour_image()), cv2.COLOR_RGB2BGR)
    assert np.array_equal(cv2.imdecode(np.frombuffer(encode_png(bgr), np.uint8), cv2.IMREAD_COLOR), bgr)
    assert encode_jpeg(bgr)[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("size", [(400, 200), (4400, 2200)])  # decoded whole, and at half scale
def test_a_camera_jpeg_is_turned_by_its_exif_orientation(size: tuple[int, int]) -> None:
    rgb = np.zeros((size[1], size[0], 3), np.uint8)
    rgb[:, : size[0] // 4] = (255, 0, 0)  # a red band along the left edge of the sensor image
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held turned: show it turned 90 degrees clockwise
    loaded = decode_image(pil_bytes(Image.fromarray(rgb), "JPEG", exif=exif.tobytes()))
    h, w = loaded.bgr.shape[:2]
    assert h > w and max(h, w) <= MAX_SIDE and loaded.original_size == size
    assert tuple(loaded.bgr[5, w // 2]) == pytest.approx((0, 0, 255), abs=3)  # the band is now along the top
    assert tuple(loaded.bgr[-5, w // 2]) == pytest.approx((0, 0, 0), abs=3)
