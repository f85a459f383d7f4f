"""The printed fields of a resident ID card, from the OCR lines of the flattened, upright card.

The card's layout is fixed (labels in a column on the left, values beside them; the number along the
bottom; on the back the authority and the validity period below the title), so each character read is
placed by where it sits: in which row, and left or right of the label column. The rows are found from
the labels the OCR read (姓名, 性别, 出生, ...) and fall back to their printed positions when a label was
missed. Every field keeps its characters' confidences; a character read with low confidence, or mapped
from a look-alike (O for 0), or beside a place where the recogniser saw a character and dropped it
(:attr:`OcrLine.gaps`), is marked doubtful, and so is a whole field whose value does not have the form it
must have (a sex that is not 男 or 女, an ethnic group that does not exist). A character's confidence
counts the recogniser's belief in its other written form too (漢 for 汉: the same character read).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from station.core.idnumber import region_of
from station.core.models import PERMANENT
from station.vision.ocr import OcrLine

DOUBTFUL_BELOW = 0.9
"""A character read with less confidence than this is marked doubtful."""
NAME_DOUBTFUL_BELOW = 0.95
"""The same for a name: names hold rare characters that the recogniser reads as a common look-alike
with a confidence just above the general level (杨思或 for 杨思彧 at 0.91); calibrated on generated cards
(seed 2028, motion and focus blur): right names read under 0.95 were 5 of 50, under 0.9 2 of 50."""
LOST_ABOVE = 0.1
"""A character beside a gap where the recogniser saw another character with at least this probability
(and dropped it) is marked doubtful: the narrow 1 of 团结村1组 lost between 村 and 组 shows this way."""

FRONT_FIELDS = ("name", "sex", "ethnicity", "birth_date", "address", "id_number")
BACK_FIELDS = ("issuer", "valid_from", "valid_to")

ETHNIC_GROUPS = frozenset({
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
    "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
})
"""The 56 ethnic groups as printed on the card (民族 汉, not 汉族)."""

# Look-alikes the recogniser may put where a digit (or the check character X) is printed.
_DIGIT_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                     "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "b": "6", "G": "6", "g": "9", "q": "9",
                     "x": "X", "×": "X", "Ⅹ": "X"}
# Traditional forms the recogniser sometimes returns for the simplified characters printed on every card
# (內 for 内, 強 for 强): mapped in addresses, authorities and ethnic groups, which are printed in simplified
# characters; in a name, where the holder's own character may be rare, a traditional form is only marked.
_TRADITIONAL = dict(zip(
    "內別漢維爾滿鮮納東鄉縣區號組鎮龍門陽華蘭濟廣興開長邊雲貴黃劉陳張楊趙吳鄭孫馬偉傑強麗鳳軍國輝濤剛紅艷靜鵬"
    "飛鳴慶勝寶貞順義禮齊聖瑩習書車貝見記設語說讀調談請豐盧蘇葉蕭許韓馮鄧羅謝曉嬌婭嬋燁煒瑋詩韻潔淵麥藝儀億兒"
    "歡樂業學萬與專會傳壽應嶺島灣橋樓橫權歲歷濱滬澤溝熱營燈獻環琿畢畝發瑤璣頭頌領顏顯風餘館駐騰鴻鵝鶴齡龐滙匯"
    "衛軒輪連進過運達遠遼鄰醫鍾鋼錦鐵閩閣闊陸隊陰際隨雙雞雜難電霧靈韋頂項須頓預頻題額類",
    "内别汉维尔满鲜纳东乡县区号组镇龙门阳华兰济广兴开长边云贵黄刘陈张杨赵吴郑孙马伟杰强丽凤军国辉涛刚红艳静鹏"
    "飞鸣庆胜宝贞顺义礼齐圣莹习书车贝见记设语说读调谈请丰卢苏叶萧许韩冯邓罗谢晓娇娅婵烨炜玮诗韵洁渊麦艺仪亿儿"
    "欢乐业学万与专会传寿应岭岛湾桥楼横权岁历滨沪泽沟热营灯献环珲毕亩发瑶玑头颂领颜显风余馆驻腾鸿鹅鹤龄庞汇汇"
    "卫轩轮连进过运达远辽邻医钟钢锦铁闽阁阔陆队阴际随双鸡杂难电雾灵韦顶项须顿预频题额类",
    strict=True,
))

# The printed layout of an upright card at 856x540: label rows (centre y) and the value column.
_FRONT_ROWS = {"姓名": 72, "性别": 134, "出生": 196, "住址": 256, "公民身份号码": 466}
_BACK_ROWS = {"签发机关": 412, "有效期限": 470}
_FRONT_VALUE_X = 148  # values start right of this; labels sit left of it
_BACK_VALUE_X = 300
_PORTRAIT_LEFT = 520  # front: the photo's column, right of the text (above the number row)
_ETHNICITY_X = 285  # front: 民族 and its value start about here on the sex row


@dataclass(frozen=True)
class FieldRead:
    """One field as read: its value, its confidence (the lowest of its characters', 0 if not read), the
    indexes of its doubtful characters and, when the value does not have the form it must have, why.
    """

    value: str
    confidence: float
    doubtful: tuple[int, ...] = ()
    problem: str = ""
    scores: tuple[float, ...] = ()  # each character's confidence
    gaps: tuple[float, ...] = ()  # each character's evidence of a character lost beside it (0 when none)

    @property
    def is_doubtful(self) -> bool:
        return bool(self.doubtful) or bool(self.problem) or not self.value

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "confidence": round(self.confidence, 4), "doubtful": list(self.doubtful),
                **({"problem": self.problem} if self.problem else {})}


@dataclass(frozen=True)
class _Char:
    ch: str
    score: float
    x: float
    y: float  # the centre y of the line the character was read in
    height: float
    edges: tuple[float, float] = (0.0, 0.0)  # left and right of the line's box ...
    place: tuple[int, int] = (0, 0)  # ... and where in that line the character is: (index, length)
    lost: float = 0.0  # evidence of a character dropped just before or after this one (OcrLine.gaps)

    @property
    def doubtful(self) -> bool:
        return self.score < DOUBTFUL_BELOW or self.lost >= LOST_ABOVE

    @property
    def width(self) -> float:
        """Printed width in character pitches: 1 for a Chinese character, about half for a digit or letter."""
        return 1.0 if unicodedata.east_asian_width(self.ch) in "WF" else 0.55


def _chars(lines: list[OcrLine]) -> list[_Char]:
    out = []
    for line in lines:
        text = unicodedata.normalize("NFKC", line.text)
        if len(text) != len(line.text):  # NFKC changed the length (rare ligatures): keep the raw text
            text = line.text
        for i, (ch, score, x) in enumerate(zip(text, line.char_scores, line.char_xs, strict=True)):
            if ch.isspace():
                continue
            if line.alternatives:  # 漢 read with 汉 as the runner-up is 汉 read surely, in either form
                same = _TRADITIONAL.get(ch, ch)
                score = min(1.0, score + sum(p for a, p in line.alternatives[i]
                                             if a != ch and _TRADITIONAL.get(a, a) == same))
            lost = max(line.gaps[i], line.gaps[i + 1]) if line.gaps else 0.0
            out.append(_Char(ch, score, x, line.centre_y, line.height, (line.left, line.right), (i, len(text)),
                             lost))
    return out


def _field(chars: list[_Char], problem: str = "", extra_doubt: tuple[int, ...] = ()) -> FieldRead:
    value = "".join(c.ch for c in chars)
    if not value:
        return FieldRead("", 0.0, (), problem or "not read")
    doubtful = sorted({i for i, c in enumerate(chars) if c.doubtful} | set(extra_doubt))
    return FieldRead(value, min(c.score for c in chars), tuple(doubtful), problem, tuple(c.score for c in chars),
                     tuple(c.lost for c in chars))


def _gaps(chars: list[_Char]) -> set[int]:
    """Characters beside a gap where a character is printed but was not read (吉市 for 吉首市).

    Values are printed at a fixed pitch; a gap on a line one character wider than the pitch says a
    character is missing there: both neighbours are marked.
    """
    out: set[int] = set()
    for line in _lines_of(chars):
        steps = [(b.x - a.x) / ((a.width + b.width) / 2) for (_, a), (_, b) in zip(line, line[1:], strict=False)]
        if len(steps) < 2:
            continue
        pitch = sorted(steps)[len(steps) // 2]
        for ((i, a), (j, b)), step in zip(zip(line, line[1:], strict=False), steps, strict=True):
            if (step - pitch) * (a.width + b.width) / 2 > 0.7 * pitch:
                out |= {i, j}
        # The line's box covers every printed character: room for one more at either end says one was lost.
        (i, first), (j, last) = line[0], line[-1]
        if first.place[0] == 0 and first.x - first.width * pitch / 2 - first.edges[0] > 0.7 * pitch:
            out.add(i)
        if last.place[0] == last.place[1] - 1 and last.edges[1] - last.x - last.width * pitch / 2 > 0.7 * pitch:
            out.add(j)
    return out


def _lines_of(chars: list[_Char]) -> list[list[tuple[int, _Char]]]:
    """The characters (with their index) grouped by the line they were read in."""
    lines: dict[float, list[tuple[int, _Char]]] = {}
    for i, c in enumerate(chars):
        lines.setdefault(c.y, []).append((i, c))
    return list(lines.values())


def _late_start(rows: list[list[_Char]]) -> list[bool]:
    """For rows whose values start at the same x, which start a character late (the first one lost)."""
    lefts = [row[0].x - row[0].width * row[0].height / 2 for row in rows if row]
    if len(lefts) < 2:
        return [False] * len(rows)
    start = sorted(lefts)[len(lefts) // 2 - (len(lefts) % 2 == 0)]
    out = []
    for row in rows:
        out.append(bool(row) and row[0].x - row[0].width * row[0].height / 2 - start > 0.7 * row[0].height)
    return out


def _missing(problem: str = "not read") -> FieldRead:
    return FieldRead("", 0.0, (), problem)


# --- rows ------------------------------------------------------------------------------------------


def _find_label(lines: list[OcrLine], label: str, max_x: float) -> OcrLine | None:
    """The line where ``label`` is printed (read exactly, or with one character wrong if longer than two)."""
    best = None
    for line in lines:
        text = "".join(line.text.split())
        if line.left > max_x:
            continue
        hit = label in text or (len(label) > 2 and _near(text[: len(label)], label))
        if hit and (best is None or line.left < best.left):
            best = line
    return best


def _near(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def _row_positions(lines: list[OcrLine], rows: dict[str, float], max_x: float) -> dict[str, float]:
    """Where each label's row is on this card: from the labels found, the rest shifted like them."""
    found = {label: line.centre_y for label in rows if (line := _find_label(lines, label, max_x)) is not None}
    if not found:
        return dict(rows)
    shifts = sorted(found[label] - rows[label] for label in found)
    shift = shifts[len(shifts) // 2]
    return {label: found.get(label, rows[label] + shift) for label in rows}


def _reading_order(chars: list[_Char]) -> list[_Char]:
    """Characters line by line, top to bottom, each line left to right (lines told apart by their y)."""
    rows: list[list[_Char]] = []
    for c in sorted(chars, key=lambda c: c.y):
        if rows and c.y - rows[-1][0].y <= 0.5 * max(c.height, rows[-1][0].height):
            rows[-1].append(c)
        else:
            rows.append([c])
    return [c for row in rows for c in sorted(row, key=lambda c: c.x)]


def _in_row(chars: list[_Char], y: float, tolerance: float) -> list[_Char]:
    return sorted((c for c in chars if abs(c.y - y) <= tolerance), key=lambda c: c.x)


def _strip_label(chars: list[_Char], label: str, value_x: float) -> list[_Char]:
    """The value's characters: after the label where it was read, else those right of the label column."""
    text = "".join(c.ch for c in chars)
    start = text.find(label)
    if start == -1 and len(label) > 2:
        start = next((i for i in range(len(text) - len(label) + 1) if _near(text[i:i + len(label)], label)), -1)
    if start != -1:
        return chars[start + len(label):]
    return [c for c in chars if c.x >= value_x]


# --- front -----------------------------------------------------------------------------------------


def _front_text_lines(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines outside the portrait (the photo sometimes reads as a character)."""
    return [ln for ln in lines if not (ln.left > _PORTRAIT_LEFT - 30 and ln.centre_y < 400 and
                                       (ln.left + ln.right) / 2 > _PORTRAIT_LEFT)]


def front_regions(lines: list[OcrLine]) -> dict[str, tuple[int, int, int, int]]:
    """Where each field's value is printed on this upright front (x0, y0, x1, y1), for a second look."""
    rows = _row_positions(_front_text_lines(lines), _FRONT_ROWS, _FRONT_VALUE_X + 40)
    t = 28

    def box(label: str, x0: int, x1: int, half: int = t) -> tuple[int, int, int, int]:
        y = round(rows[label])
        return x0, max(0, y - half), x1, y + half

    address = (_FRONT_VALUE_X, round(rows["住址"]) - t, _PORTRAIT_LEFT, round(rows["公民身份号码"]) - 40)
    return {
        "name": box("姓名", _FRONT_VALUE_X, _PORTRAIT_LEFT),
        "address": address,
        "sex": box("性别", _FRONT_VALUE_X, _ETHNICITY_X),
        "ethnicity": box("性别", _ETHNICITY_X + 75, _PORTRAIT_LEFT),
        "birth_date": box("出生", _FRONT_VALUE_X, _PORTRAIT_LEFT),
        "id_number": box("公民身份号码", 250, 850, 34),
    }


def back_regions(lines: list[OcrLine]) -> dict[str, tuple[int, int, int, int]]:
    """Where the back's values are printed on this upright back (x0, y0, x1, y1), for a second look."""
    rows = _row_positions(lines, _BACK_ROWS, _BACK_VALUE_X + 40)
    issuer, period = round(rows["签发机关"]), round(rows["有效期限"])
    return {"issuer": (_BACK_VALUE_X, issuer - 28, 850, issuer + 28),
            "valid_from": (_BACK_VALUE_X, period - 28, 850, period + 28),
            "valid_to": (_BACK_VALUE_X, period - 28, 850, period + 28)}


def parse_front(lines: list[OcrLine]) -> dict[str, FieldRead]:
    """The front's six fields from the OCR lines of the upright 856x540 card."""
    text_lines = _front_text_lines(lines)
    rows = _row_positions(text_lines, _FRONT_ROWS, _FRONT_VALUE_X + 40)
    chars = [c for c in _chars(text_lines) if not (c.x > _PORTRAIT_LEFT and c.y < rows["公民身份号码"] - 40)]
    pitch = max((rows["公民身份号码"] - rows["姓名"]) / (_FRONT_ROWS["公民身份号码"] - _FRONT_ROWS["姓名"]), 0.5)
    tolerance = 24 * pitch

    name = _strip_label(_in_row(chars, rows["姓名"], tolerance), "姓名", _FRONT_VALUE_X)
    sex_row = _strip_label(_in_row(chars, rows["性别"], tolerance), "性别", _FRONT_VALUE_X)
    birth = _strip_label(_in_row(chars, rows["出生"], tolerance), "出生", _FRONT_VALUE_X)
    address_top = rows["住址"] - tolerance
    address_bottom = rows["公民身份号码"] - 45 * pitch
    address = _strip_label(_reading_order([c for c in chars if address_top <= c.y <= address_bottom]),
                           "住址", _FRONT_VALUE_X)
    number_row = _in_row(chars, rows["公民身份号码"], tolerance * 1.5)

    sex_chars, ethnicity_chars = _split_sex_row(sex_row)
    address_lines = [[c for _, c in line] for line in _lines_of(address)]
    late = _late_start([name, sex_chars, birth, *address_lines])
    late_address = {address.index(line[0]) for line, is_late in zip(address_lines, late[3:], strict=True) if is_late}
    return {
        "name": _name(name, late[0]),
        "sex": _sex(sex_chars),
        "ethnicity": _ethnicity(ethnicity_chars),
        "birth_date": _birth_date(birth),
        "address": _mark(_field(_simplified(address)), _gaps(address) | late_address),
        "id_number": _id_number(number_row),
    }


def _split_sex_row(row: list[_Char]) -> tuple[list[_Char], list[_Char]]:
    """性别 男 民族 汉: the sex left of the 民族 label, the ethnic group right of it."""
    text = "".join(c.ch for c in row)
    at = text.find("民族")
    if at != -1:
        return row[:at], row[at + 2:]
    return [c for c in row if c.x < _ETHNICITY_X], [c for c in row if c.x >= _ETHNICITY_X + 60]


def _name(chars: list[_Char], late: bool = False) -> FieldRead:
    """The name; the separator of transcribed names (买买提·艾力) is always printed as ·."""
    chars = [replace(c, ch="·") if c.ch in "•・‧.．" else c for c in chars if c.ch not in "：:"]
    unsure = {i for i, c in enumerate(chars) if c.score < NAME_DOUBTFUL_BELOW}
    field = _mark(_field(chars), _gaps(chars) | unsure | ({0} if late and chars else set()))
    bad = tuple(i for i, c in enumerate(chars) if not (_is_han(c.ch) or c.ch == "·") or c.ch in _TRADITIONAL)
    if bad:
        return replace(field, doubtful=tuple(sorted(set(field.doubtful) | set(bad))),
                       problem="a name holds simplified Chinese characters (and · in some names) only")
    return field


def _sex(chars: list[_Char]) -> FieldRead:
    picked = [c for c in chars if c.ch in "男女"]
    if len(picked) == 1:
        return _field(picked)
    if not chars:
        return _missing()
    return replace(_field(chars), doubtful=tuple(range(len(chars))), problem="sex must be 男 or 女")


def _simplified(chars: list[_Char]) -> list[_Char]:
    return [replace(c, ch=_TRADITIONAL.get(c.ch, c.ch)) for c in chars]


def _ethnicity(chars: list[_Char]) -> FieldRead:
    chars = _simplified(chars)
    if len(chars) > 1 and chars[-1].ch == "族" and "".join(c.ch for c in chars[:-1]) in ETHNIC_GROUPS:
        chars = chars[:-1]
    field = _field(chars)
    if field.value and field.value not in ETHNIC_GROUPS:
        return replace(field, doubtful=tuple(range(len(field.value))),
                       problem="not one of the 56 ethnic groups printed on cards")
    return field


_BIRTH = re.compile(r"(\d{4})\D{0,3}?(\d{1,2})\D{1,3}?(\d{1,2})")


def _birth_date(chars: list[_Char]) -> FieldRead:
    """出生 1990 年 1 月 2 日 -> 1990-01-02, each digit keeping its confidence."""
    chars, mapped = _digits_from_lookalikes(chars, keep="年月日")
    text = "".join(c.ch for c in chars)
    m = _BIRTH.search(text)
    if m is None:
        return _field(chars, "not a date of the form YYYY年M月D日") if chars else _missing()
    return _date_field(chars, m, mapped)


def _date_field(chars: list[_Char], m: re.Match[str], mapped: set[int]) -> FieldRead:
    """An ISO date from the three digit groups of ``m``, each digit keeping its confidence and doubt.

    A one-digit month or day (1990年3月7日) is padded with a zero that shares the digit's confidence.
    """
    year, month, day = (int(g) for g in m.groups())
    try:
        value, problem = date(year, month, day).isoformat(), ""
    except ValueError:
        value, problem = f"{year:04d}-{month:02d}-{day:02d}", "not a real date"
    scores = [1.0] * len(value)
    doubtful: set[int] = set()
    for group, positions in zip((1, 2, 3), ((0, 1, 2, 3), (5, 6), (8, 9)), strict=True):
        src = list(range(m.start(group), m.end(group)))
        padded = [src[0]] * (len(positions) - len(src)) + src  # the pad zero goes with the first digit
        for i, pos in zip(padded, positions, strict=False):
            scores[pos] = chars[i].score
            if chars[i].doubtful or i in mapped:
                doubtful.add(pos)
    return FieldRead(value, min(scores), tuple(sorted(doubtful)), problem, tuple(scores))


def _digits_from_lookalikes(chars: list[_Char], keep: str = "") -> tuple[list[_Char], set[int]]:
    """Look-alikes read among digits turned into the digit (and marked); other letters dropped."""
    out: list[_Char] = []
    mapped: set[int] = set()
    for c in chars:
        ch = c.ch
        if ch in _DIGIT_LOOKALIKES and ch not in keep:
            prev_digit = bool(out) and out[-1].ch.isdigit()
            if prev_digit or _DIGIT_LOOKALIKES[ch].isdigit():
                mapped.add(len(out))
                out.append(replace(c, ch=_DIGIT_LOOKALIKES[ch]))
                continue
        out.append(c)
    return out, mapped


def _id_number(row: list[_Char]) -> FieldRead:
    """The longest run of digits (and a final X) in the number's row; look-alikes mapped and marked."""
    chars, mapped = _digits_from_lookalikes(row)
    runs: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate([*chars, None]):
        ok = c is not None and (c.ch.isdigit() or c.ch == "X")
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            runs.append((start, i))
            start = None
    if not runs:
        return _missing()
    a, b = max(runs, key=lambda r: r[1] - r[0])
    picked = list(range(a, b))
    if b - a != 18 and sum(e - s for s, e in runs) == 18:  # read in pieces (a gap, a stray mark between)
        picked = [i for s, e in runs for i in range(s, e)]
    field = _field([chars[i] for i in picked], extra_doubt=tuple(k for k, i in enumerate(picked) if i in mapped))
    problem = ""
    if len(field.value) != 18:
        problem = f"{len(field.value)} characters read; the number has 18"
    elif "X" in field.value[:-1]:
        problem = "X can only be the last character"
    if problem:
        return replace(field, doubtful=tuple(range(len(field.value))), problem=problem)
    return field


# --- back ------------------------------------------------------------------------------------------


_DATE = re.compile(r"(\d{4})[.,·\-]?(\d{2})[.,·\-]?(\d{2})")


def parse_back(lines: list[OcrLine]) -> dict[str, FieldRead]:
    """The back's fields (authority, validity start and end) from the OCR lines of the upright card."""
    rows = _row_positions(lines, _BACK_ROWS, _BACK_VALUE_X + 40)
    chars = _chars(lines)
    tolerance = 24.0
    issuer = _strip_label(_in_row(chars, rows["签发机关"], tolerance), "签发机关", _BACK_VALUE_X)
    period = _strip_label(_in_row(chars, rows["有效期限"], tolerance), "有效期限", _BACK_VALUE_X)
    valid_from, valid_to = _period(period)
    late = _late_start([issuer, period])[0]
    issuer_field = _mark(_field(_simplified(issuer)), _gaps(issuer) | ({0} if late else set()))
    return {"issuer": issuer_field, "valid_from": valid_from, "valid_to": valid_to}


def _period(chars: list[_Char]) -> tuple[FieldRead, FieldRead]:
    """2015.03.01-2035.03.01 or 2015.03.01-长期."""
    if not chars:
        return _missing(), _missing()
    chars, mapped = _digits_from_lookalikes(chars)
    text = "".join(c.ch for c in chars)
    dates = list(_DATE.finditer(text))
    if not dates:
        return _missing("no date of the form YYYY.MM.DD"), _missing("no date of the form YYYY.MM.DD")
    start = _date_field(chars, dates[0], mapped)
    permanent = text.find("长期", dates[0].end())
    if permanent == -1 and "长" in text[dates[0].end():]:
        permanent = text.find("长", dates[0].end())
    if permanent != -1:
        end_chars = [c for c in chars[permanent:permanent + 2] if c.ch in "长期"]
        field = _field(end_chars)
        if len(end_chars) == 2:
            return start, field
        return start, replace(field, value=PERMANENT, doubtful=(0, 1), problem="read as 长 alone",
                              scores=field.scores * 2, gaps=field.gaps * 2)
    if len(dates) < 2:
        return start, _missing("no end date or 长期")
    return start, _date_field(chars, dates[1], mapped)


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f" or "\uf900" <= ch <= "\ufaff"


# --- place names: a near miss is a misread ---------------------------------------------------------

_PLACE_SUFFIX = re.compile(r"(?<=省|州|盟|县|旗)|(?<=自治区)|(?<=地区)|(?<=[^地社]区)|(?<=市)(?!辖)")
_POLICE_WORDS = re.compile(r"公安局|分局|派出所|公安厅|公安处")


def place_doubts(front: Mapping[str, FieldRead], back: Mapping[str, FieldRead] | None = None
                 ) -> tuple[dict[str, FieldRead], dict[str, FieldRead] | None]:
    """The fields with the places one character away from where the card says they are marked doubtful.

    The address usually begins with the province, prefecture and county of the number's address code,
    and the issuing authority is named after places in the address: a name that differs from one of
    those by a single character (吉市 for 吉首市, 淑浦县 for 溆浦县) is far likelier a misread than another
    place. Values are never changed, only marked.
    """
    front, back = dict(front), dict(back) if back is not None else None
    number = front.get("id_number")
    region = None
    if number is not None and number.value and not number.problem:
        try:
            region = region_of(number.value)
        except ValueError:
            region = None
    address = front.get("address")
    places = [t for t in _PLACE_SUFFIX.split(region or "") if len(t) >= 3]
    if address is not None and address.value and places:
        front["address"] = address = _mark(address, _near_misses(address.value, places))
    issuer = back.get("issuer") if back is not None else None
    if back is not None and issuer is not None and issuer.value and address is not None and address.value:
        tokens = [t for part in _POLICE_WORDS.split(issuer.value) for t in _PLACE_SUFFIX.split(part) if len(t) >= 2]
        misses: set[int] = set()
        for reference in (region or "", address.value):  # apart: the address may share the misread
            for token in (t for t in tokens if t not in reference):
                start = issuer.value.find(token)
                misses |= {start + i for i in _near_misses(reference, [token], reverse=True)}
        back["issuer"] = _mark(issuer, misses)
    return front, back


def _near_misses(text: str, names: list[str], reverse: bool = False) -> set[int]:
    """Positions in ``text`` of windows one edit away from a name that does not occur in ``text``.

    With ``reverse`` the roles swap: positions in the (single) name of characters that the closest window
    of ``text`` does not match.
    """
    out: set[int] = set()
    for name in names:
        if name in text:
            continue
        n = len(name)
        for length in (n, n - 1, n + 1):  # a substitution first, then a character lost or added
            hits = [i for i in range(len(text) - length + 1) if levenshtein(text[i:i + length], name) == 1]
            for i in hits:
                window = text[i:i + length]
                if not reverse:
                    out |= set(range(i, i + length))
                elif length == n:
                    out |= {j for j in range(n) if window[j] != name[j]}
                else:
                    out |= set(range(n))
            if hits:
                break
    return out


def _mark(f: FieldRead, positions: set[int]) -> FieldRead:
    if not positions or not f.value:
        return f
    return replace(f, doubtful=tuple(sorted(set(f.doubtful) | positions)))


def levenshtein(a: str, b: str) -> int:
    """The edit distance between two strings: characters replaced, inserted or deleted."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]
