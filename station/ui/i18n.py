"""Translations: the station's own (``assets/i18n/station_<lang>.qm``) and Qt's (``qtbase_<lang>.qm``)
for the widgets, and the Fluent catalogues (``assets/messages/``) for what the core says.

Widget strings are English, marked with ``self.tr()`` or ``QCoreApplication.translate(context, ...)``;
Chinese is the default language. ``scripts/i18n.sh`` refreshes the ``.ts`` files and compiles them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from station.messages import set_language

I18N_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n"
LANGUAGES = {"zh_CN": "中文", "en": "English"}


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the station's and Qt's translators for ``language`` (none for English) and say the core's
    messages in it; returns the translators."""
    set_language(language)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return []
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"station_{language}", str(I18N_DIR))):
        translator = QTranslator(app)
        if not translator.load(name, folder):
            raise FileNotFoundError(f"The translation {name}.qm is missing from {folder}; reinstall the station.")
        app.installTranslator(translator)
        installed.append(translator)
    return installed
