"""The GUI's start: what sign-in needs is made before the window, the DEMO PKI in the background, and the
start imports no signing stack (pyHanko), which would cost about half a second."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool

from station.bootstrap import prepare_pki, prepare_start
from station.config import load_settings
from station.pki.demo import DemoPki
from station.store.cases import Store
from station.ui.app import open_window


def test_the_fast_part_makes_the_officer_and_the_pki_part_says_it_made_the_pki(tmp_path: Path):
    settings = load_settings(data_dir=tmp_path / "data")
    with Store.open(settings) as store:
        start = prepare_start(settings, store)
        assert start.demo_officer and not DemoPki.at(settings.pki_dir).root_cert_file.exists()
        pki = prepare_pki(settings, start)
        assert pki is start and len(start.created) == 3 and "DEMO PKI" in start.created[-1]
        assert DemoPki.at(settings.pki_dir).root_cert_file.exists()
        assert not prepare_pki(settings).anything and not prepare_start(settings, store).anything


def test_the_window_makes_the_missing_demo_pki_in_the_background(qtbot, tmp_path: Path):
    settings = load_settings(data_dir=tmp_path / "data")
    with Store.open(settings) as store:
        prepare_start(settings, store)
        window = open_window(settings, store)
        qtbot.addWidget(window)
        window.show()
        assert window.sign_in_page.isVisible()
        qtbot.waitUntil(lambda: DemoPki.at(settings.pki_dir).bank_p12_file.exists(), timeout=60_000)
        window.close()
        QThreadPool.globalInstance().waitForDone(60_000)  # the warm-up ends before the store closes


def test_starting_the_gui_imports_no_signing_stack():
    code = ("import sys; import station.ui.app; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyhanko', 'pyhanko_certvalidator') "
            "or m.startswith('station.pki.demo')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip() == "[]"
