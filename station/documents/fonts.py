"""The CJK fonts of the documents and the signature stamps, from the fonts the setup script installs.

- **Body font** (:func:`body_font`): WenQuanYi Micro Hei (Debian ``fonts-wqy-microhei``), TrueType
  outlines, which reportlab embeds and subsets (:func:`register_body_font`). reportlab refuses the CFF
  outlines of Noto CJK, and its built-in STSong-Light is not embedded (other viewers show boxes).
- **Stamp font** (:func:`stamp_font`): Noto Sans CJK SC (Debian ``fonts-noto-cjk``) for pyHanko's
  signature stamps. pyHanko cannot open a .ttc, and WQY's 2048 units/em spaces its stamp text twice too
  wide, so one face is extracted from the .ttc with fontTools into the station's cache folder on first
  use (a file lock keeps two processes from building it at once). It is pre-subset to the characters
  the body font covers (ASCII, GB 2312, the whole CJK Unified Ideographs block with its rare name
  characters such as 喆 堃 燚, punctuation; not Hangul) and desubroutinized: pyHanko then subsets it
  for a stamp about ten times faster than the full 16 MB face. Building it takes 10-30 s, once.
- :func:`missing_glyphs` and :func:`require_glyphs`: a name the fonts cannot draw is refused loudly
  before anything is rendered or signed, never printed as boxes.

Nothing is downloaded; a missing font is a :class:`FontError` that says to run the setup script.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import platformdirs
from filelock import FileLock

from station.core.checks import CheckResult, failed, passed
from station.errors import StationError
from station.messages import Message

__all__ = [
    "FontError",
    "FontFace",
    "MissingGlyphsError",
    "body_font",
    "check_glyphs",
    "missing_glyphs",
    "register_body_font",
    "require_glyphs",
    "stamp_font",
]

BODY_FAMILY = "WenQuanYi Micro Hei"
STAMP_FAMILY = "Noto Sans CJK SC"
REPORTLAB_BODY_NAME = "StationBody"
"""The name under which :func:`register_body_font` registers the body font with reportlab."""

_KNOWN_FILES = {  # where Debian/Ubuntu put them; fontconfig is asked when they are elsewhere
    BODY_FAMILY: ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",),
    STAMP_FAMILY: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                   "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
}
_STAMP_BUILD = "1"  # bump when the way the stamp font is built changes: older cache files are replaced
_HANGUL = range(0xAC00, 0xD7B0)  # WQY has the Hangul syllables; Chinese documents never need them
_LAYOUT_ONLY = frozenset("\n\r\t")  # line breaks and tabs are layout, not glyphs


class FontError(StationError):
    """A font the documents or stamps need is not installed or cannot be read."""


class MissingGlyphsError(StationError):
    """Text has characters the fonts cannot draw; ``check`` holds the field names and code points."""

    def __init__(self, check: CheckResult) -> None:
        super().__init__(check.message.id, **check.message.args)
        self.check = check


@dataclass(frozen=True)
class FontFace:
    """One face of a font file: ``index`` is the face number inside a .ttc (0 for a single font)."""

    path: Path
    index: int
    family: str


def body_font() -> FontFace:
    """The TrueType CJK face the documents are set in (WenQuanYi Micro Hei)."""
    return _find_face(BODY_FAMILY)


def register_body_font() -> str:
    """Register the body font with reportlab (once per process) and return its registered name."""
    return _register_body_font()


def stamp_font(cache_dir: Path | None = None) -> Path:
    """The stamp font file for pyHanko (an .otf of Noto Sans CJK SC), built on first use.

    ``cache_dir`` defaults to ``platformdirs.user_cache_dir("station")``; the file lives in its
    ``fonts`` folder and is rebuilt when the installed fonts change.
    """
    folder = Path(cache_dir) if cache_dir is not None else Path(platformdirs.user_cache_dir("station"))
    return _stamp_font(folder / "fonts")


def missing_glyphs(text: str, font: FontFace | Path) -> list[str]:
    """The characters of ``text`` that ``font`` has no glyph for, each once, in order of appearance.

    Line breaks and tabs are ignored (they are layout); every other character, spaces included, must
    be in the font's character map. ``font`` is a face or the path of a single-face font file.
    """
    face = font if isinstance(font, FontFace) else FontFace(Path(font), 0, "")
    cmap = _cmap(face.path, face.index)
    missing: dict[str, None] = {}
    for ch in text:
        if ch not in _LAYOUT_ONLY and ord(ch) not in cmap:
            missing[ch] = None
    return list(missing)


def check_glyphs(values: Mapping[str, str], fonts: Iterable[FontFace | Path] | None = None) -> CheckResult:
    """Whether every value can be drawn in every font (default: the body font), as a named check.

    ``values`` maps a field's name to its text. The reason names the fields, the positions and the code
    points of the missing characters, not the characters or the text, so it is safe to log.
    """
    faces = list(fonts) if fonts is not None else [body_font()]
    problems = []
    for field, text in values.items():
        lacking: dict[str, None] = {}
        for face in faces:
            lacking.update(dict.fromkeys(missing_glyphs(text, face)))
        if lacking:
            where = tuple(Message("glyph-at", {"code": f"U+{ord(ch):04X}", "position": text.index(ch) + 1})
                          for ch in lacking)
            problems.append(Message("glyphs-field", {"field": field, "where": where}))
    if problems:
        return failed("fonts_cover_text", "glyphs-missing", {"problems": tuple(problems)},
                      fields=[p.args["field"] for p in problems])
    return passed("fonts_cover_text", "glyphs-ok", fields=list(values))


def require_glyphs(values: Mapping[str, str], fonts: Iterable[FontFace | Path] | None = None) -> None:
    """Raise :class:`MissingGlyphsError` unless :func:`check_glyphs` passes."""
    check = check_glyphs(values, fonts)
    if not check.passed:
        raise MissingGlyphsError(check)


# --- finding the installed fonts ----------------------------------------------------------------


@cache
def _find_face(family: str) -> FontFace:
    candidates = [Path(p) for p in _KNOWN_FILES.get(family, ())] + _fontconfig_files(family)
    for path in candidates:
        if path.is_file():
            index = _face_index(path, family)
            if index is not None:
                return FontFace(path, index, family)
    raise FontError("font-not-installed", family=family)


def _fontconfig_files(family: str) -> list[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        run = subprocess.run([fc_list, family, "file"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line.strip().rstrip(":")) for line in run.stdout.splitlines() if line.strip()]


def _face_index(path: Path, family: str) -> int | None:
    """The number of the face of ``path`` whose family name is ``family`` (Regular), or None."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            faces = TTCollection(path, lazy=True).fonts
        else:
            faces = [TTFont(path, lazy=True)]
        for index, face in enumerate(faces):
            names = face["name"]
            if names.getDebugName(1) == family and names.getDebugName(2) in ("Regular", None):
                return index
    except (OSError, TTLibError, KeyError) as exc:
        raise FontError("font-unreadable", path=str(path), problem=str(exc)) from exc
    return None


