"""The document set of a visit, rendered to PDF from the templates in ``assets/templates``.

Four documents (:class:`~station.core.models.DocumentKind`): the account-opening application, the
loan contract with its repayment schedule as an appendix, the credit-report authorization and the
separate consent to process personal and biometric information. Each is an A4 PDF set in the body
font (WenQuanYi Micro Hei, embedded and subset by reportlab), with Chinese line breaking, a page header
and a ``第 n 页 共 N 页`` footer, and two empty signature fields, ``borrower`` and ``bank``, placed where
each party signs: the signing step fills them in. Their pages and boxes come back with the document.

Rendering is deterministic: the same :class:`DocumentInput` gives the same bytes (the reference and
time are passed in). Every value is checked against the font first; a character the font cannot draw
stops rendering with :class:`~station.documents.fonts.MissingGlyphsError` instead of printing a box.
Nothing personal is logged.
"""

from __future__ import annotations

import hashlib
import io
import logging
import string
import time
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from station.assets import asset
from station.core.models import (
    PERMANENT,
    AccountOpened,
    DocumentKind,
    DocumentRecord,
    DocumentSet,
    IdCardRead,
    LoanOffer,
)
from station.documents.amount_words import amount_in_words
from station.documents.fonts import register_body_font, require_glyphs
from station.documents.linebreak import ChineseParagraph as Paragraph
from station.errors import StationError

__all__ = [
    "BANK_FIELD",
    "BORROWER_FIELD",
    "SIGNATURE_BOXES",
    "TEMPLATES_DIR",
    "DocumentError",
    "DocumentInput",
    "RenderedDocument",
    "RenderedSet",
    "SignatureSlot",
    "render_document",
    "render_documents",
    "template_values",
]

log = logging.getLogger(__name__)

TEMPLATES_DIR = asset("templates")
BORROWER_FIELD = "borrower"
BANK_FIELD = "bank"
SIGNATURE_BOXES = {BORROWER_FIELD: (200.0, 90.0), BANK_FIELD: (120.0, 110.0)}
"""Width and height in points of each signature field: room for the handwriting with the name and
date under it, and for a round bank seal of about 40 mm."""

CHINA_TIME = timezone(timedelta(hours=8), "CST")
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 20 * mm
BODY_SIZE = 10.5  # 五号, the usual size of Chinese contract text
_TOTAL_PAGES_FORM = "station-total-pages"
_SCHEDULE_HEADER = ("期数", "还款日期", "还款金额（元）", "本金（元）", "利息（元）", "剩余本金（元）")
_SCHEDULE_KEYS = ("period", "due_date", "payment", "principal", "interest", "balance")


class DocumentError(StationError):
    """The documents cannot be made from this input or template; nothing was rendered."""


@dataclass(frozen=True)
class DocumentInput:
    """Everything the four documents print: plain values from the visit's earlier steps.

    ``reference`` numbers the documents (the templates prefix it, e.g. ``JK-``); ``issued_at`` (aware)
    is the date printed as the signing date and the PDFs' creation time.
    """

    card: IdCardRead
    account: AccountOpened
    offer: LoanOffer
    bank_name: str
    reference: str
    issued_at: datetime


