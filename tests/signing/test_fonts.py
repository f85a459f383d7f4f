"""The installed CJK fonts: a TrueType body face for reportlab, a pre-subset stamp font for pyHanko, and the
refusal of text they cannot draw."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.writer import PdfFileWriter

from station.core.checks import CheckStatus
from station.documents import fonts
from station.documents.fonts import (
    FontFace,
    MissingGlyphsError,
    body_font,
    check_glyphs,
    missing_glyphs,
    register_body_font,
    require_glyphs,
    stamp_font,
)

RARE_NAMES = "王小喆 李堃 陈燚 欧阳娜娜 阿依古丽·买买提"
ETHNICITIES = "汉 维吾尔 土家 蒙古 朝鲜 哈萨克 鄂温克"
EXT_B = "\U0002a6d6"  # 𪛖: CJK Extension B, in neither font


def _gb2312_sample() -> str:
    """Every 20th character of GB 2312 level 1 and 2 (about 340 characters)."""
    chars = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF, 20):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


@pytest.fixture(scope="module")
def stamp() -> Path:
    return stamp_font()  # the station's cache: built once per install (10-30 s), then found at once


def test_the_body_font_is_a_truetype_face_that_reportlab_registers() -> None:
    face = body_font()
    assert face.family == "WenQuanYi Micro Hei" and face.path.is_file()
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    assert "glyf" in font and "CFF " not in font  # TrueType outlines: reportlab embeds and subsets them
    assert register_body_font() == register_body_font() == fonts.REPORTLAB_BODY_NAME


def test_the_body_font_covers_gb2312_rare_name_characters_and_ethnicities() -> None:
    assert missing_glyphs(_gb2312_sample() + RARE_NAMES + ETHNICITIES + "０１２ＡＢ，。：；（）《》“”", body_font()) == []


def test_missing_glyphs_lists_each_missing_character_once_in_order_and_skips_layout() -> None:
    text = f"王{EXT_B}明\n\t{EXT_B}\U00020b9f"
    assert missing_glyphs(text, body_font()) == [EXT_B, "\U00020b9f"]
    assert missing_glyphs("王明\n", body_font()) == []


def test_the_stamp_font_is_one_cff_face_in_the_cache_covering_what_the_body_font_covers(stamp: Path) -> None:
    assert stamp.suffix == ".otf" and stamp.parent.name == "fonts"
    font = TTFont(stamp, lazy=True)
    assert "CFF " in font and font["head"].unitsPerEm == 1000  # Noto: pyHanko spaces it right
    assert font["name"].getDebugName(1) == "Noto Sans CJK SC"
    cmap = font.getBestCmap()
    assert missing_glyphs(_gb2312_sample() + RARE_NAMES + ETHNICITIES + "2026年11月23日借款人：", stamp) == []
    assert 0xAC00 not in cmap  # no Hangul: not needed, and every glyph costs time at each signature
    assert 20_000 < len(cmap) < 30_000 and stamp.stat().st_size < 9_000_000
    assert missing_glyphs(EXT_B, stamp) == [EXT_B]


def test_the_stamp_font_is_built_once_then_found(stamp: Path) -> None:
    built = stamp.stat().st_mtime_ns
    fonts._stamp_font.cache_clear()
    assert stamp_font() == stamp and stamp.stat().st_mtime_ns == built


def test_pyhanko_sets_a_rare_name_in_the_stamp_font(stamp: Path) -> None:
    writer = PdfFileWriter(stream_xrefs=False)  # plain objects, so the font dictionaries can be seen
    engine = GlyphAccumulatorFactory(str(stamp), font_size=10).create_font_engine(writer)
    assert engine.shape("王小喆").x_advance == pytest.approx(3.0)  # one em per hanzi, not two as with WQY
    engine.shape("2026年11月23日")
    engine.prepare_write()
    out = io.BytesIO()
    writer.write(out)
    assert b"/FontFile3" in out.getvalue()  # the subset CFF program is embedded


def test_a_stamp_font_build_extracts_one_face_with_just_the_characters_asked(tmp_path: Path) -> None:
    source = fonts._find_face(fonts.STAMP_FAMILY)
    target = tmp_path / "tiny.otf"
    fonts._build_stamp_font(source, map(ord, "王小喆A"), target)
    assert set(TTFont(target).getBestCmap()) == set(map(ord, "王小喆A"))
    assert list(tmp_path.iterdir()) == [target]  # no part file left behind


def test_check_glyphs_names_fields_and_code_points_never_the_text() -> None:
    check = check_glyphs({"name": f"王{EXT_B}", "address": "北京市朝阳区"})
    assert check.status is CheckStatus.FAIL and check.figures["fields"] == ["name"]
    assert "name (U+2A6D6 at character 2)" in check.reason and "王" not in check.reason
    assert check_glyphs({"name": "王小喆"}).passed


def test_require_glyphs_checks_every_font_given(stamp: Path) -> None:
    require_glyphs({"name": "王小喆"}, [body_font(), stamp])
    with pytest.raises(MissingGlyphsError) as refused:
        require_glyphs({"borrower_name": f"李{EXT_B}"}, [stamp])
    assert refused.value.check.figures["fields"] == ["borrower_name"]


def test_a_font_file_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    with pytest.raises(fonts.FontError, match="cannot be read"):
        missing_glyphs("王", FontFace(broken, 0, "Broken"))


def test_fonts_installed_elsewhere_are_found_through_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = body_font()
    monkeypatch.setattr(fonts, "_KNOWN_FILES", {})
    fonts._find_face.cache_clear()
    try:
        assert fonts._find_face(fonts.BODY_FAMILY) == expected
        with pytest.raises(fonts.FontError, match="not installed.*scripts/setup.sh"):
            fonts._find_face("No Such Font Family")
    finally:
        fonts._find_face.cache_clear()
