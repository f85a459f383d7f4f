"""Plain tampering: a flipped byte, new page content, a removed or broken signature, a cut-off file."""

from __future__ import annotations

import io
import re

from asn1crypto import cms
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from .pdfbytes import RED_BOX, facts


def flipped_byte(pdf: bytes) -> bytes:
    """One bit of the page's content stream flipped (inside the first signature's signed bytes)."""
    doc = facts(pdf)
    header = re.search(rb"(?<![0-9])%d 0 obj" % doc.contents, pdf)
    data = pdf.index(b"stream", header.end()) + len(b"stream\n") + 20
    return pdf[:data] + bytes([pdf[data] ^ 0x01]) + pdf[data + 1:]


def new_page_content(pdf: bytes) -> bytes:
    """A normal incremental update by a PDF library that draws on the page after both signatures."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=RED_BOX)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def removed_signature(pdf: bytes) -> bytes:
    """An incremental update that empties the newest signature's field (the value is dropped)."""
    newest = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[-1].field_name
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields = writer.root["/AcroForm"]["/Fields"]
    for i in range(len(fields)):
        field = fields[i]
        if field.get("/T") == newest:
            del field["/V"]
            writer.update_container(field)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_signature(pdf: bytes) -> bytes:
    """One hex digit of the bank's signature value changed inside /Contents (the bytes hashed are intact)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    signature = reader.embedded_signatures[-1]
    der = signature.pkcs7_content
    value = cms.ContentInfo.load(der)["content"]["signer_infos"][0]["signature"].contents
    at = der.index(value) + len(value) // 2
    gap = int(signature.byte_range[1]) + 1 + 2 * at  # '<' then two hex digits per byte
    digit = pdf[gap:gap + 1]
    return pdf[:gap] + (b"0" if digit != b"0" else b"1") + pdf[gap + 1:]


def truncated(pdf: bytes) -> bytes:
    """The file cut at two thirds."""
    return pdf[: len(pdf) * 2 // 3]


GENERATORS = {
    "tamper-flipped-byte": flipped_byte,
    "tamper-new-page-content": new_page_content,
    "tamper-removed-signature": removed_signature,
    "tamper-broken-signature": broken_signature,
    "tamper-truncated": truncated,
}
