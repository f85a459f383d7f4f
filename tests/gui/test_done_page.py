"""The done page's actions: printing the signed documents (to a PDF file here, as a printer would get them)
and exporting the evidence bundle (opened again with the DEMO branch key)."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import cv2
from PySide6.QtPrintSupport import QPrinter

from station.bootstrap import station_pki
from station.core.models import DocumentKind, SignedSet, case_reference
from station.core.visit import Step, Visit
from station.documents.render import DocumentInput, render_documents
from station.ui.visit.done import DonePage
from tests import factories
from tests.gui.test_pages import open_visit_at

WAIT = 60_000


def sign_with_real_pdfs(visit: Visit) -> list[int]:
    """Finish the visit with the four documents rendered from its data; returns their page counts."""
    card, account, offer = (visit.output(s) for s in (Step.ID_CARD, Step.ACCOUNT, Step.LOAN))
    rendered = render_documents(DocumentInput(card, account, offer, visit.bank.name, case_reference(visit.case_id),
                                              visit.store.clock()))
    documents = [replace(d.record, signed=True, pades_level="B-T") for d in rendered.documents]
    visit.submit_signature(SignedSet(factories.signed_set().capture, documents))
    return [d.pages for d in rendered.documents]


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)  # the page images stay small; a real printer gets up to 600 dpi
    return printer


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def ink(path: Path, page: int, tmp: Path) -> float:
    """The share of dark pixels on a page of the printed PDF, as poppler renders it."""
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", str(page), "-l", str(page), "-png", str(path),
                    str(tmp / "page")], check=True)
    image = cv2.imread(str(next(tmp.glob("page*.png"))), cv2.IMREAD_GRAYSCALE)
    for old in tmp.glob("page*.png"):
        old.unlink()
    return float((image < 128).mean())


def done_page(qtbot, window, store) -> tuple[DonePage, list[int]]:  # noqa: ANN001
    visit = open_visit_at(qtbot, window, store, "signature")
    pages = sign_with_real_pdfs(visit)
    window.visit_view.show_step(Step.DONE)
    page = window.visit_view.page
    assert isinstance(page, DonePage)
    return page, pages


def test_printing_all_signed_documents_or_the_one_chosen(qtbot, window, store, tmp_path: Path):
    page, pages = done_page(qtbot, window, store)
    assert page.print_button.isVisible() and page.which.count() == 1 + len(DocumentKind)
    assert page.which.itemText(0) == "全部已签署文件"

    everything = tmp_path / "all.pdf"
    page.print_to(pdf_printer(everything))
    assert not page.print_button.isEnabled() and "正在打印" in page.result.text()
    qtbot.waitUntil(lambda: page.print_button.isEnabled(), timeout=WAIT)
    assert page.result.text() == f"已打印 4 份文件，共 {sum(pages)} 页，输出到 {everything}。"
    assert pages_of(everything) == sum(pages)
    assert all(ink(everything, n, tmp_path) > 0.005 for n in range(1, sum(pages) + 1))

    contract = tmp_path / "contract.pdf"
    page.which.setCurrentIndex(page.which.findText("借款合同"))
    page.print_to(pdf_printer(contract))
    qtbot.waitUntil(lambda: page.print_button.isEnabled(), timeout=WAIT)
    assert pages_of(contract) == pages[list(DocumentKind).index(DocumentKind.LOAN_CONTRACT)]
    assert ink(contract, 1, tmp_path) > 0.005


def test_a_document_that_is_not_a_pdf_prints_nothing_and_says_so(qtbot, window, store, tmp_path: Path):
    visit = open_visit_at(qtbot, window, store, "signature")
    visit.submit_signature(factories.signed_set())  # its "PDFs" are a few bytes of text
    window.visit_view.show_step(Step.DONE)
    page = window.visit_view.page
    target = tmp_path / "never.pdf"
    page.print_to(pdf_printer(target))
    qtbot.waitUntil(lambda: page.print_button.isEnabled(), timeout=WAIT)
    assert "无法作为 PDF 读取" in page.result.text() and "未打印任何内容" in page.result.text()
    assert not target.exists()


def test_the_evidence_bundle_is_exported_sealed_and_encrypted_to_the_branch(qtbot, window, store, settings, tmp_path: Path):
    page, _pages = done_page(qtbot, window, store)
    assert page.export_button.isVisible()
    bundle = tmp_path / "out" / "evidence.p7m"
    page.export_to(bundle)
    assert not page.export_button.isEnabled() and page.result.text() == "正在导出证据包…"
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=WAIT)
    text = page.result.text()
    assert f"证据包已保存到 {bundle}" in text and "manifest.json" in text and "audit.jsonl" in text, text
    assert "DEMO Branch Sync" in text and "电子签章" in text and "CN=" not in text  # by their common names
    pki = station_pki(settings)
    sealed = subprocess.run(["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(bundle),
                             "-inkey", str(pki.branch_sync_key_file), "-recip", str(pki.branch_sync_cert_file)],
                            capture_output=True, check=True).stdout
    opened = subprocess.run(["openssl", "cms", "-verify", "-inform", "DER", "-CAfile", str(pki.root_cert_file)],
                            input=sealed, capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(opened)) as archive:
        names = archive.namelist()
        assert json.loads(archive.read("manifest.json"))["case"]["id"] == page.visit.case_id
    assert len([n for n in names if n.startswith("documents/")]) == len(DocumentKind)
    assert [e.action for e in store.audit_events(page.visit.case_id)][-1] == "evidence.export"


def test_an_export_to_a_folder_that_cannot_be_written_says_so(qtbot, window, store, tmp_path: Path):
    page, _pages = done_page(qtbot, window, store)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    page.export_to(blocked / "evidence.p7m")
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=WAIT)
    assert page.result.text().startswith("证据包未导出：无法写入证据包"), page.result.text()
    assert blocked.read_text(encoding="utf-8") == "not a folder"