@dataclass(frozen=True)
class SignatureSlot:
    """An empty signature field: its name, 0-based page and box ``(x1, y1, x2, y2)`` in PDF points."""

    name: str
    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered document: the core record (PDF in ``content``) and its signature fields."""

    record: DocumentRecord
    title: str
    pages: int
    slots: tuple[SignatureSlot, ...]

    def slot(self, name: str) -> SignatureSlot:
        return next(s for s in self.slots if s.name == name)


@dataclass(frozen=True)
class RenderedSet:
    """The four documents, in signing order."""

    documents: tuple[RenderedDocument, ...]

    def document_set(self) -> DocumentSet:
        return DocumentSet([d.record for d in self.documents])


def render_documents(data: DocumentInput, kinds: Iterable[DocumentKind] | None = None) -> RenderedSet:
    """Render every document of the set (or the given kinds) for one visit."""
    values = template_values(data)
    started = time.perf_counter()
    documents = tuple(_render(kind, data, values) for kind in (kinds or DocumentKind))
    log.info("rendered %d documents (%d pages) in %.0f ms", len(documents),
             sum(d.pages for d in documents), (time.perf_counter() - started) * 1000)
    return RenderedSet(documents)


def render_document(kind: DocumentKind, data: DocumentInput) -> RenderedDocument:
    """Render one document of the set."""
    return _render(kind, data, template_values(data))


def template_values(data: DocumentInput) -> dict[str, str]:
    """The placeholders' values (see ``assets/templates/README.md``), checked against the body font.

    Raises :class:`DocumentError` for a loan without a consistent schedule, and
    :class:`~station.documents.fonts.MissingGlyphsError` for text the font cannot draw.
    """
    if data.issued_at.tzinfo is None:
        raise DocumentError("document-naive-time")
    front, back = data.card.front, data.card.back
    request, terms, quote = data.account.request, data.offer.terms, data.offer.quote
    rows = _schedule_rows(data.offer)
    principal = sum((_money(r["principal"]) for r in rows), Decimal(0))
    if principal != terms.amount:
        raise DocumentError("document-schedule-mismatch", principal=str(principal), amount=str(terms.amount))
    first_due = rows[0]["due_date"]
    values = {
        "reference": data.reference,
        "bank_name": data.bank_name,
        "date": _chinese_date(data.issued_at.astimezone(CHINA_TIME).date()),
        "name": front.name,
        "sex": str(front.sex),
        "ethnicity": front.ethnicity,
        "birth_date": _chinese_date(front.birth_date),
        "id_number": front.id_number,
        "id_address": front.address,
        "id_issuer": back.issuer,
        "id_validity": f"{back.valid_from:%Y.%m.%d}-" + (f"{back.valid_to:%Y.%m.%d}" if back.valid_to else PERMANENT),
        "phone": request.phone,
        "contact_address": request.address,
        "product": request.product,
        "account_number": data.account.account_number,
        "card_number": data.account.card_number,
        "amount": _yuan(terms.amount),
        "amount_words": amount_in_words(terms.amount),
        "months": str(terms.months),
        "method": str(terms.method),
        "annual_rate": _plain(terms.annual_rate),
        "apr": _plain(quote.apr),
        "fees": _yuan(terms.fees),
        "total_interest": _yuan(quote.total_interest),
        "total_repayment": _yuan(sum((_money(r["payment"]) for r in rows), Decimal(0))),
        "first_payment": _yuan(quote.first_payment),
        "first_due_date": _chinese_date(_parse_date(first_due)),
        "last_due_date": _chinese_date(_parse_date(rows[-1]["due_date"])),
        "payment_day": str(_parse_date(first_due).day),
    }
    require_glyphs(values)
    return values


# --- templates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    kind: DocumentKind
    title: str
    number: str
    blocks: tuple[Mapping[str, Any], ...]


_BLOCK_TYPES = {"text", "heading", "fields", "notice", "signatures", "schedule", "page_break"}


@cache
def _template(kind: DocumentKind) -> _Template:
    path = TEMPLATES_DIR / f"{kind.value}.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        blocks = tuple(raw.get("block", ()))
        template = _Template(kind, raw["title"], raw["number"], blocks)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DocumentError("document-template-unusable", path=str(path), problem=repr(exc)) from exc
    unknown = [b.get("type") for b in blocks if b.get("type") not in _BLOCK_TYPES]
    if unknown:
        raise DocumentError("document-template-unknown-blocks", path=str(path), types=str(unknown))
    if sum(b["type"] == "signatures" for b in blocks) != 1:
        raise DocumentError("document-template-signatures", path=str(path))
    return template


def _fill(text: str, values: Mapping[str, str], kind: DocumentKind) -> str:
    """Fill ``{placeholder}``s with escaped values; the template's own markup stays as it is."""
    out = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        out.append(literal)
        if name is None:
            continue
        if spec or conversion or name not in values:
            raise DocumentError("document-template-placeholder", template=kind.value, name=name)
        out.append(escape(values[name]))
    return "".join(out)


