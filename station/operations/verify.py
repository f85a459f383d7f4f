"""QA's use case: whom to trust, the verdict on one signed PDF or on many, and the reports.

``station verify`` and the QA window both call these functions, so they trust, verify and report
alike; they only show what comes back. Importing this module loads the trust store's certificate
stack, not pyHanko: the verifier loads when the first file is verified.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING

from station.pki.trust_store import DEMO, TrustError, TrustStore, load_trust
from station.validation.results import BatchSummary, Expectation, FileReport, Manifest

if TYPE_CHECKING:
    from station.config import Settings
    from station.core.models import DocumentRecord

__all__ = [
    "DEMO", "REPORT_SUFFIXES", "Progress", "TrustError", "check_report_targets", "expectation", "find_pdfs",
    "station_trust", "trust_store", "verify_case_documents", "verify_many", "verify_one", "write_reports",
]

REPORT_SUFFIXES = (".html", ".pdf", ".json", ".csv")

Progress = Callable[[FileReport], None]
"""Called with each file's report as soon as it is ready."""


# --- trust --------------------------------------------------------------------------------------

def trust_store(settings: Settings, trust: Sequence[str | Path] = (), crls: Sequence[Path] = (), *,
                online: bool = False) -> TrustStore:
    """QA's trust store: the certificate files in ``trust`` (:data:`DEMO` for this station's DEMO root
    and its CRLs), the CRL files ``crls``, and revocation data from the network when ``online``.

    Raises :class:`TrustError` naming a file that is missing or holds nothing usable.
    """
    demo_root, demo_crls = _demo_files(settings) if DEMO in map(str, trust) else (None, [])
    return load_trust(trust, crls, demo_root=demo_root, demo_crls=demo_crls, online=online)


def station_trust(settings: Settings, roots: Sequence[Path] = ()) -> TrustStore:
    """The QA window's trust: this station's DEMO root and CRLs (when it signs with the DEMO PKI) and
    the root certificate files ``roots``; :class:`TrustError` as :func:`trust_store`."""
    demo_root, demo_crls = _demo_files(settings)
    return load_trust([*([DEMO] if demo_root else []), *roots], demo_root=demo_root, demo_crls=demo_crls)


def _demo_files(settings: Settings) -> tuple[Path | None, list[Path]]:
    """This station's DEMO root certificate file and its CRL files, when it signs with the DEMO PKI."""
    from station.bootstrap import demo_pki

    pki = demo_pki(settings)
    if pki is None:
        return None, []
    return pki.root_cert_file, [pki.root_crl_file, pki.issuing_crl_file, pki.borrower_crl_file]


# --- what to verify, and against what -----------------------------------------------------------

def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every ``*.pdf`` under the folders named (sorted, recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
        else:
            found.append(path)
    return found


def expectation(files: Sequence[Path], manifest: Path | None = None,
                customer: str | None = None) -> tuple[Expectation | None, list[str]]:
    """What every file must show, and the manifest's documents missing among ``files``.

    With a manifest: its parties and customer (``customer``, when given, instead of its customer);
    without: ``customer`` as the borrower, or no expectation. ValueError says what is wrong with the
    manifest.
    """
    if manifest is None:
        return (Expectation(customer) if customer is not None else None), []
    loaded = Manifest.load(manifest)
    expected = loaded.expectation() if customer is None else Expectation(customer, loaded.fields)
    return expected, loaded.missing(str(f) for f in files)


# --- verifying ----------------------------------------------------------------------------------

def verify_one(source: Path | bytes, trust: TrustStore, *, name: str | None = None,
               expect: Expectation | None = None) -> FileReport:
    """The verdict on one PDF, given as a path or as its bytes (personal data need not touch the disk)."""
    from station.validation.verify import verify_pdf

    return verify_pdf(source, trust, name=name, expect=expect)


def verify_case_documents(documents: Sequence[DocumentRecord], trust: TrustStore,
                          customer: str | None) -> list[FileReport]:
    """A case's signed documents, in memory, each against what a station document shows: the bank's
    and the borrower's signatures and no other, the borrower's naming ``customer`` (when known)."""
    expected = Expectation(customer)
    return [verify_one(doc.content or b"", trust, name=doc.filename, expect=expected) for doc in documents]


def verify_many(files: Sequence[Path], trust: TrustStore, *, jobs: int | None = None,
                expect: Expectation | None = None, reports: Sequence[Path] = (), json_to: IO[str] | None = None,
                progress: Progress | None = None) -> BatchSummary:
    """Verify ``files`` in ``jobs`` worker processes (one per core by default; 1 verifies in this
    process); the summary.

    As each file's report comes it is written to every folder report in ``reports`` (.html, .json,
    .csv; see :func:`check_report_targets`) and, as JSON, to ``json_to``, then handed to
    ``progress``; none is kept, so memory stays flat however many files there are.
    """
    from station.validation.batch import default_jobs
    from station.validation.batch import verify_many as verify_batch
    from station.validation.report import JsonReport, folder_report

    summary = BatchSummary()
    started = time.perf_counter()
    with ExitStack() as stack:
        writers = [folder_report(target.suffix.lower(), stack.enter_context(
            target.open("w", encoding="utf-8", newline="")), trust.describe()) for target in reports]
        if json_to is not None:
            writers.append(JsonReport(json_to, trust.describe()))
        for report in verify_batch(files, trust, jobs=jobs or default_jobs(),
                                   expect=(lambda _path: expect) if expect else None):
            summary.add(report)
            for writer in writers:
                writer.add(report)
            if progress is not None:
                progress(report)
        summary.elapsed_s = time.perf_counter() - started
        for writer in writers:
            writer.close(summary)
    return summary


# --- reports ------------------------------------------------------------------------------------

def check_report_targets(targets: Sequence[Path], *, one_file: bool) -> None:
    """ValueError for a report that cannot be written: the kinds are .html, .json and .csv for any
    number of files, and .pdf for one."""
    for target in targets:
        suffix = target.suffix.lower()
        if suffix not in REPORT_SUFFIXES:
            raise ValueError(f"{target}: a report is {', '.join(REPORT_SUFFIXES)}")
        if suffix == ".pdf" and not one_file:
            raise ValueError(f"{target}: a PDF report is for one file; use .html, .json or .csv for several")


def write_reports(reports: Sequence[FileReport], targets: Sequence[Path], *, pdf: bytes | None = None) -> None:
    """Write each target, its kind by its suffix (:func:`check_report_targets` first).

    One report gets the detailed page as .html or .pdf, with a thumbnail of ``pdf`` (the file
    verified) when given; several get a row each in .html; .json and .csv have a row per report.
    """
    from station.validation.report import folder_report, html_report, pdf_report

    check_report_targets(targets, one_file=len(reports) == 1)
    for target in targets:
        suffix = target.suffix.lower()
        if suffix == ".pdf":
            target.write_bytes(pdf_report(reports[0], pdf))
        elif suffix == ".html" and len(reports) == 1:
            target.write_text(html_report(reports[0], pdf), encoding="utf-8")
        else:
            summary = BatchSummary(elapsed_s=sum(r.elapsed_s for r in reports))
            with target.open("w", encoding="utf-8", newline="") as handle:
                writer = folder_report(suffix, handle, reports[0].trust if reports else "")
                for report in reports:
                    summary.add(report)
                    writer.add(report)
                writer.close(summary)