@lru_cache(maxsize=8)
def _cmap(path: Path, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        return frozenset(TTFont(path, fontNumber=index, lazy=True).getBestCmap())
    except (OSError, TTLibError, KeyError, AssertionError) as exc:
        raise FontError("font-unreadable", path=str(path), problem=str(exc)) from exc


@lru_cache(maxsize=1)
def _register_body_font() -> str:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    face = body_font()
    try:
        pdfmetrics.registerFont(TTFont(REPORTLAB_BODY_NAME, str(face.path), subfontIndex=face.index))
    except TTFError as exc:
        raise FontError("font-unusable", path=str(face.path), problem=str(exc)) from exc
    for bold in (0, 1):  # the face has one weight: <b> and <i> in a paragraph keep it instead of failing
        for italic in (0, 1):
            addMapping(REPORTLAB_BODY_NAME, bold, italic, REPORTLAB_BODY_NAME)
    return REPORTLAB_BODY_NAME


# --- the stamp font ------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _stamp_font(folder: Path) -> Path:
    source, body = _find_face(STAMP_FAMILY), body_font()
    key = hashlib.sha256(repr([_identity(source), _identity(body), _STAMP_BUILD]).encode()).hexdigest()[:16]
    target = folder / f"stamp-NotoSansCJKsc-{key}.otf"
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / "stamp-font.lock"):
        if not _readable(target):
            body_chars = _cmap(body.path, body.index)
            _build_stamp_font(source, (c for c in body_chars if c not in _HANGUL), target)
            for stale in folder.glob("stamp-*.otf"):
                if stale != target:
                    stale.unlink(missing_ok=True)
    return target


def _identity(face: FontFace) -> tuple[str, int, int, int]:
    stat = face.path.stat()
    return str(face.path), face.index, stat.st_size, stat.st_mtime_ns


def _readable(path: Path) -> bool:
    from fontTools.ttLib import TTFont, TTLibError

    if not path.is_file():
        return False
    try:
        return bool(TTFont(path, lazy=True).getBestCmap())
    except (OSError, TTLibError, KeyError, AssertionError):
        return False


def _build_stamp_font(source: FontFace, code_points: Iterable[int], target: Path) -> None:
    """Extract ``source`` from its collection with the glyphs of ``code_points`` it has; write ``target`` atomically."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source.path, fontNumber=source.index, recalcBBoxes=False)
    available = font.getBestCmap()
    wanted = [c for c in code_points if c in available]
    options = subset.Options()
    options.layout_features = []  # CJK stamps need no shaping features; pyHanko drops GSUB/GPOS anyway
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True  # larger file, but pyHanko's own subsetting per stamp is much faster
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        font.save(partial)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise FontError("stamp-font-not-written", folder=str(target.parent), problem=str(exc.strerror)) from exc