# --- layout --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    font = register_body_font()
    body = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=17, wordWrap="CJK",
                          firstLineIndent=2 * BODY_SIZE, spaceAfter=3)
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0,
                                spaceAfter=2),
        "number": ParagraphStyle("number", body, fontSize=9, leading=13, alignment=TA_CENTER, firstLineIndent=0,
                                 textColor=colors.HexColor("#555555"), spaceAfter=10),
        "heading": ParagraphStyle("heading", body, fontSize=12, leading=18, firstLineIndent=0, spaceBefore=7,
                                  spaceAfter=3, keepWithNext=1, textColor=colors.HexColor("#1F3864")),
        "cell": ParagraphStyle("cell", body, fontSize=10, leading=14, firstLineIndent=0, spaceAfter=0),
        "notice": ParagraphStyle("notice", body, fontSize=10.5, leading=18, firstLineIndent=0, spaceAfter=0,
                                 autoLeading="max"),
        "label": ParagraphStyle("label", body, fontSize=10.5, leading=15, firstLineIndent=0, spaceAfter=0),
    }


class _SignatureBlock(Flowable):
    """The parties' signing places side by side, each an empty signature field above its date line."""

    _LABEL_H, _DATE_H, _GAP = 18.0, 16.0, 4.0

    def __init__(self, labels: Mapping[str, str], date_text: str, slots: list[tuple[str, int, tuple]]) -> None:
        super().__init__()
        self.labels, self.date_text, self.slots = labels, date_text, slots
        self.box_h = max(h for _, h in SIGNATURE_BOXES.values())
        self.height = self._LABEL_H + self._GAP + self.box_h + self._DATE_H
        self.origin = (0.0, 0.0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 (reportlab's name)
        self.origin = (x, y)  # frames place flowables in page coordinates
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canvas, styles = self.canv, _styles()
        columns = {BORROWER_FIELD: 0.0, BANK_FIELD: self.width * 0.58}
        for name, left in columns.items():
            width, height = SIGNATURE_BOXES[name]
            label = Paragraph(self.labels[name] + "：", styles["label"])
            label.wrapOn(canvas, self.width * 0.42, self._LABEL_H)
            label.drawOn(canvas, left, self.height - self._LABEL_H)
            box_y = self._DATE_H + (self.box_h - height)
            canvas.saveState()
            canvas.setStrokeColor(colors.HexColor("#999999"))
            canvas.setLineWidth(0.5)
            canvas.line(left, self._DATE_H, left + width, self._DATE_H)
            canvas.restoreState()
            date = Paragraph(self.date_text, styles["label"])
            date.wrapOn(canvas, self.width * 0.42, self._DATE_H)
            date.drawOn(canvas, left, 0)
            x0, y0 = self.origin
            box = (round(x0 + left, 2), round(y0 + box_y, 2), round(x0 + left + width, 2),
                   round(y0 + box_y + height, 2))
            _add_signature_field(canvas, name, box)
            self.slots.append((name, canvas.getPageNumber() - 1, box))


def _add_signature_field(canvas: Canvas, name: str, box: tuple[float, ...]) -> None:
    """An empty, printable signature field (a merged field and widget) on the current page.

    reportlab's AcroForm support has no signature fields, so this builds the dictionary its own form
    fields use, with ``/FT /Sig`` (ISO 32000-1, 12.7.4.5), and registers it with the page and the form.
    """
    form = canvas.acroForm
    field = PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Sig"), "T": PDFString(name),
        "F": 4, "Rect": PDFArray(list(box)), "P": canvas._doc.thisPageRef(),
    })
    canvas._addAnnotation(field)
    form.fields.append(form.getRef(field))


