"""Install checks behind ``station doctor``: model hashes, fonts, Qt libraries, disk, tools."""

from __future__ import annotations

import importlib.util
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from station.files import file_sha256
from station.health import (
    ExternalTool,
    HealthLine,
    check_disk,
    check_face_models,
    check_fonts,
    check_ocr_models,
    check_qt,
    check_tools,
    parse_fc_list,
    parse_ldd_missing,
    run_install_checks,
    verify_model_file,
)
from station.vision.face_models import FACE_MODEL_SHA256

RAPIDOCR = Path(importlib.util.find_spec("rapidocr").origin).parent
XCB_PLUGIN = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"

# The real output of `fc-list :lang=zh file family fontformat` on Debian 12 with fonts-noto-cjk and
# fonts-wqy-microhei (a few lines of it).
FC_LIST_SAMPLE = """\
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK TC:fontformat=CFF
/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:fontformat=CFF
/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc: Noto Serif CJK KR:fontformat=CFF
/usr/share/fonts/truetype/wqy/wqy-microhei.ttc: WenQuanYi Micro Hei Mono,文泉驛等寬微米黑,文泉驿等宽微米黑:fontformat=TrueType
/usr/share/fonts/truetype/wqy/wqy-microhei.ttc: WenQuanYi Micro Hei,文泉驛微米黑,文泉驿微米黑:fontformat=TrueType
"""

# ldd on a copy of libqxcb.so taken out of PySide6 (so its RUNPATH finds no Qt libraries).
LDD_SAMPLE = """\
\tlinux-vdso.so.1 (0x00007f5b82fe8000)
\tlibQt6XcbQpa.so.6 => not found
\tlibQt6Gui.so.6 => not found
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f5b82f4a000)
\tlibxcb-cursor.so.0 => not found
\tlibQt6Gui.so.6 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f5e266bf000)
"""


def failures(lines: list[HealthLine]) -> list[HealthLine]:
    return [line for line in lines if not line.ok]


# --- HealthLine ---------------------------------------------------------------------------------


def test_health_line_status_and_warn_invariant() -> None:
    assert HealthLine("a", True, "d").status == "OK"
    assert HealthLine("a", True, "d", warn=True).status == "WARN"
    assert HealthLine("a", False, "d", "fix it").status == "FAIL"
    with pytest.raises(ValueError):
        HealthLine("a", False, "d", warn=True)


# --- model files --------------------------------------------------------------------------------


def test_ocr_models_all_match_rapidocr_hash_list() -> None:
    lines = check_ocr_models()
    assert failures(lines) == []
    assert {line.area for line in lines} == {"OCR model (det)", "OCR model (rec)", "OCR model (cls)"}
    details = " ".join(line.detail for line in lines)
    # rapidocr 3.10's PP-OCRv6 small det/rec and mobile v2 cls, as listed in its default_models.yaml
    for name, prefix in [("PP-OCRv6_det_small.onnx", "090f04abcd9d"), ("PP-OCRv6_rec_small.onnx", "6f327246b503"),
                         ("ch_ppocr_mobile_v2.0_cls_mobile.onnx", "e47acedf6632")]:
        assert f"{name}: " in details and f"sha256 {prefix}" in details


def test_verify_model_file_fails_on_a_changed_byte(tmp_path: Path) -> None:
    original = RAPIDOCR / "models" / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
    expected = file_sha256(original)
    copy = tmp_path / original.name
    shutil.copyfile(original, copy)
    assert verify_model_file(copy, expected).ok

    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(data)
    line = verify_model_file(copy, expected, fix="reinstall it")
    assert not line.ok
    assert expected[:12] in line.detail and "differs" in line.detail
    assert line.fix == "reinstall it"


def test_verify_model_file_fails_on_a_missing_file(tmp_path: Path) -> None:
    line = verify_model_file(tmp_path / "gone.onnx", "0" * 64)
    assert not line.ok and "missing" in line.detail and line.fix


def test_face_models_match_pinned_hashes() -> None:
    lines = check_face_models()
    assert failures(lines) == []
    assert len(lines) == 4
    for name, sha in FACE_MODEL_SHA256.items():
        assert any(name in line.detail and f"sha256 {sha[:12]}" in line.detail for line in lines)


def test_face_models_missing_and_changed(tmp_path: Path) -> None:
    (tmp_path / "mmod_human_face_detector.dat").write_bytes(b"not a model")
    lines = check_face_models(tmp_path)
    assert len(failures(lines)) == 4
    changed = next(line for line in lines if "mmod_human_face_detector" in line.detail)
    assert "differs" in changed.detail
    assert sum(" is missing (" in line.detail for line in lines) == 3


