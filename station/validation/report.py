"""Reports of verification: one file as HTML or PDF (a page thumbnail and the signature panel), a
folder as HTML, JSON and CSV (one row per file) with a summary.

The folder writers take reports one at a time and keep none, so a folder of any size is written
with flat memory. The JSON document lists the files first and ends with the summary; the HTML page
writes its summary last too, and shows it first.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from station.validation.pages import RenderError, render_page
from station.validation.results import BatchSummary, FileReport, SignatureDetails, Verdict

COLOURS = {Verdict.VALID: "#1b7f3b", Verdict.INVALID: "#b3261e", Verdict.UNTRUSTED: "#b35c00",
           Verdict.INDETERMINATE: "#6b5b00"}
CSV_FIELDS = ["file", "verdict", "reasons", "signatures", "signers", "signing_times", "pades_level", "revisions",
              "pages", "size", "sha256", "pyhanko_accepts", "problems", "seconds"]


def thumbnail(pdf: bytes, dpi: int = 40) -> bytes | None:
    """PNG of the first page as a viewer shows it, or None when it cannot be rendered."""
    try:
        return render_page(pdf, 1, dpi, png=True)
    except RenderError:
        return None


# --- one file: HTML -------------------------------------------------------------------------------

def html_report(report: FileReport, pdf: bytes | None) -> str:
    """A self-contained HTML page: the verdict and reasons, a thumbnail, the signature panel, the checks."""
    image = thumbnail(pdf) if pdf else None
    esc = html.escape
    colour = COLOURS[report.verdict]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Verification of {esc(report.name)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;"
        "text-align:left;vertical-align:top}th{background:#f3f3f3;width:14em}.thumb{float:right;border:1px solid "
        "#999;margin:0 0 1em 1em}.verdict{font-size:1.6em;font-weight:bold}ul{margin:.2em 0}</style></head><body>",
    ]
    if image:
        parts.append(f"<img class='thumb' alt='page 1' src='data:image/png;base64,{base64.b64encode(image).decode()}'>")
    parts += [
        f"<h1>{esc(Path(report.name).name)}</h1>",
        f"<p class='verdict' style='color:{colour}'>{report.verdict.value}</p>",
    ]
    if report.problems:
        parts.append("<ul>" + "".join(f"<li>{esc(p.text())}</li>" for p in report.problems) + "</ul>")
    parts.append(_table([(k, v) for k, v in _file_facts(report)]))
    for number, sig in enumerate(report.signatures, start=1):
        parts.append(f"<h2>Signature {number}: {esc(sig.field)} "
                     f"<span style='color:{COLOURS[sig.verdict]}'>{sig.verdict.value}</span></h2>")
        parts.append(_table(_signature_facts(sig)))
    if report.checks:
        parts.append("<h2>Checks</h2><table><tr><th>check</th><th>result</th><th>detail</th></tr>" + "".join(
            f"<tr><td>{esc(c.name)}</td><td>{c.status.value}</td><td>{esc(c.reason)}</td></tr>" for c in report.checks)
            + "</table>")
    parts.append(f"<p><small>Made {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by station verify.</small></p></body></html>")
    return "".join(parts)


def _table(rows: Iterable[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{_cell(v)}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _cell(value: str) -> str:
    lines = value.split("\n")
    if len(lines) == 1:
        return html.escape(value)
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _file_facts(report: FileReport) -> list[tuple[str, str]]:
    return [
        ("file", report.name),
        ("size", f"{report.size:,} bytes"),
        ("SHA-256", report.sha256 or "-"),
        ("PDF version, revisions, pages",
         f"{report.pdf_version or '-'}, {report.revisions or '-'}, {report.pages or '-'}"),
        ("PAdES level", report.pades_level or "-"),
        ("trust", report.trust),
        ("pyHanko alone", {True: "accepts every signature", False: "rejects", None: "-"}[report.pyhanko_accepts]),
    ]


def _signature_facts(sig: SignatureDetails) -> list[tuple[str, str]]:
    when = f"{sig.signing_time:%Y-%m-%d %H:%M:%S} UTC ({sig.time_source})" if sig.signing_time else "-"
    chain = "\n".join(f"{c.subject} (serial {c.serial}, valid {c.not_before:%Y-%m-%d} to {c.not_after:%Y-%m-%d})"
                      for c in sig.chain)
    rows = [
        ("kind", sig.kind),
        ("signer", sig.signer or "-"),
        ("certificate chain", chain or "-"),
        ("signing time", when),
        ("timestamp authority", sig.timestamp_authority or "-"),
        ("PAdES level", sig.pades_level or "-"),
        ("certifies the document", sig.certification or "no"),
        ("covers", f"{sig.coverage} (byte range {list(sig.byte_range)})"),
        ("changes after signing", f"{sig.changes_after}" + (
            "" if sig.changes_allowed is None else f" ({'allowed' if sig.changes_allowed else 'NOT allowed'})")
         + (f"; fields: {', '.join(sig.changed_fields)}" if sig.changed_fields else "")),
        ("revocation", "\n".join(sig.revocation) or "-"),
    ]
    if sig.problems:
        rows.append(("problems", "\n".join(p.text() for p in sig.problems)))
    return rows


# --- one file: PDF --------------------------------------------------------------------------------

def pdf_report(report: FileReport, pdf: bytes | None) -> bytes:
    """The same report as a PDF (reportlab, with the station's embedded CJK body font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from station.documents.fonts import register_body_font

    font = register_body_font()
    normal = ParagraphStyle("n", fontName=font, fontSize=8.5, leading=11)
    heading = ParagraphStyle("h", fontName=font, fontSize=13, leading=17, spaceBefore=6, spaceAfter=4)
    big = ParagraphStyle("v", fontName=font, fontSize=20, leading=24,
                         textColor=colors.HexColor(COLOURS[report.verdict]))

    def para(text: str) -> Paragraph:
        return Paragraph(html.escape(text).replace("\n", "<br/>"), normal)

    def table(rows: list[tuple[str, str]]) -> Table:
        t = Table([[para(k), para(v)] for k, v in rows], colWidths=[40 * mm, 130 * mm])
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3"))]))
        return t

    story: list[Any] = [Paragraph(html.escape(Path(report.name).name), heading), Paragraph(report.verdict.value, big)]
    story += [para("• " + p.text()) for p in report.problems]
    image = thumbnail(pdf) if pdf else None
    if image:
        story += [Spacer(1, 4 * mm), Image(io.BytesIO(image), width=60 * mm, height=85 * mm, kind="proportional")]
    story += [Spacer(1, 4 * mm), table(_file_facts(report))]
    for number, sig in enumerate(report.signatures, start=1):
        story += [Paragraph(html.escape(f"Signature {number}: {sig.field} — {sig.verdict.value}"), heading),
                  table(_signature_facts(sig))]
    if report.checks:
        story += [Paragraph("Checks", heading),
                  table([(c.name, f"{c.status.value}: {c.reason}") for c in report.checks])]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=f"Verification of {Path(report.name).name}",
                      leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm).build(story)
    return out.getvalue()


