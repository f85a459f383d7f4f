"""Finding the card in a photo or scan, flattening it to 856x540, turning it upright, naming its side.

The card is found by its outline: a convex four-sided shape of a card's proportions (85.6 x 54 mm), its
sides fitted as straight lines so that the rounded corners do not cut the corners off. A scan cropped
to the card has no outline to find; an image of a card's proportions is then taken whole. The long side
is laid horizontal, which leaves the card either upright or upside down: the reader decides that from
the text (:func:`side_of`) and turns it with :func:`turn`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np

CARD_SIZE = (856, 540)
"""Width and height of a rectified card: 85.6 x 54 mm at 10 pixels per millimetre."""
CARD_ASPECT = 85.6 / 54
_DETECT_SIDE = 640  # the outline is searched at this size (then refined at full size)
_MIN_AREA = 0.06  # of the image: smaller outlines are not taken for the card
_MAX_AREA = 0.985  # an outline this large is the image's own border


class Side(StrEnum):
    FRONT = "front"  # portrait, name, number (人像面)
    BACK = "back"  # national emblem, issuing authority, validity (国徽面)


@dataclass(frozen=True)
class CardLocation:
    """Where the card is in an image: its corners clockwise from the top left, long side first.

    ``method`` is ``"outline"`` when the card's edge was found, ``"whole image"`` when the image itself
    has a card's proportions and is taken as the card (a cropped scan).
    """

    corners: np.ndarray  # 4x2 float32, in the image's pixels
    method: str
    image_size: tuple[int, int]  # (width, height)

    @property
    def width(self) -> float:
        """Length of the card's long side in the image, in pixels (mean of the two)."""
        c = self.corners
        return float((np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[3])) / 2)

    def cut_off(self, margin: float = 2.0) -> bool:
        """Whether the card runs off the image: a corner outside it, or a side lying along its edge."""
        if self.method != "outline":
            return False
        w, h = self.image_size
        c = self.corners
        if ((c[:, 0] < -margin) | (c[:, 1] < -margin) | (c[:, 0] > w - 1 + margin) | (c[:, 1] > h - 1 + margin)).any():
            return True
        for a, b in zip(c, np.roll(c, -1, axis=0), strict=True):
            for axis, edge in ((0, 0.0), (0, w - 1.0), (1, 0.0), (1, h - 1.0)):
                if abs(a[axis] - edge) <= margin and abs(b[axis] - edge) <= margin:
                    return True
        return False


def find_card(image: np.ndarray) -> CardLocation | None:
    """The card's outline in a BGR image, or the whole image if it has a card's shape; None if neither."""
    h, w = image.shape[:2]
    small = shrink(image, _DETECT_SIDE)
    f = small.shape[1] / w
    best: tuple[float, np.ndarray] | None = None
    seen: set[tuple[int, ...]] = set()
    for contour in _candidate_contours(small):
        # The edge maps and the brightness mask often trace the same outline: fit each outline once.
        key = tuple(round(v / 2) for v in cv2.boundingRect(contour)) + (round(len(contour) / 8),)
        if key in seen:
            continue
        seen.add(key)
        found = _card_quad(contour, small.shape[:2])
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    if best is not None:
        corners = _refine(image, _clockwise(best[1] / f), search=2.5 / f + 2)
        return CardLocation(_long_side_first(corners).astype(np.float32), "outline", (w, h))
    long, short = max(w, h), min(w, h)
    if 1.45 <= long / short <= 1.75:
        corners = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
        return CardLocation(_long_side_first(corners), "whole image", (w, h))
    return None


