"""Synthetic resident ID cards for the vision tests and benchmarks.

Invented people (names with rare characters such as 喆, 堃, 燚; Uyghur names with ·; ethnicities such as
维吾尔 and 土家; addresses over three lines; check character X) with computed ID numbers and validity
periods that follow the Resident ID Card Law; real face photos (ORL, ``tests/data/faces``) in the
portrait box; and the photographs an officer might take of such a card: rotated, in perspective,
upside down, blurred, JPEG-compressed, with glare, a shadow, uneven light, low resolution, a busy
background. The layout follows a real card (85.6 x 54 mm drawn at 10 px/mm, times ``scale``), written
here independently of the reader in ``station/vision``.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from stdnum.cn import ric

DATA = Path(__file__).resolve().parents[1] / "data"
FACES = DATA / "faces" / "orl"
PERMANENT = "长期"

CARD_W, CARD_H = 856, 540  # 85.6 x 54 mm at 10 px/mm
NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
_SC_INDEX = 2  # Simplified Chinese face in the Noto CJK collections

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "慕容"]
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国红梅玉兰志强海燕晓东春雨子涵浩然宇轩"
             "欣怡思远嘉豪梓萱一诺俊杰雅琴国庆建华淑珍秀云德福永康")
RARE = list("喆堃燚犇淼鑫垚昇玥珺翀彧婧琛")
UYGHUR_GIVEN = ["买买提", "艾力", "阿依古丽", "吐尔逊", "艾尔肯", "古丽米拉", "热依拉", "阿不都", "努尔", "帕提古丽",
                "依明", "吾买尔", "阿卜杜拉", "迪丽娜尔"]
ETHNIC_WEIGHTS = {"汉": 60, "维吾尔": 8, "土家": 8, "壮": 4, "回": 4, "满": 3, "苗": 3, "彝": 2, "藏": 2, "蒙古": 2,
                  "朝鲜": 1, "哈萨克": 1, "布依": 1, "侗": 1}
# Regions the ethnic groups live in, so addresses and numbers look natural; any region works for 汉.
ETHNIC_REGIONS = {"维吾尔": "65", "土家": "43", "壮": "45", "回": "64", "满": "21", "苗": "52", "彝": "53",
                  "藏": "54", "蒙古": "15", "朝鲜": "22", "哈萨克": "65", "布依": "52", "侗": "52"}
TOWNS = ["幸福", "红旗", "向阳", "新华", "光明", "团结", "胜利", "和平", "长安", "建设", "东风", "前进", "永丰", "石桥",
         "柳树", "青山", "清水", "白马", "大河", "黄土"]
_PLACEHOLDERS = {"市辖区", "县", "省直辖行政单位", "省直辖县级行政单位", "自治区直辖县级行政单位"}
_LOC_LINE = re.compile(r'^(\d{2}) province="(.+)"$|^  (\d{4}) county="(.+)"$')


@dataclass(frozen=True)
class Person:
    """An invented card holder and the card issued to them; ``valid_to`` None means 长期."""

    name: str
    sex: str
    ethnicity: str
    birth_date: date
    address: str
    id_number: str
    issuer: str
    valid_from: date
    valid_to: date | None
    face: Path

    @property
    def valid_to_text(self) -> str:
        return PERMANENT if self.valid_to is None else self.valid_to.isoformat()


# --- people ----------------------------------------------------------------------------------------


@functools.cache
def _regions() -> dict[str, tuple[str, str, str]]:
    """Current county codes -> (province, prefecture, county) names, from python-stdnum's table."""
    path = Path(ric.__file__).with_name("loc.dat")
    provinces: dict[str, str] = {}
    counties: dict[str, str] = {}
    province = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _LOC_LINE.match(line)
        if not m:
            continue
        if m.group(1):
            province = m.group(1)
            provinces[province] = m.group(2)
        else:
            latest = m.group(4).split(",")[-1]
            span, _, name = latest.rpartition("]")
            if span and not span.endswith("-"):  # retired
                continue
            counties[province + m.group(3)] = name
    out = {}
    for code, county in counties.items():
        if code[4:] == "00" or county in _PLACEHOLDERS or code[:2] in ("71", "81", "82"):
            continue
        prefecture = counties.get(code[:4] + "00", "")
        if prefecture in _PLACEHOLDERS or prefecture == provinces[code[:2]]:
            prefecture = ""
        out[code] = (provinces[code[:2]], prefecture, county)
    return out


