"""The four documents as a reader and a signer see them: poppler's fonts, text and positions; pyHanko's fields."""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from station.core.models import DocumentKind
from station.documents import render as documents
from station.documents.fonts import MissingGlyphsError, body_font, missing_glyphs
from station.documents.linebreak import NO_LINE_END, NO_LINE_START
from station.documents.render import (
    MARGIN_X,
    DocumentError,
    RenderedSet,
    render_document,
    render_documents,
)

from .documents_support import (
    BANK,
    LONG_ADDRESS,
    document_input,
    pdffonts,
    pdftotext,
    poppler,
    poppler_bytes,
    text_lines,
)


@pytest.fixture(scope="module")
def rendered() -> RenderedSet:
    return render_documents(document_input())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_set_has_four_documents_in_signing_order_with_their_fingerprints(rendered: RenderedSet) -> None:
    records = rendered.document_set().documents
    assert [r.kind for r in records] == list(DocumentKind)
    for record in records:
        assert record.content is not None and record.content.startswith(b"%PDF-")
        assert record.sha256 == hashlib.sha256(record.content).hexdigest()
        assert record.filename == f"{record.kind.value}.pdf" and not record.signed
    assert [d.title for d in rendered.documents] == [
        "个人银行结算账户开户申请书", "个人借款合同", "个人征信查询授权书", "个人信息及生物识别信息处理同意书"]


def test_every_font_is_the_cjk_body_font_embedded_and_subset(rendered: RenderedSet) -> None:
    for document in rendered.documents:
        fonts = pdffonts(document.record.content)
        assert fonts, document.title
        for font in fonts:
            assert "WenQuanYiMicroHei" in font.name, (document.title, font)
            assert font.embedded and font.subset and font.unicode, (document.title, font)


def test_every_page_renders_in_poppler_is_a4_and_numbered(rendered: RenderedSet) -> None:
    for document in rendered.documents:
        info = poppler("pdfinfo", "-", pdf=document.record.content)
        assert f"Pages:           {document.pages}" in info
        assert "595.276 x 841.89 pts (A4)" in info
        pages = pdftotext(document.record.content).split("\f")[:document.pages]
        for number, page in enumerate(pages, start=1):
            assert f"第{number}页/共{document.pages}页" in _squash(page)  # the footer counts the pages
        images = poppler_bytes("pdftoppm", "-r", "12", "-gray", "-", pdf=document.record.content)
        assert images.count(b"P5\n") == document.pages  # one greyscale image per page, no error


@pytest.mark.parametrize(("name", "ethnicity"), [
    ("王小喆", "汉"), ("李堃", "满"), ("陈燚", "土家"), ("阿依古丽·买买提", "维吾尔"), ("欧阳娜娜", "蒙古"),
])
def test_names_with_rare_characters_and_ethnicities_come_back_out_of_the_pdf(name: str, ethnicity: str) -> None:
    application = render_document(DocumentKind.ACCOUNT_APPLICATION, document_input(name=name, ethnicity=ethnicity))
    text = _squash(pdftotext(application.record.content))
    assert f"姓名{name}" in text and f"民族{ethnicity}" in text


def test_a_long_address_wraps_over_three_lines_inside_its_cell_and_reads_back_whole(rendered: RenderedSet) -> None:
    contract = rendered.documents[1].record.content
    (width, _), lines = text_lines(contract)
    parts = [line for line in lines if line.page == 1 and line.text and line.text in LONG_ADDRESS]
    assert len(parts) >= 3
    assert "".join(p.text for p in sorted(parts, key=lambda p: p.y_min)) == LONG_ADDRESS
    assert len({round(p.x_min) for p in parts}) == 1  # one column, left aligned
    assert max(p.x_max for p in parts) <= width - MARGIN_X