def test_face_check_does_not_import_the_package_or_warn() -> None:
    """face_recognition_models imports pkg_resources, which warns: the doctor must find the files without it."""
    code = (
        "import sys; from station.health import check_face_models; "
        "assert all(l.ok for l in check_face_models()); "
        "assert 'face_recognition_models' not in sys.modules and 'pkg_resources' not in sys.modules"
    )
    run = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""


def test_ocr_check_that_raises_becomes_a_failed_line(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "default_models.yaml").write_text("onnxruntime: [unclosed\n", encoding="utf-8")
    lines = check_ocr_models(tmp_path)
    assert len(lines) == 1 and not lines[0].ok
    assert lines[0].detail.startswith("the check itself failed: ParserError")
    assert "default_models.yaml" in lines[0].detail and "\n" not in lines[0].detail
    assert "rapidocr" in lines[0].fix


def test_ocr_model_not_listed_or_role_missing(tmp_path: Path) -> None:
    shutil.copyfile(RAPIDOCR / "default_models.yaml", tmp_path / "default_models.yaml")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "my_det_model.onnx").write_bytes(b"x")
    lines = check_ocr_models(tmp_path)
    assert [line.area for line in lines] == ["OCR model (det)", "OCR model (rec)", "OCR model (cls)"]
    assert failures(lines) == lines
    assert "not listed" in lines[0].detail
    assert "no rec model" in lines[1].detail


# --- fonts --------------------------------------------------------------------------------------


