"""Bad input for the verifier: large files, many signatures, crafted signature dictionaries, encryption."""

from __future__ import annotations

import io
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.pdfgen import canvas

from .documents import StationLike, sign, unsigned_document
from .pdfbytes import append_revision, facts, serialize

CHUNK = 4 * 1024 * 1024


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A one-page PDF encrypted with a user password (reportlab's standard security handler)."""
    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=user_password)
    page.drawString(72, 720, "encrypted DEMO document")
    page.showPage()
    page.save()
    return out.getvalue()


def large_signed_pdf(station: StationLike, path: Path, size: int) -> Path:
    """A signed station-like PDF of about ``size`` bytes: an unused stream of zeros makes up the bulk.

    Written in chunks and signed in place, so making it takes little memory whatever the size.
    """
    doc_bytes = unsigned_document()
    doc = facts(doc_bytes)
    big = doc.size
    with path.open("wb") as handle:
        handle.write(doc_bytes)
        offset = handle.tell()
        header = b"%d 0 obj\n<< /Length %d >>\nstream\n" % (big, size)
        handle.write(header)
        remaining = size
        while remaining:
            handle.write(bytes(min(CHUNK, remaining)))
            remaining -= min(CHUNK, remaining)
        handle.write(b"\nendstream\nendobj\n")
        xref_at = handle.tell()
        handle.write(b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (big, offset))
        handle.write(b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
                     % (big + 1, doc.root, doc.startxref, xref_at))
    for field_name, material, certify in (("bank", station.bank, True), ("borrower", station.borrower(), False)):
        with path.open("r+b") as handle:
            _sign_in_place(handle, field_name, material, station, certify)
    return path


def _sign_in_place(handle: io.BufferedRandom, field_name: str, material: object, station: StationLike,
                   certify: bool) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    from .documents import STAMP

    meta = signers.PdfSignatureMetadata(field_name=field_name, certify=certify, docmdp_permissions=MDPPerm.FILL_FORMS,
                                        subfilter=SigSeedSubFilter.PADES)
    signer = signers.PdfSigner(meta, material.signer(), timestamper=station.timestamper, stamp_style=STAMP)
    signer.sign_pdf(IncrementalPdfFileWriter(handle), existing_fields_only=True, in_place=True)


def many_signatures(pdf: bytes, count: int) -> bytes:
    """``count`` signature fields: the file's own plus copies of its newest signature in new fields."""
    reader = PdfFileReader(io.BytesIO(pdf))
    doc = facts(pdf)
    newest = reader.embedded_signatures[-1]
    have = len(reader.embedded_signatures)
    sig_number = doc.size
    objects = {sig_number: serialize(generic.DictionaryObject(newest.sig_object))}
    new_fields = []
    for i in range(count - have):
        number = sig_number + 1 + i
        objects[number] = b"<< /FT /Sig /T (copy%d) /V %d 0 R >>" % (i, sig_number)
        new_fields.append(generic.IndirectObject(number, 0, None))
    root = generic.DictionaryObject(reader.root)
    form = generic.DictionaryObject(reader.root["/AcroForm"])
    fields = form["/Fields"]
    form[generic.NameObject("/Fields")] = generic.ArrayObject(
        [*(fields.raw_get(i) for i in range(len(fields))), *new_fields])
    root[generic.NameObject("/AcroForm")] = form
    objects[int(doc.root.split()[0])] = serialize(root)
    return append_revision(pdf, objects)


def crafted_signature(pdf: bytes) -> bytes:
    """The newest signature field's value replaced by a dictionary pyHanko's reader chokes on."""
    reader = PdfFileReader(io.BytesIO(pdf))
    doc = facts(pdf)
    newest = reader.embedded_signatures[-1]
    field_ref = newest.sig_field.container_ref
    field = generic.DictionaryObject(newest.sig_field)
    field[generic.NameObject("/V")] = generic.IndirectObject(doc.size, 0, None)
    crafted = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] " \
              b"/Contents <3082FFFF00> >>"
    return append_revision(pdf, {field_ref.idnum: serialize(field), doc.size: crafted})


def unsigned_pdf() -> bytes:
    return unsigned_document()


__all__ = ["crafted_signature", "encrypted_pdf", "large_signed_pdf", "many_signatures", "sign", "unsigned_pdf"]
