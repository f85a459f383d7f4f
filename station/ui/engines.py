"""The engines the GUI shares: one OCR engine per process, and the warm-up run in the background at start.

Loading the OCR models (about a second), starting the face-check process with its models (a few seconds)
and importing the engines happen on a worker while the officer signs in, so the first card read, face
check, documents and signing do not wait for them, and never import on the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time

from station.config import Settings
from station.ui.face_process import face_worker

log = logging.getLogger(__name__)
_lock = threading.Lock()
_ocr: dict[str, object] = {}


def ocr_engine(settings: Settings) -> object:
    """The OCR engine the settings name (``ocr.engine``), made once; it loads its models on first use."""
    from station.vision.ocr import create_engine

    name = settings.ocr.engine
    with _lock:
        if name not in _ocr:
            _ocr[name] = create_engine(name)
        return _ocr[name]


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
    ocr_engine(settings).warm_up()  # type: ignore[attr-defined]
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