def test_parse_fc_list_merges_faces_per_file() -> None:
    fonts = {f.file: f for f in parse_fc_list(FC_LIST_SAMPLE)}
    assert list(fonts) == [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ]
    wqy = fonts["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]
    assert wqy.families == ("WenQuanYi Micro Hei Mono", "WenQuanYi Micro Hei")
    assert wqy.fontformat == "TrueType"
    assert fonts["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"].fontformat == "CFF"


def test_parse_fc_list_handles_escapes_and_junk() -> None:
    fonts = parse_fc_list("Fontconfig warning: something\n/f/a.ttf: Odd\\:Name,Other:fontformat=TrueType\n")
    assert [(f.file, f.families, f.fontformat) for f in fonts] == [("/f/a.ttf", ("Odd:Name",), "TrueType")]


def _fake_fc_list(tmp_path: Path, output: str) -> str:
    """An fc-list stand-in that prints ``output``, with every listed font file created in tmp_path."""
    for line in output.splitlines():
        font = tmp_path / line.partition(": ")[0].lstrip("/")
        font.parent.mkdir(parents=True, exist_ok=True)
        font.touch()
    listing = "".join(f"{tmp_path}{line}\n" for line in output.splitlines())
    (tmp_path / "listing.txt").write_text(listing, encoding="utf-8")
    script = tmp_path / "fc-list"
    script.write_text(f"#!/bin/sh\ncat '{tmp_path / 'listing.txt'}'\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_fonts_pass_with_a_truetype_cjk_font(tmp_path: Path) -> None:
    lines = check_fonts(_fake_fc_list(tmp_path, FC_LIST_SAMPLE))
    assert failures(lines) == []
    pdf = next(line for line in lines if line.area == "font (PDF embedding)")
    assert "WenQuanYi Micro Hei (" in pdf.detail and "wqy-microhei.ttc" in pdf.detail
    assert "Noto" not in pdf.detail


def test_fonts_with_only_cff_fail_the_pdf_line(tmp_path: Path) -> None:
    only_noto = "".join(line + "\n" for line in FC_LIST_SAMPLE.splitlines() if "noto" in line)
    qt, pdf = check_fonts(_fake_fc_list(tmp_path, only_noto))
    assert qt.ok and "Noto Sans CJK SC" in qt.detail
    assert not pdf.ok and "CFF" in pdf.detail
    assert "scripts/setup.sh" in pdf.fix and "fonts-wqy-microhei" in pdf.fix


def test_fonts_listed_but_deleted_do_not_count(tmp_path: Path) -> None:
    fc_list = _fake_fc_list(tmp_path, FC_LIST_SAMPLE)
    shutil.rmtree(tmp_path / "usr")
    assert [line.ok for line in check_fonts(fc_list)] == [False, False]


def test_fonts_without_fc_list_is_a_failed_line(tmp_path: Path) -> None:
    lines = check_fonts(str(tmp_path / "no-fc-list"))
    assert len(lines) == 1 and not lines[0].ok
    assert "fontconfig" in lines[0].detail and "scripts/setup.sh" in lines[0].fix


def test_this_machine_has_cjk_fonts_for_widgets_and_pdfs() -> None:
    """The setup script installs fonts-wqy-microhei and fonts-noto-cjk."""
    assert failures(check_fonts()) == []


# --- Qt -----------------------------------------------------------------------------------------


def test_parse_ldd_missing() -> None:
    assert parse_ldd_missing(LDD_SAMPLE) == ["libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libxcb-cursor.so.0"]
    assert parse_ldd_missing("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n") == []


def test_qt_imports_and_platform_without_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    lines = {line.area: line for line in check_qt()}
    assert lines["Qt"].ok and "PySide6 6." in lines["Qt"].detail
    assert lines["Qt PDF"].ok
    platform = lines["Qt platform"]
    assert platform.ok and platform.warn and "no display" in platform.detail
    assert "Qt xcb plugin" in lines


def test_qt_check_creates_no_application_and_imports_no_widgets() -> None:
    code = (
        "import sys; from station.health import check_qt; check_qt(); "
        "from PySide6.QtCore import QCoreApplication; assert QCoreApplication.instance() is None; "
        "assert 'PySide6.QtWidgets' not in sys.modules"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def _plugin_without_its_qt_libraries(tmp_path: Path) -> Path:
    """A copy of libqxcb.so whose RUNPATH ($ORIGIN/../../lib) finds no Qt libraries: ldd lists them as not found."""
    plugin = tmp_path / "platforms" / "libqxcb.so"
    plugin.parent.mkdir()
    shutil.copyfile(XCB_PLUGIN, plugin)
    return plugin


def test_qt_reports_missing_xcb_libraries_with_a_display(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    xcb = next(line for line in check_qt(_plugin_without_its_qt_libraries(tmp_path)) if line.area == "Qt xcb plugin")
    assert not xcb.ok
    assert "libQt6XcbQpa.so.6" in xcb.detail and "libQt6Core.so.6" in xcb.detail
    assert "scripts/setup.sh" in xcb.fix


def test_qt_missing_xcb_libraries_only_warn_without_a_display(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    xcb = next(line for line in check_qt(_plugin_without_its_qt_libraries(tmp_path)) if line.area == "Qt xcb plugin")
    assert xcb.ok and xcb.warn and "libQt6XcbQpa.so.6" in xcb.detail


def test_qt_offscreen_platform_does_not_need_xcb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", ":99")
    lines = {line.area: line for line in check_qt(_plugin_without_its_qt_libraries(tmp_path))}
    assert "QT_QPA_PLATFORM=offscreen" in lines["Qt platform"].detail
    assert lines["Qt xcb plugin"].ok and lines["Qt xcb plugin"].warn


def test_qt_missing_or_broken_plugin_is_a_failed_line(tmp_path: Path) -> None:
    missing = next(line for line in check_qt(tmp_path / "libqxcb.so") if line.area == "Qt xcb plugin")
    assert not missing.ok and "missing" in missing.detail
    (tmp_path / "libqxcb.so").write_text("not an ELF file")
    broken = next(line for line in check_qt(tmp_path / "libqxcb.so") if line.area == "Qt xcb plugin")
    assert not broken.ok and "ldd" in broken.detail


# --- disk and tools -----------------------------------------------------------------------------


def test_disk_fails_when_the_minimum_is_huge(tmp_path: Path) -> None:
    line = check_disk(tmp_path, min_free_mb=10**12)
    assert not line.ok and "MB free" in line.detail and line.fix


def test_disk_passes_when_the_minimum_is_small_and_walks_up(tmp_path: Path) -> None:
    line = check_disk(tmp_path / "not" / "yet" / "created", min_free_mb=1)
    assert line.ok
    assert f"measured at {tmp_path}" in line.detail


def test_missing_tool_is_a_warning_naming_its_package() -> None:
    (line,) = check_tools([ExternalTool("station-no-such-tool", "some-deb", "testing")])
    assert line.ok and line.warn
    assert "not installed" in line.detail and "some-deb" in line.fix and "scripts/setup.sh" in line.fix


def test_present_tool_reports_its_version() -> None:
    (line,) = check_tools([ExternalTool(sys.executable, "python3", "testing", ("--version",))])
    assert line.ok and not line.warn
    assert f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}" in line.detail


# --- all together -------------------------------------------------------------------------------


def test_run_install_checks_is_fast_and_covers_every_area(tmp_path: Path) -> None:
    start = time.perf_counter()
    lines = run_install_checks(tmp_path / "data")
    elapsed = time.perf_counter() - start
    areas = [line.area for line in lines]
    for prefix in ("Qt", "OCR model", "face model", "font", "disk", "tool"):
        assert any(area.startswith(prefix) for area in areas), prefix
    assert all(isinstance(line, HealthLine) for line in lines)
    assert elapsed < 3.0, f"run_install_checks took {elapsed:.2f} s"
