"""One-pass signing of the four sample documents, checked the way others will check them.

pyHanko (intact, valid, trusted against the DEMO root with the DEMO CRLs and revocation required,
coverage, modification level, DocMDP, timestamp) and poppler's pdfsig against an NSS database
holding the DEMO root. Then tampering: a flipped byte, an annotation, new page content.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel

from station.core.models import DocumentKind
from station.documents.render import SIGNATURE_BOXES
from station.operations.sample import SAMPLE_ID_NUMBER, SAMPLE_NAME, sample_identity
from station.pki.demo import DemoPki
from station.pki.trust import Trust
from station.signing.levels import PadesLevel, pades_level_of
from station.signing.sign import SigningOutcome

from .sign_support import Pdfsig, docmdp_levels, module_pki, pkcs12_kit, pyhanko_statuses, sign_sample

__all__ = ["module_pki"]  # a fixture


@pytest.fixture(scope="module")
def outcome(module_pki: DemoPki) -> SigningOutcome:
    kit = pkcs12_kit(module_pki)
    done: list[tuple[int, int]] = []
    result = sign_sample(kit, progress=lambda n, total: done.append((n, total)))
    assert done == [(1, 4), (2, 4), (3, 4), (4, 4)]
    return result


@pytest.fixture(scope="module")
def pdfsig(module_pki: DemoPki, tmp_path_factory: pytest.TempPathFactory) -> Pdfsig:
    return Pdfsig(tmp_path_factory.mktemp("nss"), module_pki.root_cert_file)


@pytest.fixture(scope="module")
def signed_files(outcome: SigningOutcome, tmp_path_factory: pytest.TempPathFactory) -> dict[DocumentKind, Path]:
    folder = tmp_path_factory.mktemp("signed")
    files = {}
    for record in outcome.signed.documents:
        files[record.kind] = folder / record.filename
        files[record.kind].write_bytes(record.content or b"")
    return files


def test_every_document_is_signed_b_t_and_marked_for_upgrade(outcome: SigningOutcome) -> None:
    records = outcome.signed.documents
    assert [r.kind for r in records] == list(DocumentKind)
    assert outcome.level is PadesLevel.B_T and outcome.timestamp_problem is None
    for record in records:
        assert record.signed and record.pades_level == "B-T" and record.awaiting_upgrade
        assert record.content is not None and record.sha256 == hashlib.sha256(record.content).hexdigest()
        assert pades_level_of(record.content) is PadesLevel.B_T
        assert len(record.content) <= 300 * 1024, f"{record.filename} is {len(record.content)} bytes"
    assert outcome.signed.capture.png is not None


def test_pyhanko_accepts_both_signatures_of_every_document(outcome: SigningOutcome, module_pki: DemoPki) -> None:
    trust = Trust.from_demo_pki(module_pki)
    for record in outcome.signed.documents:
        statuses = pyhanko_statuses(record.content or b"", trust)
        assert set(statuses) == {"bank", "borrower"}
        for field_name, status in statuses.items():
            assert status.intact and status.valid, (record.filename, field_name)
            assert status.trusted and not status.revoked, (record.filename, field_name)
            assert status.bottom_line, (record.filename, field_name, status.summary())
            assert status.timestamp_validity is not None, "no signature time-stamp: not B-T"
            ts = status.timestamp_validity
            assert ts.intact and ts.valid and ts.trusted
        bank, borrower = statuses["bank"], statuses["borrower"]
        # the bank certifies first with P=2; the borrower's approval is the last revision
        assert docmdp_levels(record.content or b"") == {"bank": MDPPerm.FILL_FORMS, "borrower": None}
        assert bank.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        assert bank.modification_level == ModificationLevel.FORM_FILLING and bank.docmdp_ok
        assert borrower.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert borrower.modification_level == ModificationLevel.NONE


def test_p2_leaves_nothing_to_fill_but_signature_fields(outcome: SigningOutcome) -> None:
    """DocMDP P=2 allows form filling and signing: the documents have no form field but the two signatures."""
    for record in outcome.signed.documents:
        reader = PdfFileReader(io.BytesIO(record.content or b""))
        form_fields = [f.get_object() for f in reader.root["/AcroForm"]["/Fields"]]
        assert sorted((f["/T"], f["/FT"]) for f in form_fields) == [("bank", "/Sig"), ("borrower", "/Sig")]


def test_certificates_name_the_signers_and_never_carry_the_id_number(outcome: SigningOutcome,
                                                                     module_pki: DemoPki) -> None:
    record = outcome.signed.documents[1]
    statuses = pyhanko_statuses(record.content or b"", Trust.from_demo_pki(module_pki))
    borrower_subject = statuses["borrower"].signing_cert.subject.native
    assert borrower_subject["common_name"] == SAMPLE_NAME
    assert borrower_subject["serial_number"] == sample_identity().id_hash
    assert SAMPLE_ID_NUMBER.encode() not in statuses["borrower"].signing_cert.dump()
    assert outcome.borrower_certificate.dump() == statuses["borrower"].signing_cert.dump()
    assert "DEMO" in statuses["bank"].signing_cert.subject.native["common_name"]


def test_pdfsig_says_valid_and_trusted(signed_files: dict[DocumentKind, Path], pdfsig: Pdfsig) -> None:
    for path in signed_files.values():
        verdicts = pdfsig.check(path)
        assert set(verdicts) == {"bank", "borrower"}, path.name
        for verdict in verdicts.values():
            assert verdict.accepted, (path.name, verdict)


def test_the_stamps_are_drawn_in_the_fields(signed_files: dict[DocumentKind, Path], outcome: SigningOutcome,
                                            tmp_path: Path) -> None:
    """The seal is red in the bank's field, the handwriting dark in the borrower's, as a viewer shows them."""
    path = signed_files[DocumentKind.CREDIT_AUTHORIZATION]
    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    boxes = {}
    for name in ("bank", "borrower"):
        widget = next(f for f in reader.root["/AcroForm"]["/Fields"] if f.get_object()["/T"] == name).get_object()
        boxes[name] = [float(v) for v in widget["/Rect"]]
        assert "/AP" in widget, f"the {name} field has no appearance"
        width, height = boxes[name][2] - boxes[name][0], boxes[name][3] - boxes[name][1]
        assert (round(width), round(height)) == tuple(round(v) for v in SIGNATURE_BOXES[name])
    dpi = 72
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = Image.open(tmp_path / "page.png").convert("RGB")

    def crop(name: str) -> Image.Image:
        x1, y1, x2, y2 = boxes[name]
        return page.crop((round(x1), round(page.height - y2), round(x2), round(page.height - y1)))

    bank = np.asarray(crop("bank"), dtype=int)
    borrower = np.asarray(crop("borrower"), dtype=int)
    seal = (bank[..., 0] > 150) & (bank[..., 1] < 90) & (bank[..., 2] < 90)
    ink = borrower.sum(axis=-1) < 250
    assert seal.sum() > 300, "no red seal in the bank's field"
    assert ink.sum() > 200, "no handwriting in the borrower's field"


def test_a_flipped_byte_is_caught_by_both_validators(outcome: SigningOutcome, module_pki: DemoPki,
                                                     pdfsig: Pdfsig, tmp_path: Path) -> None:
    content = bytearray(outcome.signed.documents[0].content or b"")
    offset = content.index(b"stream") + 40  # inside the first content stream, covered by both signatures
    content[offset] ^= 0x01
    tampered = bytes(content)
    try:
        statuses = pyhanko_statuses(tampered, Trust.from_demo_pki(module_pki))
        assert not any(s.intact for s in statuses.values())
    except (PyHankoSigningError, ValueError, KeyError):
        pass  # a reader that gives up on the file is a failure too, never a pass
    path = tmp_path / "tampered.pdf"
    path.write_bytes(tampered)
    verdicts = pdfsig.check(path)
    assert verdicts and not any(v.signature == "Signature is Valid." for v in verdicts.values())


def _append_revision(content: bytes, change: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    if change == "annotation":
        note = writer.add_object(generic.DictionaryObject({
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
            generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (50, 50, 80, 80))),
            generic.pdf_name("/Contents"): generic.TextStringObject("利率改为 0.5%"),
        }))
        page = page_ref.get_object()
        annots = page.get("/Annots", generic.ArrayObject())
        annots = annots.get_object() if isinstance(annots, generic.IndirectObject) else annots
        annots.append(note)
        page[generic.pdf_name("/Annots")] = annots
        writer.update_container(page)
    else:
        stream = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 400 Td (0.5%) Tj ET"))
        writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("change", ["annotation", "page content"])
def test_a_change_after_signing_breaks_the_certification(outcome: SigningOutcome, module_pki: DemoPki,
                                                         change: str) -> None:
    changed = _append_revision(outcome.signed.documents[1].content or b"", change)
    statuses = pyhanko_statuses(changed, Trust.from_demo_pki(module_pki))
    for field_name, status in statuses.items():
        assert status.intact and status.valid, field_name  # the signed bytes are untouched ...
        assert status.modification_level == ModificationLevel.OTHER, field_name  # ... but the file is not
        assert not status.docmdp_ok and not status.bottom_line, field_name
