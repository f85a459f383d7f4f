"""Chinese line breaking for reportlab paragraphs.

reportlab's CJK wrapping (``wordWrap="CJK"``) knows the Japanese rules only: it lets a line start with a
fullwidth comma ，, semicolon ；, colon ：, ？, ！ or 》, never checks that a line does not end with an
opening bracket such as 《 or （, splits numbers like ``4,318.05`` anywhere, and lets a punctuation mark
that does not fit hang past the right margin. :func:`break_lines` applies the usual Chinese rules
(GB/T 15834 标点符号用法, 避头尾): no closing punctuation at the start of a line, no opening punctuation
at its end, runs of Latin letters and digits kept whole when they fit in half a line; when a break
falls on a forbidden place, characters move down to the next line instead of hanging in the margin.
:class:`ChineseParagraph` is a reportlab ``Paragraph`` that breaks its lines this way.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

__all__ = ["NO_LINE_END", "NO_LINE_START", "ChineseParagraph", "break_lines"]

NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉］｝”’…‥·•—～％‰℃°,.;:?!)]}%々ー")
"""Closing and trailing punctuation: never the first character of a line."""
NO_LINE_END = frozenset("（《「『【〔〈［｛“‘([{￥¥$#")
"""Opening punctuation and prefixes: never the last character of a line."""


def _in_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,-/_@%+:'")


def _can_break(chars: Sequence[str], k: int) -> bool:
    """Whether a line may end before ``chars[k]``."""
    before, after = chars[k - 1], chars[k]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (_in_word(before) and _in_word(after))


def break_lines(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                forced: Sequence[bool] = ()) -> list[tuple[int, int]]:
    """Where to break a run of characters into lines: ``(start, end)`` index pairs, end exclusive.

    ``widths`` are the characters' advance widths; line ``n`` may be ``max_widths[n]`` wide (the last
    value repeats). ``forced[i]`` marks a forced break after character ``i`` (``<br/>``). A space at a
    break is dropped from the start of the next line. A single character wider than the line gets a line
    of its own.
    """
    lines: list[tuple[int, int]] = []
    count, start, used, i = len(chars), 0, 0.0, 0
    while i < count:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used += widths[i]
        if i < len(forced) and forced[i]:
            lines.append((start, i + 1))
            start, used, i = i + 1, 0.0, i + 1
            continue
        if used > limit + _FUZZ and i > start:
            cut = _best_cut(chars, start, i)
            lines.append((start, cut))
            while cut < count and chars[cut] == " ":
                cut += 1
            start, used, i = cut, 0.0, cut
            continue
        i += 1
    if start < count:
        lines.append((start, count))
    return lines


def _best_cut(chars: Sequence[str], start: int, overflow: int) -> int:
    """The last allowed break at or before ``overflow``, looking back at most half the line."""
    lowest = max(start + 1, start + (overflow - start) // 2)
    for k in range(overflow, lowest - 1, -1):
        if _can_break(chars, k):
            return k
    return overflow


class _Unit(str):
    """One character of a paragraph with its fragment (its style) and advance width, as reportlab's
    ``cjkU`` but with the width looked up once per font, size and character."""

    frag: object
    width: float


_WIDTHS: dict[tuple[str, float, str], float] = {}


def _unit(ch: str, frag: object) -> _Unit:
    key = (frag.fontName, frag.fontSize, ch)  # type: ignore[attr-defined]
    width = _WIDTHS.get(key)
    if width is None:
        width = _WIDTHS[key] = stringWidth(ch, key[0], key[1])
    unit = _Unit(ch)
    unit.frag, unit.width = frag, width
    return unit


def _frag_line(units: Sequence[_Unit], max_width: float, used: float, line_break: bool) -> FragLine:
    """One line as reportlab draws it: runs of characters of the same fragment joined into words."""
    words, size, ascent, descent, start = [], 0.0, 0.0, 0.0, 0
    for k in range(1, len(units) + 1):
        if k == len(units) or units[k].frag is not units[start].frag:
            frag = units[start].frag
            word = frag.clone()  # type: ignore[attr-defined]
            word.text = "".join(units[start:k])
            words.append(word)
            up, down = getAscentDescent(frag.fontName, frag.fontSize)  # type: ignore[attr-defined]
            size, ascent, descent = max(size, frag.fontSize), max(ascent, up), min(descent, down)  # type: ignore[attr-defined]
            start = k
    return FragLine(kind=1, extraSpace=max_width - used, wordCount=1, words=words, fontSize=size, ascent=ascent,
                    descent=descent, maxWidth=max_width, currentWidth=used, lineBreak=line_break)


class ChineseParagraph(Paragraph):
    """A reportlab ``Paragraph`` (use it with ``wordWrap="CJK"``) broken by :func:`break_lines`."""

    def breakLinesCJK(self, maxWidths: float | Sequence[float]) -> ParaLines:  # noqa: N802 (reportlab's name)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]  # noqa: N806
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # already broken when the paragraph was split across frames
        self.height = 0
        units: list = []
        images = False
        for frag in self.frags:
            text = frag.text if isinstance(frag.text, str) else frag.text.decode("utf8")
            if hasattr(frag, "cbDefn") or not text:
                images = images or hasattr(frag, "cbDefn")
                units.append(cjkU(text, frag, "utf8"))  # an inline image, a <br/> or an empty run
            else:
                units.extend(_unit(ch, frag) for ch in text)
        widths = [u.width for u in units]
        forced = [hasattr(u.frag, "lineBreak") for u in units]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        calc_bounds = auto_leading not in ("", "off")
        lines = []
        for n, (start, end) in enumerate(break_lines(units, widths, maxWidths, forced)):
            limit = maxWidths[min(n, len(maxWidths) - 1)]
            used = sum(widths[start:end])
            line_break = forced[end - 1] if end > start else False
            if images:  # reportlab measures inline images itself
                lines.append(makeCJKParaLine(units[start:end], limit, used, limit - used, line_break, calc_bounds))
            else:
                lines.append(_frag_line(units[start:end], limit, used, line_break))
        return ParaLines(kind=1, lines=lines)