def test_no_text_leaves_the_page_margins(rendered: RenderedSet) -> None:
    for document in rendered.documents:
        (width, height), lines = text_lines(document.record.content)
        assert lines
        for line in lines:
            assert line.x_min >= MARGIN_X - 0.5 and line.x_max <= width - MARGIN_X + 0.5, (document.title, line)
            assert line.y_min > 0 and line.y_max < height, (document.title, line)


def test_lines_break_by_the_chinese_rules(rendered: RenderedSet) -> None:
    for document in rendered.documents:
        _, lines = text_lines(document.record.content)
        for line in lines:
            assert line.text[0] not in NO_LINE_START, (document.title, line.text)
            assert line.text[-1] not in NO_LINE_END, (document.title, line.text)


def test_the_contract_shows_the_apr_prominently_on_its_first_page(rendered: RenderedSet) -> None:
    contract = rendered.documents[1].record.content
    first_page = _squash(pdftotext(contract, 1, 1))
    assert "本合同项下借款的年化利率为3.4999%" in first_page
    assert "壹拾万元整" in first_page and "¥100,000.00" in first_page
    size, lines = text_lines(contract)
    apr = next(line for line in lines if line.text.startswith("本合同项下借款的年化利率为"))
    assert apr.page == 1 and apr.y_max - apr.y_min > 12  # set larger than the 10.5 pt body text


def test_a_long_schedule_runs_over_pages_with_its_header_on_each_and_every_row() -> None:
    data = document_input(months=120)
    contract = render_document(DocumentKind.LOAN_CONTRACT, data)
    rows = data.offer.quote.schedule
    text = pdftotext(contract.record.content)
    pages = text.split("\f")
    schedule_pages = [p for p in pages if re.search(r"\d{4}-\d{2}-\d{2}", p)]
    assert len(schedule_pages) >= 3
    assert all("还款日期" in p and "剩余本金" in p for p in schedule_pages)
    flat = _squash(text)
    for row in rows:
        payment = f"{float(row['payment']):,.2f}"
        assert f"{row['due_date']}{payment}" in flat, row["period"]
    assert "合计" in flat and "100,000.00" in flat


def test_each_document_has_empty_borrower_and_bank_fields_where_it_says(rendered: RenderedSet) -> None:
    for document in rendered.documents:
        reader = PdfFileReader(io.BytesIO(document.record.content))
        fields = {name: (value, ref) for name, value, ref in enumerate_sig_fields(reader)}
        assert set(fields) == {"borrower", "bank"}, document.title
        for slot in document.slots:
            value, ref = fields[slot.name]
            assert value is None
            widget = ref.get_object()
            assert [float(v) for v in widget["/Rect"]] == pytest.approx(list(slot.box))
            page = reader.root["/Pages"]["/Kids"][slot.page].get_object()
            assert any(a.get_object() is widget for a in page["/Annots"])
            assert widget["/P"].get_object() is page
            x1, y1, x2, y2 = slot.box
            assert MARGIN_X - 0.5 <= x1 < x2 <= 595.28 - MARGIN_X and 0 < y1 < y2 < 841.89
        assert document.slot("borrower").page == document.slot("bank").page


def test_the_signature_fields_take_a_pyhanko_signature_that_validates(rendered: RenderedSet, demo_pki) -> None:
    content = rendered.documents[2].record.content
    signer = demo_pki.bank_signer_material().signer()
    out = signers.PdfSigner(signers.PdfSignatureMetadata(field_name="bank"), signer=signer).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(content)))
    reader = PdfFileReader(out)
    context = ValidationContext(trust_roots=demo_pki.trust_roots(), other_certs=demo_pki.intermediates(),
                                allow_fetching=False)
    status = validate_pdf_signature(reader.embedded_signatures[0], context)
    assert status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"