class _PagedCanvas(Canvas):
    """A canvas that writes the total page count into a form every page's footer refers to."""

    def save(self) -> None:
        total = self.getPageNumber() - (0 if self._code else 1)
        self.beginForm(_TOTAL_PAGES_FORM)
        self.setFont(register_body_font(), 8)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(0, 0, f"{total} 页")
        self.endForm()
        super().save()


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, template: _Template, number: str, data: DocumentInput) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, title=template.title, author=data.bank_name,
                         creator="station", invariant=True, lang="zh-CN",
                         initialFontName=register_body_font(), initialFontSize=BODY_SIZE)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self.header, self.number = f"{data.bank_name}　{template.title}", number
        stamp = data.issued_at.astimezone(CHINA_TIME)
        self.pdf_date = stamp.strftime("D:%Y%m%d%H%M%S+08'00'")

    def _decorate(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        font = register_body_font()
        canvas.saveState()
        if canvas.getPageNumber() == 1:
            canvas.setDateFormatter(lambda *_: self.pdf_date)
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        top = PAGE_HEIGHT - MARGIN_TOP + 8
        canvas.drawString(MARGIN_X, top, self.header)
        canvas.line(MARGIN_X, top - 3, PAGE_WIDTH - MARGIN_X, top - 3)
        bottom = MARGIN_BOTTOM - 14
        canvas.line(MARGIN_X, bottom + 10, PAGE_WIDTH - MARGIN_X, bottom + 10)
        canvas.drawString(MARGIN_X, bottom, self.number)
        right = PAGE_WIDTH - MARGIN_X - canvas.stringWidth("999 页", font, 8)
        canvas.drawRightString(right, bottom, f"第 {canvas.getPageNumber()} 页 / 共 ")
        canvas.saveState()
        canvas.translate(right, bottom)
        canvas.doForm(_TOTAL_PAGES_FORM)  # "N 页", written when the page count is known
        canvas.restoreState()
        canvas.restoreState()


def _render(kind: DocumentKind, data: DocumentInput, values: Mapping[str, str]) -> RenderedDocument:
    template = _template(kind)
    number = _fill(template.number, values, kind)
    slots: list[tuple[str, int, tuple]] = []
    story = _story(template, values, data, slots)
    buffer = io.BytesIO()
    doc = _Document(buffer, template, number, data)
    doc.build(story, canvasmaker=_PagedCanvas)
    content = buffer.getvalue()
    found = sorted(name for name, _, _ in slots)
    if found != sorted((BANK_FIELD, BORROWER_FIELD)):
        raise DocumentError("document-template-fields", template=kind.value, found=str(found))
    record = DocumentRecord(kind, f"{kind.value}.pdf", hashlib.sha256(content).hexdigest(), content=content)
    return RenderedDocument(record, template.title, doc.page,
                            tuple(SignatureSlot(n, p, tuple(b)) for n, p, b in slots))


def _story(template: _Template, values: Mapping[str, str], data: DocumentInput,
           slots: list[tuple[str, int, tuple]]) -> list[Flowable]:
    styles, kind = _styles(), template.kind
    story: list[Flowable] = [Paragraph(escape(template.title), styles["title"]),
                             Paragraph(_fill(template.number, values, kind), styles["number"])]
    for block in template.blocks:
        match block["type"]:
            case "text":
                for part in _paragraphs(_fill(block["text"], values, kind)):
                    story.append(Paragraph(part, styles["body"]))
            case "heading":
                story.append(Paragraph(_fill(block["text"], values, kind), styles["heading"]))
            case "fields":
                story.append(_fields_table([[_fill(c, values, kind) for c in row] for row in block["rows"]]))
                story.append(Spacer(1, 6))
            case "notice":
                story.append(_notice(" ".join(_paragraphs(_fill(block["text"], values, kind)))))
                story.append(Spacer(1, 8))
            case "signatures":
                labels = {name: _fill(block[name], values, kind) for name in (BORROWER_FIELD, BANK_FIELD)}
                date_text = "日期：" + escape(values["date"])
                last = [story.pop()] if isinstance(story[-1], Paragraph) else []  # never a page of signatures alone
                story.append(KeepTogether([*last, Spacer(1, 14), _SignatureBlock(labels, date_text, slots)]))
            case "schedule":
                story.append(_schedule_table(_schedule_rows(data.offer)))
            case "page_break":
                story.append(PageBreak())
    return story


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated parts, each with its line breaks removed (Chinese needs no spaces there)."""
    parts = [p for p in text.strip().split("\n\n") if p.strip()]
    return ["".join(line.strip() for line in part.splitlines()) for part in parts]


_GRID = colors.HexColor("#808080")
_SHADE = colors.HexColor("#EEF2F7")


def _fields_table(rows: Sequence[Sequence[str]]) -> Table:
    styles = _styles()
    width = PAGE_WIDTH - 2 * MARGIN_X
    widths = [width * 0.16, width * 0.34, width * 0.16, width * 0.34]
    cells, commands = [], [
        ("FONTNAME", (0, 0), (-1, -1), register_body_font()),
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for r, row in enumerate(rows):
        if len(row) not in (2, 4):
            raise DocumentError("document-fields-row", cells=len(row))
        cells.append([Paragraph(c, styles["cell"]) for c in row] + [""] * (4 - len(row)))
        commands += [("BACKGROUND", (0, r), (0, r), _SHADE)]
        commands += [("BACKGROUND", (2, r), (2, r), _SHADE)] if len(row) == 4 else [("SPAN", (1, r), (3, r))]
    return Table(cells, colWidths=widths, style=TableStyle(commands), hAlign="LEFT")


def _notice(text: str) -> Table:
    table = Table([[Paragraph(text, _styles()["notice"])]], colWidths=[PAGE_WIDTH - 2 * MARGIN_X])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_body_font()),
        ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#9C2A00")),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF4E5")),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
    ]))
    return table


def _schedule_table(rows: Sequence[Mapping[str, str]]) -> LongTable:
    font = register_body_font()
    body = [[r["period"], r["due_date"], *(_yuan(_money(r[k])) for k in _SCHEDULE_KEYS[2:])] for r in rows]
    totals = ["合计", "", *(_yuan(sum((_money(r[k]) for r in rows), Decimal(0))) for k in _SCHEDULE_KEYS[2:5]), ""]
    width = PAGE_WIDTH - 2 * MARGIN_X
    table = LongTable([list(_SCHEDULE_HEADER), *body, totals], repeatRows=1,
                      colWidths=[width * f for f in (0.09, 0.17, 0.185, 0.185, 0.17, 0.2)])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEADING", (0, 0), (-1, -1), 11),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE), ("BACKGROUND", (0, -1), (-1, -1), _SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


# --- values --------------------------------------------------------------------------------------


def _schedule_rows(offer: LoanOffer) -> list[Mapping[str, str]]:
    rows = offer.quote.schedule
    if not rows:
        raise DocumentError("document-no-schedule")
    for row in rows:
        missing = [k for k in _SCHEDULE_KEYS if k not in row]
        if missing:
            raise DocumentError("document-schedule-row", missing=str(missing))
    return rows


def _money(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise DocumentError("document-schedule-amount") from exc


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _plain(number: Decimal) -> str:
    """A rate as written: no exponent, no trailing zeros beyond two decimals (3.4500 -> 3.45)."""
    text = format(number, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        text = f"{whole}.{frac}"
    return text


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise DocumentError("document-schedule-date") from exc


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
