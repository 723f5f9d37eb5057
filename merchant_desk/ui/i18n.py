"""Translations: Merchant Desk's own (merchant_desk/resources/i18n/merchant_desk_<locale>.qm) and Qt's own.

The resources are package data, so a checkout, an installed wheel and the PyInstaller bundle find them the
same way: the folder beside the package, else through ``importlib.resources``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import merchant_desk
from merchant_desk import display_locale

log = logging.getLogger(__name__)

CATALOG = "merchant_desk"


def resources_dir() -> Path | None:
    # Qt loads translations and icons from file names, so only a resources folder on disk will do (a
    # wheel, an editable install and the one-folder bundle all unpack the package's data to disk). The
    # folder beside the package is found without importlib.resources, which costs ~15 ms at start-up.
    beside = Path(merchant_desk.__file__).parent / "resources"
    if beside.is_dir():
        return beside
    import importlib.resources

    folder = Path(str(importlib.resources.files("merchant_desk") / "resources"))
    return folder if folder.is_dir() else None


def translations_dir() -> Path | None:
    base = resources_dir()
    return base / "i18n" if base is not None and (base / "i18n").is_dir() else None


def _locale(lang: str | None) -> QLocale:
    return QLocale(lang.replace("-", "_")) if lang else QLocale.system()


def install_translator(app: QCoreApplication, lang: str | None = None) -> list[QTranslator]:
    """Install the translators for ``lang`` (e.g. "zh_CN"; default the system locale). Returns them.

    The caller keeps the list alive: a QTranslator that is garbage-collected stops translating.
    English texts are the source texts; its catalogue only holds the plural forms ("%n payments").
    """
    locale = _locale(lang)
    display_locale.set_name(locale.name())  # babel (money) reads it once amounts are shown
    installed: list[QTranslator] = []
    folder = translations_dir()
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        plurals = QTranslator(app)
        if folder is not None and plurals.load(QLocale(QLocale.Language.English), CATALOG, "_", str(folder)):
            app.installTranslator(plurals)
            installed.append(plurals)
        return installed
    ours = QTranslator(app)
    if folder is not None and ours.load(locale, CATALOG, "_", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
        QLocale.setDefault(locale)
    else:
        log.info("No Merchant Desk translation for %s in %s", locale.name(), folder)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