def _pick_name(rng: np.random.Generator, ethnicity: str) -> str:
    if ethnicity == "维吾尔":
        first, father = rng.choice(UYGHUR_GIVEN, 2, replace=False)
        return f"{first}·{father}"
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.05 else rng.choice(SURNAMES)
    pool = GIVEN + RARE * 2
    given = "".join(rng.choice(pool, 1 if rng.random() < 0.35 else 2))
    if rng.random() < 0.2:  # make sure rare characters are common enough in every sample
        given = given[:-1] + str(rng.choice(RARE))
    return surname + given


def _address(rng: np.random.Generator, region: tuple[str, str, str], long: bool) -> str:
    province, prefecture, county = region
    town = str(rng.choice(TOWNS))
    village = str(rng.choice(TOWNS))
    parts = [province, prefecture, county, f"{town}{rng.choice(['镇', '乡', '街道'])}"]
    if long:
        parts += [f"{village}村{rng.integers(1, 12)}组", f"{rng.integers(1, 300)}号"]
    else:
        parts += [f"{village}路{rng.integers(1, 300)}号"]
    return "".join(parts)


def id_number(region: str, birth: date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum wants 18 characters and ignores the last


def _validity(rng: np.random.Generator, birth: date, today: date) -> tuple[date, date | None]:
    """An issue date at least 16 years after birth, and the period the law gives for that age."""
    earliest = max(_add_years(birth, 16), today - timedelta(days=365 * 19))
    span = (today - earliest).days
    valid_from = earliest + timedelta(days=int(rng.integers(0, max(span, 1))))
    age = valid_from.year - birth.year - ((valid_from.month, valid_from.day) < (birth.month, birth.day))
    years = 10 if age <= 25 else 20 if age <= 45 else None
    if years is None:
        return valid_from, None
    valid_to = _add_years(valid_from, years)
    if valid_to < today:  # renewed: issue again so that the card is valid today
        return _validity(rng, birth, today)
    return valid_from, valid_to


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return day.replace(year=year)


def invent_person(rng: np.random.Generator, today: date = date(2026, 11, 23), *, check_x: bool | None = None,
                  long_address: bool | None = None, ethnicity: str | None = None) -> Person:
    """A random invented adult with a consistent card (valid today, validity fitting the age at issue)."""
    names = list(ETHNIC_WEIGHTS)
    weights = np.array(list(ETHNIC_WEIGHTS.values()), float)
    ethnicity = ethnicity or str(rng.choice(names, p=weights / weights.sum()))
    regions = _regions()
    wanted = ETHNIC_REGIONS.get(ethnicity)
    codes = sorted(c for c in regions if wanted is None or c.startswith(wanted))
    code = str(rng.choice(codes))
    birth = date(1945, 1, 1) + timedelta(days=int(rng.integers(0, (date(2006, 12, 31) - date(1945, 1, 1)).days)))
    sex = "男" if rng.random() < 0.5 else "女"
    check_x = rng.random() < 0.12 if check_x is None else check_x
    start = int(rng.integers(0, 490))
    for k in range(500):
        seq = (start + 2 * k) % 1000
        seq = seq + (seq % 2 != (sex == "男"))
        number = id_number(code, birth, seq % 1000)
        if (number[-1] == "X") == check_x:
            break
    long_address = rng.random() < 0.3 if long_address is None else long_address
    province, prefecture, county = regions[code]
    issuer = f"{county}公安局" if not prefecture or rng.random() < 0.5 else f"{prefecture}公安局{county[:-1]}分局"
    valid_from, valid_to = _validity(rng, birth, today)
    faces = sorted(FACES.glob("s*/*.png"))
    return Person(_pick_name(rng, ethnicity), sex, ethnicity, birth, _address(rng, regions[code], long_address),
                  number, issuer, valid_from, valid_to, faces[int(rng.integers(0, len(faces)))])


# --- rendering -------------------------------------------------------------------------------------

LABEL_BLUE = (28, 98, 150)  # RGB
INK = (20, 20, 20)


@functools.cache
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    index = _SC_INDEX if "Noto" in path else 0
    return ImageFont.truetype(path, size, index=index)


@functools.cache
def _guilloche(w: int, h: int, tint: tuple[int, int, int], seed: int) -> np.ndarray:
    """A pale security background: a gradient with fine wave lines (RGB)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.ones((h, w, 3), np.float32) * 246
    for c in range(3):
        base[..., c] -= (246 - tint[c]) * (0.55 + 0.45 * x / w)
    waves = np.zeros((h, w), np.float32)
    for _ in range(4):
        f1, f2, ph = rng.uniform(0.004, 0.02), rng.uniform(0.01, 0.05), rng.uniform(0, 6.28)
        waves += np.cos(y * f2 * 6 + 8 * np.sin(x * f1 + ph))
    lines = (np.abs(np.sin(waves * 2.2)) < 0.12).astype(np.float32) * 14
    base -= lines[..., None] * np.array([0.6, 0.25, 0.1])[None, None, :]
    return np.clip(base, 0, 255).astype(np.uint8)


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fnt: ImageFont.FreeTypeFont,
          fill: tuple[int, int, int], spacing: float = 0.0) -> float:
    """Draw ``text`` with extra letter ``spacing`` (px); returns the x after the last character."""
    x, y = xy
    for ch in text:
        draw.text((x, y), ch, font=fnt, fill=fill)
        x += draw.textlength(ch, font=fnt) + spacing
    return x


def _wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float, draw: ImageDraw.ImageDraw) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if line and draw.textlength(line + ch, font=fnt) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def _blank(scale: int, tint: tuple[int, int, int], seed: int) -> Image.Image:
    return Image.fromarray(_guilloche(CARD_W * scale, CARD_H * scale, tint, seed))


def _face(path: Path, size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """The ORL photo, cropped to the card's 358:441 shape, tinted to look like a colour print."""
    face = Image.open(path).convert("L")
    w, h = face.size
    target = 358 / 441
    if w / h > target:
        nw = int(h * target)
        face = face.crop(((w - nw) // 2, 0, (w - nw) // 2 + nw, h))
    face = face.resize(size, Image.Resampling.BICUBIC)
    arr = np.asarray(face, np.float32)[..., None]
    tint = np.array([1.0 + rng.uniform(0, 0.08), 0.97, 0.92 - rng.uniform(0, 0.08)], np.float32)
    arr = 40 + arr * 0.8 * tint  # printed photos are lighter and lower in contrast
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def render_front(p: Person, rng: np.random.Generator | None = None, scale: int = 2) -> np.ndarray:
    """The front of ``p``'s card, flat and upright, as a BGR image of 856x540 times ``scale``."""
    rng = rng or np.random.default_rng(0)
    s = scale
    img = _blank(s, (226, 236, 240), 1)
    d = ImageDraw.Draw(img)
    value_font = font(str(rng.choice([NOTO_SANS, NOTO_SANS, NOTO_SERIF, WQY])), 27 * s)
    label_font = font(NOTO_SANS, 20 * s)
    jx, jy = rng.integers(-6, 7, 2) * s  # print registration varies from card to card
    lx, vx = 70 * s + jx, 160 * s + jx

    def row(y: int) -> int:
        return y * s + jy

    _text(d, (lx, row(58)), "姓  名", label_font, LABEL_BLUE)
    _text(d, (vx, row(53)), p.name, font(value_font.path, 29 * s), INK)
    _text(d, (lx, row(118)), "性  别", label_font, LABEL_BLUE)
    _text(d, (vx, row(114)), p.sex, value_font, INK)
    _text(d, (lx + 220 * s, row(118)), "民  族", label_font, LABEL_BLUE)
    _text(d, (lx + 310 * s, row(114)), p.ethnicity, value_font, INK)
    _text(d, (lx, row(178)), "出  生", label_font, LABEL_BLUE)
    x = _text(d, (vx, row(174)), f"{p.birth_date.year}", value_font, INK) + 10 * s
    x = _text(d, (x, row(178)), "年", label_font, LABEL_BLUE) + 12 * s
    x = _text(d, (x, row(174)), f"{p.birth_date.month}", value_font, INK) + 10 * s
    x = _text(d, (x, row(178)), "月", label_font, LABEL_BLUE) + 12 * s
    x = _text(d, (x, row(174)), f"{p.birth_date.day}", value_font, INK) + 10 * s
    _text(d, (x, row(178)), "日", label_font, LABEL_BLUE)
    _text(d, (lx, row(238)), "住  址", label_font, LABEL_BLUE)
    for i, line in enumerate(_wrap(p.address, value_font, 340 * s, d)[:3]):
        _text(d, (vx, row(234 + 40 * i)), line, value_font, INK)
    _text(d, (lx, row(448)), "公民身份号码", label_font, LABEL_BLUE, spacing=2 * s)
    _text(d, (lx + 215 * s, row(440)), p.id_number, font(MONO, 32 * s), INK, spacing=3 * s)
    face = _face(p.face, (260 * s, 320 * s), rng)
    img.paste(face, (540 * s + jx, 60 * s + jy))
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def render_back(p: Person, rng: np.random.Generator | None = None, scale: int = 2) -> np.ndarray:
    """The back of ``p``'s card, flat and upright, as a BGR image of 856x540 times ``scale``."""
    rng = rng or np.random.default_rng(0)
    s = scale
    img = _blank(s, (236, 226, 214), 2)
    d = ImageDraw.Draw(img)
    _emblem(d, (115 * s, 110 * s), 62 * s)
    title = font(NOTO_SANS_BOLD, 36 * s)
    _text(d, (270 * s, 70 * s), "中华人民共和国", title, INK, spacing=14 * s)
    _text(d, (250 * s, 150 * s), "居民身份证", font(NOTO_SANS_BOLD, 58 * s), INK, spacing=26 * s)
    label_font = font(NOTO_SANS, 20 * s)
    value_font = font(str(rng.choice([NOTO_SANS, NOTO_SERIF, WQY])), 25 * s)
    jx, jy = rng.integers(-6, 7, 2) * s
    _text(d, (170 * s + jx, 400 * s + jy), "签发机关", label_font, LABEL_BLUE, spacing=4 * s)
    _text(d, (320 * s + jx, 396 * s + jy), p.issuer, value_font, INK)
    _text(d, (170 * s + jx, 458 * s + jy), "有效期限", label_font, LABEL_BLUE, spacing=4 * s)
    end = PERMANENT if p.valid_to is None else f"{p.valid_to:%Y.%m.%d}"
    _text(d, (320 * s + jx, 454 * s + jy), f"{p.valid_from:%Y.%m.%d}-{end}", value_font, INK)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def _emblem(d: ImageDraw.ImageDraw, centre: tuple[int, int], r: int) -> None:
    """A stand-in for the national emblem: a red disc, a gold ring and five gold stars."""
    cx, cy = centre
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 30, 30), outline=(230, 180, 40), width=max(2, r // 10))
    for i, (dx, dy, rr) in enumerate([(0, -0.35, 0.28), (0.45, -0.55, 0.1), (0.55, -0.25, 0.1), (0.55, 0.1, 0.1),
                                      (0.45, 0.4, 0.1)]):
        _star(d, (cx + dx * r - (0.15 * r if i == 0 else 0), cy + dy * r), rr * r)
    d.rectangle((cx - 0.5 * r, cy + 0.25 * r, cx + 0.3 * r, cy + 0.45 * r), fill=(230, 180, 40))


def _star(d: ImageDraw.ImageDraw, c: tuple[float, float], r: float) -> None:
    pts = []
    for k in range(10):
        a = -np.pi / 2 + k * np.pi / 5
        rr = r if k % 2 == 0 else r * 0.4
        pts.append((c[0] + rr * np.cos(a), c[1] + rr * np.sin(a)))
    d.polygon(pts, fill=(240, 200, 40))


def rounded_mask(h: int, w: int, radius: int) -> np.ndarray:
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (radius, 0), (w - radius, h), 255, -1)
    cv2.rectangle(mask, (0, radius), (w, h - radius), 255, -1)
    for cx, cy in ((radius, radius), (w - radius - 1, radius), (radius, h - radius - 1), (w - radius - 1, h - radius - 1)):
        cv2.circle(mask, (cx, cy), radius, 255, -1, cv2.LINE_AA)
    return mask


# --- photographs -----------------------------------------------------------------------------------

DEGRADATIONS = ("clean", "rotation", "perspective", "upside_down", "motion_blur", "focus_blur", "jpeg30", "glare",
                "shadow", "uneven_light", "low_res", "busy_background")
STRESS = ("heavy_motion_blur",)
"""Beyond the degradation set: where reading breaks down (for the benchmark, which reports it apart)."""


def background(rng: np.random.Generator, h: int, w: int, busy: bool) -> np.ndarray:
    """A table top: a plain colour with grain, or a busy scene of shapes, lines and printed text."""
    colour = rng.integers(30, 200, 3).astype(np.float32)
    bg = np.ones((h, w, 3), np.float32) * colour
    grain = cv2.GaussianBlur(rng.normal(0, 12, (h, w)).astype(np.float32), (0, 0), 3)
    bg += grain[..., None]
    if busy:
        canvas = np.clip(bg, 0, 255).astype(np.uint8)
        for _ in range(60):
            c = tuple(int(v) for v in rng.integers(0, 256, 3))
            kind = rng.integers(0, 3)
            p1 = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            if kind == 0:
                cv2.line(canvas, p1, (int(rng.integers(0, w)), int(rng.integers(0, h))), c, int(rng.integers(1, 8)))
            elif kind == 1:
                cv2.circle(canvas, p1, int(rng.integers(10, 120)), c, int(rng.choice([-1, 3])))
            else:
                cv2.rectangle(canvas, p1, (p1[0] + int(rng.integers(20, 300)), p1[1] + int(rng.integers(20, 200))),
                              c, int(rng.choice([-1, 2])))
        pil = Image.fromarray(canvas)
        d = ImageDraw.Draw(pil)
        for _ in range(6):
            text = "".join(rng.choice(GIVEN + SURNAMES, int(rng.integers(3, 9))))
            size = int(rng.integers(18, 60))
            d.text((int(rng.integers(0, w)), int(rng.integers(0, h))), text, font=font(NOTO_SANS, size),
                   fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
        return np.asarray(pil).copy()
    return np.clip(bg, 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class Photo:
    """A generated photograph of a card: the image and where the card's corners are (TL, TR, BR, BL)."""

    image: np.ndarray
    corners: np.ndarray
    degradation: str


def photograph(card: np.ndarray, degradation: str, rng: np.random.Generator, *,
               size: tuple[int, int] = (1600, 1200)) -> Photo:
    """Place the flat ``card`` in a scene and degrade it as ``degradation`` names (see DEGRADATIONS)."""
    if degradation not in DEGRADATIONS + STRESS:
        raise ValueError(f"unknown degradation {degradation}")
    W, H = size
    ch, cw = card.shape[:2]
    width = rng.uniform(0.6, 0.8) * W
    angle = rng.uniform(-3, 3)
    if degradation == "rotation":
        angle = rng.choice([-1, 1]) * rng.uniform(5, 15)
    if degradation == "upside_down":
        angle += 180
    w, h = width, width * ch / cw
    centre = np.array([W / 2, H / 2]) + rng.uniform(-0.05, 0.05, 2) * [W, H]
    rect = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    if degradation == "perspective":  # the phone tilted: one side nearer than the other
        k = rng.uniform(0.08, 0.16)
        if rng.random() < 0.5:
            rect[[0, 3], 1] *= 1 - k
            rect[[1, 2], 1] *= 1 + k * 0.5
        else:
            rect[[0, 1], 0] *= 1 - k
            rect[[2, 3], 0] *= 1 + k * 0.5
    rect += rng.normal(0, 0.006 * w, rect.shape)
    a = np.deg2rad(angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    corners = (rect @ rot.T + centre).astype(np.float32)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    scene = background(rng, H, W, busy=degradation == "busy_background")
    warped = cv2.warpPerspective(card, m, (W, H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(rounded_mask(ch, cw, int(0.035 * cw)), m, (W, H)).astype(np.float32)[..., None] / 255
    img = scene * (1 - mask) + warped * mask
    img = _lighting(img, degradation, rng, corners)
    img = np.clip(img, 0, 255).astype(np.uint8)
    img = _optics(img, degradation, rng)
    if degradation == "low_res":
        f = 640 / W
        img = cv2.resize(img, (640, int(H * f)), interpolation=cv2.INTER_AREA)
        corners = corners * f
    quality = 30 if degradation == "jpeg30" else 90
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return Photo(cv2.imdecode(buf, cv2.IMREAD_COLOR), corners, degradation)


def _lighting(img: np.ndarray, degradation: str, rng: np.random.Generator, corners: np.ndarray) -> np.ndarray:
    H, W = img.shape[:2]
    y, x = np.mgrid[0:H, 0:W].astype(np.float32)
    gain = np.full((H, W), rng.uniform(0.9, 1.05), np.float32)
    if degradation == "uneven_light":  # light from one side: the far side of the card in half light
        a = rng.uniform(0, 2 * np.pi)
        ramp = np.clip((np.cos(a) * (x - W / 2) + np.sin(a) * (y - H / 2)) / (0.7 * max(W, H)) + 0.5, 0, 1)
        gain *= 1 - ramp * rng.uniform(0.45, 0.6)
    if degradation == "shadow":  # a hand or phone's shadow: a dark band with a soft edge across the card
        p = corners.mean(axis=0)
        a = rng.uniform(0, np.pi)
        d = np.cos(a) * (x - p[0]) + np.sin(a) * (y - p[1]) - rng.uniform(-0.2, 0.2) * W * 0.4
        gain *= np.where(d > 0, rng.uniform(0.45, 0.6), 1.0).astype(np.float32)
        gain = cv2.GaussianBlur(gain, (0, 0), 12)
    img = img * gain[..., None]
    if degradation == "glare":  # a specular highlight: a bright spot that washes the print out
        c = corners.mean(axis=0) + rng.uniform(-0.3, 0.3, 2) * (corners[2] - corners[0])
        r = rng.uniform(0.05, 0.09) * W
        spot = np.exp(-((x - c[0]) ** 2 + (y - c[1]) ** 2) / (2 * r * r))
        strength = rng.uniform(0.55, 0.7)
        img = img * (1 - strength * spot[..., None]) + 255 * strength * spot[..., None]
    return img


def _optics(img: np.ndarray, degradation: str, rng: np.random.Generator) -> np.ndarray:
    if degradation in ("motion_blur", "heavy_motion_blur"):
        # Hand shake at 1/30 s smears a 12 MP photo by about 6-20 px: 3-8 px at this 1600 px scale.
        n = int(rng.integers(3, 9)) if degradation == "motion_blur" else int(rng.integers(9, 13))
        k = np.zeros((n, n), np.float32)
        k[n // 2, :] = 1
        rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), rng.uniform(0, 180), 1)
        k = cv2.warpAffine(k, rot, (n, n))
        return cv2.filter2D(img, -1, k / k.sum())
    if degradation == "focus_blur":
        return cv2.GaussianBlur(img, (0, 0), rng.uniform(1.6, 2.2))
    return img


def photocopy(card: np.ndarray) -> np.ndarray:
    """A black-and-white photocopy of a card: grey, high contrast, toner speckle."""
    grey = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY).astype(np.float32)
    grey = np.clip((grey - 90) * 1.6 + 128, 0, 255)
    noise = np.random.default_rng(1).normal(0, 6, grey.shape)
    return cv2.cvtColor(np.clip(grey + noise, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)


def encode(img: np.ndarray, ext: str = ".jpg", quality: int = 92) -> bytes:
    """An image file's bytes (what a camera or scanner hands over)."""
    params = [cv2.IMWRITE_JPEG_QUALITY, quality] if ext == ".jpg" else []
    ok, buf = cv2.imencode(ext, img, params)
    assert ok
    return buf.tobytes()


# --- things that are not a resident ID card -------------------------------------------------------


def render_bank_card(rng: np.random.Generator, scale: int = 2) -> np.ndarray:
    """A UnionPay debit card: same size as an ID card, a card number, 银联, VALID THRU."""
    s = scale
    top, bottom = rng.integers(40, 200, 3), rng.integers(40, 200, 3)
    t = np.linspace(0, 1, CARD_H * s)[:, None, None]
    grad = (top * (1 - t) + bottom * t) * np.ones((1, CARD_W * s, 1))
    img = Image.fromarray(grad.astype(np.uint8))
    d = ImageDraw.Draw(img)
    white = (250, 250, 250)
    _text(d, (50 * s, 40 * s), f"{rng.choice(['乡村', '农商', '惠农'])}银行 借记卡", font(NOTO_SANS_BOLD, 34 * s), white)
    d.rounded_rectangle((60 * s, 170 * s, 170 * s, 250 * s), 12 * s, fill=(212, 175, 55))  # chip
    number = "62" + "".join(str(v) for v in rng.integers(0, 10, 17))
    groups = " ".join(number[i:i + 4] for i in range(0, 19, 4))
    _text(d, (60 * s, 300 * s), groups, font(MONO, 44 * s), white, spacing=2 * s)
    _text(d, (60 * s, 380 * s), "VALID THRU 08/31", font(MONO, 24 * s), white)
    _text(d, (60 * s, 430 * s), "ZHANG SAN", font(MONO, 28 * s), white)
    d.rounded_rectangle((640 * s, 400 * s, 820 * s, 510 * s), 8 * s, fill=(230, 30, 40))
    _text(d, (660 * s, 410 * s), "银联", font(NOTO_SANS_BOLD, 44 * s), white)
    _text(d, (650 * s, 468 * s), "UnionPay", font(NOTO_SANS_BOLD, 26 * s), white)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def render_driving_licence(p: Person, rng: np.random.Generator, scale: int = 2) -> np.ndarray:
    """A driving licence (驾驶证) page: 姓名, 性别, 住址, 出生日期 and the holder's ID number as 证号."""
    s = scale
    img = _blank(s, (214, 228, 238), 3)
    d = ImageDraw.Draw(img)
    _text(d, (150 * s, 30 * s), "中华人民共和国机动车驾驶证", font(NOTO_SANS_BOLD, 36 * s), INK, spacing=2 * s)
    label, value = font(NOTO_SANS, 22 * s), font(NOTO_SANS, 24 * s)
    rows = [("证号", p.id_number), ("姓名", p.name), ("性别", p.sex), ("国籍", "中国"), ("住址", p.address[:16]),
            ("出生日期", f"{p.birth_date:%Y-%m-%d}"), ("初次领证日期", f"{p.valid_from:%Y-%m-%d}"),
            ("准驾车型", "C1"), ("有效期限", f"{p.valid_from:%Y-%m-%d}至{p.valid_from.year + 6}-{p.valid_from:%m-%d}")]
    for i, (k, v) in enumerate(rows):
        _text(d, (50 * s, (95 + 48 * i) * s), k, label, LABEL_BLUE)
        _text(d, (210 * s, (93 + 48 * i) * s), v, value, INK)
    img.paste(_face(p.face, (150 * s, 190 * s), rng), (660 * s, 150 * s))
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def render_document(rng: np.random.Generator, size: tuple[int, int] = (1240, 1754)) -> np.ndarray:
    """A page of Chinese text (a contract, a letter) as a scanner would give it."""
    w, h = size
    img = Image.new("RGB", size, (252, 252, 250))
    d = ImageDraw.Draw(img)
    _text(d, (w * 0.3, 80), str(rng.choice(["个人借款合同", "开户申请书", "授权委托书", "村民委员会证明"])),
          font(NOTO_SANS_BOLD, 48), INK)
    body = font(NOTO_SERIF, 28)
    words = SURNAMES + GIVEN + list("的是在了和有为本人同意借款金额期限利率还款方式甲方乙方签字日期住址联系电话证明")
    y = 200
    while y < h - 120:
        line = "".join(rng.choice(words, int(rng.integers(20, 36))))
        _text(d, (100, y), line, body, INK)
        y += 52
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def blank_wall(rng: np.random.Generator, size: tuple[int, int] = (1600, 1200)) -> np.ndarray:
    """A wall or table with nothing on it: a colour, grain and a soft light fall-off."""
    w, h = size
    img = background(rng, h, w, busy=False).astype(np.float32)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    fall = 1 - 0.3 * (((x - w * rng.uniform(0.2, 0.8)) / w) ** 2 + ((y - h * rng.uniform(0.2, 0.8)) / h) ** 2)
    return np.clip(img * fall[..., None], 0, 255).astype(np.uint8)


def face_photo(path: Path, size: tuple[int, int] = (640, 780)) -> np.ndarray:
    """A person's photo (an ORL face, enlarged), as when the camera points at the holder instead."""
    face = cv2.imread(str(path), cv2.IMREAD_COLOR)
    return cv2.resize(face, size, interpolation=cv2.INTER_CUBIC)