def test_rendering_is_deterministic_and_follows_the_reference(rendered: RenderedSet) -> None:
    again = render_documents(document_input())
    assert [d.record.sha256 for d in again.documents] == [d.record.sha256 for d in rendered.documents]
    other = render_document(DocumentKind.LOAN_CONTRACT, document_input(reference="20261123-0002"))
    assert other.record.sha256 != rendered.documents[1].record.sha256
    assert "JK-20261123-0002" in pdftotext(other.record.content)


def test_metadata_names_the_document_not_the_person(rendered: RenderedSet) -> None:
    for document in rendered.documents:
        info = poppler("pdfinfo", "-", pdf=document.record.content)
        assert f"Title:           {document.title}" in info and BANK in info
        assert "王小喆" not in info and "11010519850615123X" not in info
        assert "2026" in info.split("CreationDate:")[1].splitlines()[0]


def test_values_cannot_inject_markup() -> None:
    data = document_input(contact_address="幸福路<b>88</b>号 & 3号楼<br/>")
    application = render_document(DocumentKind.ACCOUNT_APPLICATION, data)
    assert "幸福路<b>88</b>号&3号楼<br/>" in _squash(pdftotext(application.record.content))


def test_a_name_the_font_lacks_is_refused_before_anything_is_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_build(*_args, **_kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("rendered a document with a character the font lacks")

    monkeypatch.setattr(documents, "_render", no_build)
    with pytest.raises(MissingGlyphsError) as refused:
        render_documents(document_input(name="王\U0002a6d6"))  # 𪛖, CJK Extension B
    message = str(refused.value)
    assert "U+2A6D6" in message and "name" in message
    assert "王" not in message  # the officer is told where, the log never gets the name


def test_a_schedule_that_does_not_add_up_or_is_missing_is_refused() -> None:
    good = document_input()
    rows = [dict(r) for r in good.offer.quote.schedule]
    rows[3]["principal"] = str(float(rows[3]["principal"]) + 1)
    with pytest.raises(DocumentError, match="add up"):
        render_documents(document_input(rows=rows))
    with pytest.raises(DocumentError, match="no repayment schedule"):
        render_documents(document_input(rows=[]))
    rows = [dict(r) for r in good.offer.quote.schedule]
    rows[0]["due_date"] = "next month"
    with pytest.raises(DocumentError, match="due date"):
        render_documents(document_input(rows=rows))


def test_an_issue_time_without_a_time_zone_is_refused() -> None:
    data = document_input()
    with pytest.raises(DocumentError, match="time zone"):
        render_documents(replace(data, issued_at=data.issued_at.replace(tzinfo=None)))


def test_a_template_with_an_unknown_placeholder_stops_rendering(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in DocumentKind:
        text = (documents.TEMPLATES_DIR / f"{kind.value}.toml").read_text(encoding="utf-8")
        (tmp_path / f"{kind.value}.toml").write_text(text, encoding="utf-8")
    contract = tmp_path / "loan_contract.toml"
    contract.write_text(contract.read_text(encoding="utf-8").replace("{apr}", "{apr.__class__}"), encoding="utf-8")
    monkeypatch.setattr(documents, "TEMPLATES_DIR", tmp_path)
    documents._template.cache_clear()
    try:
        with pytest.raises(DocumentError, match=r"\{apr.__class__\}"):
            render_document(DocumentKind.LOAN_CONTRACT, document_input())
    finally:
        documents._template.cache_clear()


def test_the_templates_own_text_is_all_in_the_font() -> None:
    for template in documents.TEMPLATES_DIR.glob("*.toml"):
        text = re.sub(r"<[^>]+>|\{\w+\}", "", template.read_text(encoding="utf-8"))
        assert missing_glyphs(text, body_font()) == [], template.name


def test_nothing_personal_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    data = document_input()
    with caplog.at_level(logging.DEBUG, logger="station"):
        render_documents(data)
    logged = caplog.text
    assert "rendered 4 documents" in logged
    for secret in (data.card.front.name, data.card.front.id_number, data.card.front.address[:6],
                   data.account.account_number, data.account.request.phone):
        assert secret not in logged
