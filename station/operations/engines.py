"""What a station process keeps once made: the OCR engine, the signing kit, and the warm-up at start.

Loading the OCR models (about a second), starting the face-check process with its models (a few seconds)
and importing the engines happen on a worker while the officer signs in, so the first card read, face
check, documents and signing do not wait for them. The GUI and the CLI both take their engine and kit
from here, so one process never holds two of either.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from typing import TYPE_CHECKING

from station.config import Settings
from station.operations.face_process import face_worker

if TYPE_CHECKING:
    from station.signing.sign import SigningKit
    from station.vision.ocr import OcrEngine

log = logging.getLogger(__name__)
_lock = threading.Lock()
_ocr: dict[str, OcrEngine] = {}
_kits: dict[str, SigningKit] = {}


def ocr_engine(settings: Settings) -> OcrEngine:
    """The OCR engine the settings name (``ocr.engine``), made once; it loads its models on first use."""
    from station.vision.ocr import create_engine

    name = settings.ocr.engine
    with _lock:
        if name not in _ocr:
            _ocr[name] = create_engine(name)
        return _ocr[name]


def signing_kit(settings: Settings, pkcs11_pin: str | None = None) -> SigningKit:
    """The signing kit the settings describe (the bank's key, the borrower issuer, trust, the timestamp
    service, the stamp font), assembled once per settings for the life of the process."""
    from station.bootstrap import signing_kit as assemble

    key = _kit_key(settings)
    with _lock:
        if key not in _kits:
            _kits[key] = assemble(settings, pkcs11_pin)
        return _kits[key]


def made_kit(settings: Settings) -> SigningKit | None:
    """The kit for ``settings`` if this process has assembled it already, else None (nothing is opened)."""
    with _lock:
        return _kits.get(_kit_key(settings))


def _kit_key(settings: Settings) -> str:
    return settings.model_dump_json(include={"signing", "bank", "data_dir"})


def close_kits() -> None:
    """Close the bank keys of every kit made (a PKCS#11 session ends); the next use assembles again."""
    with _lock:
        kits = list(_kits.values())
        _kits.clear()
    for kit in kits:
        kit.bank.close()


WARM_MODULES = ("station.vision.idcard", "station.vision.quality", "station.vision.liveness",
                "station.documents.render", "station.documents.handwriting", "station.signing.sign",
                "station.operations.documents")
"""Modules the pages import when they first do their work: imported by the warm-up, so that a page's
first use finds them loaded instead of importing (reportlab, pyHanko, OpenCV) on the GUI thread."""


def warm_up(settings: Settings) -> dict[str, float]:
    """Load the OCR and face models, import the engines and have the stamp font ready (runs on a worker
    thread); seconds per part."""
    took: dict[str, float] = {}
    start = time.perf_counter()
    for module in WARM_MODULES:
        importlib.import_module(module)
    took["imports"] = time.perf_counter() - start
    start = time.perf_counter()
    ocr_engine(settings).warm_up()
    took["ocr"] = time.perf_counter() - start
    start = time.perf_counter()
    face_worker().start()
    took["face"] = time.perf_counter() - start
    start = time.perf_counter()
    from station.documents.fonts import stamp_font

    stamp_font()  # built once per user on the very first start (10-30 s of CPU), a cache hit afterwards
    took["stamp_font"] = time.perf_counter() - start
    log.info("models warmed up: %s", ", ".join(f"{k} {v:.2f} s" for k, v in took.items()))
    return took
