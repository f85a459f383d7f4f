"""Signature appearances: the borrower's handwriting with name and date, and the bank's round red seal.

Each appearance is drawn **once** into a one-page PDF of its own (the borrower's once per signing run,
the seal once per kit), with the stamp font (:func:`station.documents.fonts.stamp_font`) subset to the
characters drawn, and then imported as a form XObject into every document of the set: the font is
never subset again per document. The stamp text is checked against the font before anything is
drawn: a missing character is a :class:`StampTextError`, never a box.
"""

from __future__ import annotations

import io
import math
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import PdfContent, PdfResources
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import PdfFileWriter
from pyhanko.stamp import StaticStampStyle, TextStampStyle
from pyhanko.stamp.text import TextStamp

from station.core.checks import failed
from station.documents.fonts import check_glyphs
from station.errors import StampImageError, StampTextError

SEAL_RED = (200, 22, 29)
SEAL_LABEL = "电子签章"
STAMP_FONT_SIZE = 10
BORROWER_STAMP_SIZE = (240, 120)  # points; each signature field gets the stamp scaled to fit, aspect kept
SEAL_STAMP_SIZE = (120, 120)


@dataclass(frozen=True)
class StampPage:
    """A signature appearance drawn once: a one-page PDF whose page becomes the field's appearance."""

    pdf: bytes

    def style(self) -> StaticStampStyle:
        """A pyHanko stamp style drawing this appearance, scaled to fill the field with its aspect kept."""
        fit = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        )
        return StaticStampStyle(background=_ImportedPage(self.pdf), border_width=0, background_layout=fit)


def borrower_stamp(handwriting_png: bytes, name: str, day: date, font: Path) -> StampPage:
    """The borrower's appearance: the handwriting above ``借款人：name`` and ``签署日期：day``."""
    image = handwriting_image(handwriting_png)
    text = f"借款人：{name}\n签署日期：{day.year}年{day.month}月{day.day}日"
    width, height = BORROWER_STAMP_SIZE
    text_height = 2 * STAMP_FONT_SIZE + 8
    style = TextStampStyle(
        stamp_text=text.replace("%", "%%"),  # a template for pyHanko: no placeholder is meant
        border_width=0,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font), font_size=STAMP_FONT_SIZE),
                                    font_size=STAMP_FONT_SIZE),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins(left=4, bottom=2)),
        background=PdfImage(image),
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(left=4, right=4, top=2, bottom=text_height)),
    )
    return _draw(style, width, height)


def seal_stamp(seal_png: bytes) -> StampPage:
    """The bank's appearance: its seal image, nothing else."""
    width, height = SEAL_STAMP_SIZE
    style = TextStampStyle(
        stamp_text="", border_width=0, background=PdfImage(_open_png(seal_png, "seal")), background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID),
    )
    return _draw(style, width, height)


def require_glyphs(font: Path, **texts: str) -> None:
    """Raise :class:`StampTextError` if ``font`` cannot draw every character of the named texts."""
    check = check_glyphs(texts, [Path(font)])
    if not check.passed:
        raise StampTextError(check)


def seal_png(bank_name: str, font: Path, label: str = SEAL_LABEL, size: int = 480) -> bytes:
    """A round red seal: the bank's name along the upper arc, a star in the middle, ``label`` below it.

    Transparent background; ``size`` pixels square.
    """
    name = " ".join(bank_name.split())
    if not name:
        raise StampTextError(failed("stamp.bank_name", "stamp-bank-name-empty"))
    require_glyphs(font, bank_name=name, seal_label=label)
    scale = 2  # draw at twice the size, then shrink: smooth edges
    full = size * scale
    image = Image.new("RGBA", (full, full), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = (*SEAL_RED, 255)
    centre = full / 2
    ring = full * 0.035
    outer = full / 2 - ring / 2 - 2
    draw.ellipse([centre - outer, centre - outer, centre + outer, centre + outer], outline=colour,
                 width=round(ring))
    draw.polygon(_star(centre, centre, full * 0.17), fill=colour)
    char_size = full * (0.15 if len(name) <= 10 else 0.12)
    _arc_text(image, name, ImageFont.truetype(str(font), round(char_size)), centre, outer - ring - char_size * 0.62,
              colour)
    label_font = ImageFont.truetype(str(font), round(full * 0.085))
    draw.text((centre, centre + full * 0.27), label, font=label_font, fill=colour, anchor="mm")
    alpha = image.resize((size, size), Image.Resampling.LANCZOS).getchannel("A")
    # one colour everywhere, the shape in the alpha channel: compresses to almost nothing in the PDF
    solid = Image.new("RGB", (size, size), SEAL_RED)
    out = io.BytesIO()
    Image.merge("RGBA", (*solid.split(), alpha)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def handwriting_image(png: bytes | None) -> Image.Image:
    """The handwriting PNG as an RGBA image; :class:`StampImageError` if missing, unreadable or blank."""
    if not png:
        raise StampImageError("stamp-no-handwriting")
    image = _open_png(png, "handwriting")
    if image.getchannel("A").getbbox() is None:
        raise StampImageError("stamp-handwriting-blank")
    return image


# --- internals ----------------------------------------------------------------------------------

class _ImportedPage(PdfContent):
    """Page 0 of a PDF in memory, imported as a form XObject into whichever writer renders it."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self._reader = PdfFileReader(io.BytesIO(pdf))

    def render(self) -> bytes:
        self._resources = PdfResources()  # a fresh dictionary for each document the stamp goes into
        xobject = self._ensure_writer.import_page_as_xobject(self._reader, page_ix=0)
        name = f"/Stamp{uuid.uuid4().hex}"
        self._resources.xobject[name] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return name.encode("ascii") + b" Do"


def _draw(style: TextStampStyle, width: int, height: int) -> StampPage:
    """Render the stamp as the sole content of a page of its size."""
    writer = PdfFileWriter(stream_xrefs=False)
    stamp = TextStamp(writer, style, box=layout.BoxConstraints(width, height))
    commands = stamp.render()
    page = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, width, height))),
        generic.pdf_name("/Resources"): stamp.resources.as_pdf_object(),
        generic.pdf_name("/Contents"): writer.add_object(generic.StreamObject(stream_data=commands)),
    })
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return StampPage(out.getvalue())


def _open_png(data: bytes, what: str) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise StampImageError("stamp-image-not-png", image=what, format=str(image.format))
            image.load()
            return image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise StampImageError("stamp-image-unreadable", image=what, problem=str(exc)) from exc


def _star(x: float, y: float, radius: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    return points


def _arc_text(image: Image.Image, text: str, font: ImageFont.FreeTypeFont, centre: float, radius: float,
              colour: tuple[int, int, int, int]) -> None:
    """Draw ``text`` clockwise along the upper arc, each character upright towards the rim."""
    span = min(250.0, 24.0 * len(text) + 20)
    start = -90 - span / 2
    box = round(font.size * 1.5)
    for i, char in enumerate(text):
        angle = start + (i + 0.5) * span / len(text)
        tile = Image.new("RGBA", (box, box), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((box / 2, box / 2), char, font=font, fill=colour, anchor="mm")
        tile = tile.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(math.radians(angle)) - box / 2
        y = centre + radius * math.sin(math.radians(angle)) - box / 2
        image.alpha_composite(tile, (round(x), round(y)))