def shrink(image: np.ndarray, side: int) -> np.ndarray:
    """The image at most ``side`` pixels on its long side, averaged down (the image itself if smaller).

    Averaging over whole blocks of pixels first (OpenCV's fast path) and interpolating only the last
    step costs a tenth of an area resize by an odd factor, for the same picture.
    """
    h, w = image.shape[:2]
    if max(h, w) <= side:
        return image
    k = max(h, w) // side
    if k >= 2:
        image = cv2.resize(image, (w // k, h // k), interpolation=cv2.INTER_AREA)
    f = side / max(h, w)
    return cv2.resize(image, (round(w * f), round(h * f)), interpolation=cv2.INTER_LINEAR)


def rectify(image: np.ndarray, location: CardLocation) -> np.ndarray:
    """The card flattened to :data:`CARD_SIZE` (perspective warp), long side horizontal."""
    w, h = CARD_SIZE
    target = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    corners = location.corners.astype(np.float32)
    scale = location.width / w
    if scale > 1.5:  # shrink first, so that the warp does not alias the fine print
        f = 1.2 / scale
        image = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        corners = corners * f
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def turn(image: np.ndarray, degrees: int) -> np.ndarray:
    """The image turned clockwise by 0, 90, 180 or 270 degrees."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    if degrees % 360 == 0:
        return image
    return cv2.rotate(image, codes[degrees % 360])


def _candidate_contours(img: np.ndarray) -> list[np.ndarray]:
    """Outlines that may be the card's, from edges (in lightness and in colour) and from brightness."""
    lab = cv2.GaussianBlur(cv2.cvtColor(img, cv2.COLOR_BGR2LAB), (5, 5), 0)
    contours: list[np.ndarray] = []
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    grey = lab[..., 0]
    median = float(np.median(grey[::4, ::4]))
    colour_edges = cv2.Canny(lab[..., 1], 10, 30) | cv2.Canny(lab[..., 2], 10, 30)
    for lo, hi in ((0.66 * median, 1.33 * median), (20, 60)):  # strong edges; weak ones (a card in shadow)
        edges = cv2.dilate(cv2.Canny(grey, lo, hi) | colour_edges, kernel)
        found, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        contours += found
    # The card is usually lighter and greyer than what it lies on: threshold a "card-likeness" map.
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    likeness = cv2.subtract(hsv[..., 2], hsv[..., 1])
    likeness = cv2.GaussianBlur(likeness, (7, 7), 0)
    _, mask = cv2.threshold(likeness, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))
    found, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    contours += found
    area = img.shape[0] * img.shape[1]
    return [c for c in contours if cv2.contourArea(cv2.convexHull(c)) >= _MIN_AREA * area]


def _card_quad(contour: np.ndarray, shape: tuple[int, int]) -> tuple[float, np.ndarray] | None:
    """A card-shaped quadrilateral fitted to ``contour``, with a score; None if it is not card-shaped."""
    h, w = shape
    hull = cv2.convexHull(contour)
    hull_area = cv2.contourArea(hull)
    if not _MIN_AREA * w * h <= hull_area <= _MAX_AREA * w * h:
        return None
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = _clockwise(approx.reshape(4, 2).astype(np.float64))
            break
    if quad is None or _shape(quad) is None:  # cheap checks on the polygon before fitting its sides
        return None
    quad = _fit_sides(contour.reshape(-1, 2).astype(np.float64), quad)
    aspect = _shape(quad) if quad is not None and cv2.isContourConvex(quad.astype(np.float32)) else None
    if quad is None or aspect is None:
        return None
    quad_area = cv2.contourArea(quad.astype(np.float32))
    if quad_area <= 0 or hull_area / quad_area < 0.85:
        return None
    # The outline must run along the quadrilateral's sides: a card's edge does, a blob of clutter
    # merged with the card does not.
    support = float(np.mean(_distance_to_sides(contour.reshape(-1, 2).astype(np.float64), quad)
                            < max(2.0, 0.008 * perimeter)))
    if support < 0.5:
        return None
    shape_score = 1.0 - min(abs(aspect - CARD_ASPECT) / CARD_ASPECT, 0.5)
    # A side along the image's edge is the frame's, not the card's (a card cut off, or the table between
    # the card and a shadow): any outline wholly inside the picture is preferred to it.
    edges = ((0, 0), (0, w - 1), (1, 0), (1, h - 1))
    on_border = sum(any(abs(a[axis] - edge) <= 3 and abs(b[axis] - edge) <= 3 for axis, edge in edges)
                    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True))
    return quad_area * shape_score * support**2 * 0.1**on_border, quad


def _shape(quad: np.ndarray) -> float | None:
    """The aspect ratio of a card-like quadrilateral; None if no card photographed at up to 30 degrees
    of tilt looks like it (too square or too long, or opposite sides too different)."""
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    a, b = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    aspect = max(a, b) / max(min(a, b), 1e-6)
    if not 1.35 <= aspect <= 1.85:
        return None
    if any(min(sides[i], sides[i + 2]) / max(sides[i], sides[i + 2], 1e-6) < 0.6 for i in (0, 1)):
        return None
    return float(aspect)