# --- a folder: HTML, JSON and CSV ---------------------------------------------------------------

FOLDER_SUFFIXES = (".html", ".json", ".csv")


class FolderReport(Protocol):
    """A folder's report being written: one file at a time, then the summary."""

    def add(self, report: FileReport) -> None: ...

    def close(self, summary: BatchSummary) -> None: ...


def folder_report(suffix: str, handle: IO[str], trust: str) -> FolderReport:
    """The writer for a report file ending in ``suffix`` (one of :data:`FOLDER_SUFFIXES`)."""
    if suffix == ".html":
        return HtmlReport(handle, trust)
    if suffix == ".json":
        return JsonReport(handle, trust)
    if suffix == ".csv":
        return CsvReport(handle)
    raise ValueError(f"no folder report is written as {suffix}; use {', '.join(FOLDER_SUFFIXES)}")


class HtmlReport:
    """One self-contained HTML page: the summary, the trust, and a row per file (verdict, reasons,
    signers, signing times, PAdES level, the roots its signatures chain to), written as it goes.

    The summary is known only at the end, so it is written after the rows; the page is a flex
    column and the summary's ``order`` puts it on top, so no row needs keeping to show it first.
    """

    def __init__(self, handle: IO[str], trust: str) -> None:
        self.handle = handle
        esc = html.escape
        handle.write(
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Verification of signed PDFs</title>"
            "<style>body{font-family:sans-serif;margin:2em;display:flex;flex-direction:column}"
            "header{order:-2}.summary{order:-1}table{border-collapse:collapse;margin:.5em 0 1.5em}"
            "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}"
            ".verdict{font-weight:bold}ul{margin:.2em 0;padding-left:1.2em}small{color:#555}</style></head><body>"
            f"<header><h1>Verification of signed PDFs</h1><p>Trust: {esc(trust)}</p></header>"
            "<table><tr><th>verdict</th><th>file</th><th>reasons</th><th>signers</th><th>signing times</th>"
            "<th>PAdES level</th><th>chains to</th></tr>\n"
        )

    def add(self, report: FileReport) -> None:
        esc = html.escape
        problems = "".join(f"<li><small>{esc(p.text())}</small></li>" for p in report.problems)
        reasons = f"{esc('; '.join(report.reasons))}<ul>{problems}</ul>" if report.problems else "-"
        signers = "\n".join(f"{s.field}: {s.signer or '-'} ({s.verdict.value})" for s in report.signatures)
        times = "\n".join(f"{s.field}: {s.signing_time:%Y-%m-%d %H:%M:%S} UTC ({s.time_source})"
                          for s in report.signatures if s.signing_time)
        roots = "\n".join(dict.fromkeys(s.chain[-1].common_name or s.chain[-1].subject
                                         for s in report.signatures if s.chain))
        self.handle.write(
            f"<tr><td class='verdict' style='color:{COLOURS[report.verdict]}'>{report.verdict.value}</td>"
            f"<td>{esc(report.name)}</td><td>{reasons}</td>"
            f"<td>{_cell(signers or '-')}</td><td>{_cell(times or '-')}</td>"
            f"<td>{esc(report.pades_level or '-')}</td><td>{_cell(roots or '-')}</td></tr>\n"
        )

    def close(self, summary: BatchSummary) -> None:
        verdicts = "".join(f"<li><span class='verdict' style='color:{COLOURS[v]}'>{v.value}</span>: "
                           f"{summary.verdicts[v.value]}</li>" for v in Verdict if summary.verdicts[v.value])
        reasons = "".join(f"<li>{html.escape(r)}: {n}</li>" for r, n in summary.reasons.most_common())
        pyhanko = (f"<p>{summary.pyhanko_alone_accepts} file(s) not VALID here would pass pyHanko's own bottom "
                   "line.</p>" if summary.pyhanko_alone_accepts else "")
        self.handle.write(
            "</table><section class='summary'><h2>Summary</h2>"
            f"<p>{summary.files} file(s) in {summary.elapsed_s:.1f} s ({summary.rate:.1f}/s)</p>"
            f"<ul>{verdicts or '<li>none</li>'}</ul>"
            + (f"<p>Reasons:</p><ul>{reasons}</ul>" if reasons else "") + pyhanko +
            f"</section><p><small>Made {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by station verify.</small></p>"
            "</body></html>\n"
        )


class JsonReport:
    """``{"trust": ..., "files": [one object per file ...], "summary": {...}}``, written as it goes."""

    def __init__(self, handle: IO[str], trust: str) -> None:
        self.handle = handle
        self.first = True
        handle.write('{"trust": ' + json.dumps(trust, ensure_ascii=False) + ', "files": [\n')

    def add(self, report: FileReport) -> None:
        self.handle.write(("" if self.first else ",\n") + json.dumps(report.to_dict(), ensure_ascii=False))
        self.first = False

    def close(self, summary: BatchSummary) -> None:
        self.handle.write('\n], "summary": ' + json.dumps(summary.to_dict(), ensure_ascii=False) + "}\n")


class CsvReport:
    """One row per file (see :data:`CSV_FIELDS`), then no summary row: the summary goes to the JSON and the screen."""

    def __init__(self, handle: IO[str]) -> None:
        self.writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        self.writer.writeheader()

    def add(self, report: FileReport) -> None:
        self.writer.writerow(report.row())

    def close(self, summary: BatchSummary) -> None:
        """Nothing to add: a CSV table has rows only."""