def _distance_to_sides(points: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest side of ``quad``."""
    best = np.full(len(points), np.inf)
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        ab = b - a
        t = np.clip((points - a) @ ab / max(ab @ ab, 1e-9), 0, 1)
        best = np.minimum(best, np.linalg.norm(points - (a + t[:, None] * ab), axis=1))
    return best


def _fit_sides(points: np.ndarray, quad: np.ndarray) -> np.ndarray | None:
    """Corners as the crossings of straight lines fitted to the hull points along each side of ``quad``."""
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        length = np.linalg.norm(ab)
        if length < 1:
            return None
        t = (points - a) @ ab / length**2
        rel = points - a
        dist = np.abs(ab[0] * rel[:, 1] - ab[1] * rel[:, 0]) / length
        near = points[(t > 0.12) & (t < 0.88) & (dist < max(3.0, 0.02 * length))]
        if len(near) < 0.3 * length:  # the side is not a clean straight edge: keep the polygon's
            lines.append((a, ab / length))
            continue
        vx, vy, x0, y0 = cv2.fitLine(near.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)))
    fitted = _crossings(lines)
    if fitted is None:
        return None
    if np.max(np.linalg.norm(fitted - quad, axis=1)) > 0.08 * np.linalg.norm(quad[2] - quad[0]):
        return quad  # a fit gone astray: keep the polygon's corners
    return fitted


def _refine(image: np.ndarray, quad: np.ndarray, search: float, samples: int = 48) -> np.ndarray:
    """Corners refined at full resolution: along each side, the strongest edge within ``search`` pixels.

    Each side is sampled across its length; at each sample the grey profile along the side's normal
    gives the edge's position (to a fraction of a pixel); a robust line through those positions is the
    side, and the sides' crossings are the corners.
    """
    centre = quad.mean(axis=0)
    offsets = np.arange(-np.ceil(search), np.ceil(search) + 1, dtype=np.float32)
    lines = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        ab = b - a
        length = float(np.linalg.norm(ab))
        d = ab / length
        n = np.array([-d[1], d[0]])
        if n @ (a - centre) < 0:
            n = -n  # outward
        t = np.linspace(0.12, 0.88, samples)[:, None]
        base = a + t * ab
        pts = base[:, None, :] + offsets[None, :, None] * n[None, None, :]
        sampled = cv2.remap(image, pts[..., 0].astype(np.float32), pts[..., 1].astype(np.float32),
                            cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        profile = (cv2.cvtColor(sampled, cv2.COLOR_BGR2GRAY) if sampled.ndim == 3 else sampled).astype(np.float32)
        grad = np.abs(np.diff(profile, axis=1))
        weight = np.exp(-0.5 * ((offsets[:-1] + 0.5) / max(search, 1.0)) ** 2)
        k = np.argmax(grad * weight, axis=1)
        strong = grad[np.arange(samples), k] >= max(8.0, 0.5 * float(np.median(grad.max(axis=1))))
        k1 = np.clip(k, 1, grad.shape[1] - 2)
        g0, g1, g2 = (grad[np.arange(samples), k1 + i] for i in (-1, 0, 1))
        denom = g0 - 2 * g1 + g2
        sub = np.where(np.abs(denom) > 1e-6, 0.5 * (g0 - g2) / np.where(denom == 0, 1, denom), 0.0)
        pos = offsets[k1] + 0.5 + np.clip(sub, -0.5, 0.5)
        edge = base + pos[:, None] * n
        if strong.sum() < samples // 3:
            lines.append((a, d))
            continue
        vx, vy, x0, y0 = cv2.fitLine(edge[strong].astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], np.float64), np.array([vx, vy], np.float64)))
    corners = _crossings(lines)
    if corners is None or np.max(np.linalg.norm(corners - quad, axis=1)) > 3 * search:
        return quad
    return corners


def _crossings(lines: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray | None:
    """Corner i is where side i-1 meets side i (each side a point and a direction)."""
    corners = []
    for i in range(4):
        (p, d), (q, e) = lines[i - 1], lines[i]
        m = np.array([d, -e]).T
        if abs(np.linalg.det(m)) < 1e-6:
            return None
        corners.append(p + np.linalg.solve(m, q - p)[0] * d)
    return np.array(corners)


def _clockwise(quad: np.ndarray) -> np.ndarray:
    """Corners in clockwise order (in image coordinates, y down), starting at the top-left-most."""
    centre = quad.mean(axis=0)
    angles = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    ordered = quad[np.argsort(angles)]
    start = int(np.argmin(ordered.sum(axis=1)))
    return np.roll(ordered, -start, axis=0)


def _long_side_first(quad: np.ndarray) -> np.ndarray:
    """Corners ordered so that the first side (corner 0 to 1) is a long side, clockwise.

    Of the two ways that can be, the one whose first side is higher in the image is chosen; for a card
    held upright or upside down that keeps the text horizontal, to be turned by 180 degrees if needed.
    """
    quad = _clockwise(np.asarray(quad, np.float64))
    sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    if sides[0] + sides[2] < sides[1] + sides[3]:
        quad = np.roll(quad, -1, axis=0)
        # Now the first side is long; of it and the opposite side, start from the one nearer the top.
        if quad[0, 1] + quad[1, 1] > quad[2, 1] + quad[3, 1]:
            quad = np.roll(quad, -2, axis=0)
    return quad


# --- which side, and which kind of document ------------------------------------------------------

_FRONT_WORDS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码")
_BACK_WORDS = ("中华人民共和国", "居民身份证", "签发机关", "有效期限")
_ID_NUMBER = re.compile(r"\d{17}[\dXx]")
_PERIOD = re.compile(r"\d{4}[.\-]?\d{2}[.\-]?\d{2}\s*[-—–~一]")
_OTHER_KINDS = (
    (re.compile(r"驾驶证|准驾车型|机动车驾驶"), "a driving licence (驾驶证)"),
    (re.compile(r"银联|UnionPay|DEBIT|CREDIT|VALID\s*THRU|储蓄卡|信用卡|借记卡", re.IGNORECASE), "a bank card"),
    (re.compile(r"社会保障卡"), "a social security card (社会保障卡)"),
    (re.compile(r"护照|PASSPORT", re.IGNORECASE), "a passport"),
    (re.compile(r"临时居民身份证"), "a temporary resident ID card (临时居民身份证)"),
    (re.compile(r"居住证"), "a residence permit (居住证)"),
)


@dataclass(frozen=True)
class SideGuess:
    """Which side of a resident ID card some text is from, the evidence, and what else it might be."""

    side: Side | None
    front_labels: int
    back_labels: int
    other_kind: str | None = None  # e.g. "a bank card" when its words were read


def side_of(texts: list[str]) -> SideGuess:
    """Judge from the text read on an image which side of a resident ID card it shows, if any.

    The front needs a number of the right form and 公民身份号码 or 民族 among at least two of its labels
    (a driving licence has 姓名, 住址 and a number too, but neither of those); the back needs 居民身份证
    or 签发机关 with a validity period or another label (a licence has 有效期限 too). Labels are read with
    one wrong character allowed in the longer ones. Words of another document (驾驶证, 银联, ...) make it
    that document, unless the labels of a side are all there.
    """
    joined = "".join("".join(t.split()) for t in texts)
    front = sum(_contains(joined, w) for w in _FRONT_WORDS)
    back = sum(_contains(joined, w) for w in _BACK_WORDS)
    key_front = _contains(joined, "公民身份号码") or "民族" in joined
    key_back = _contains(joined, "居民身份证") or _contains(joined, "签发机关")
    is_front = bool(_ID_NUMBER.search(joined)) and key_front and front >= 2
    is_back = key_back and (bool(_PERIOD.search(joined)) or back >= 2)
    other = next((kind for pattern, kind in _OTHER_KINDS if pattern.search(joined)), None)
    if other is not None and front < len(_FRONT_WORDS) and back < len(_BACK_WORDS):
        return SideGuess(None, front, back, other)
    if is_front and (not is_back or front >= back):
        return SideGuess(Side.FRONT, front, back)
    if is_back:
        return SideGuess(Side.BACK, front, back)
    return SideGuess(None, front, back)


def _contains(text: str, word: str) -> bool:
    """``word`` in ``text``, allowing one wrong character in words of three or more characters."""
    if word in text:
        return True
    n = len(word)
    if n < 3:
        return False
    return any(sum(a != b for a, b in zip(text[i:i + n], word, strict=True)) <= 1 for i in range(len(text) - n + 1))
