"""The interface language, chosen in Settings: the system's, English or Simplified Chinese. Stored in the
window settings (``ui/language``) and applied at the next start; ``--lang`` on the command line wins."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

SETTINGS_LANGUAGE = "ui/language"
SYSTEM = ""  # follow the system's language

# Each language is named in itself, so that someone who cannot read the current one still finds theirs.
LANGUAGES = (("en_US", "English"), ("zh_CN", "简体中文"))


def chosen_language(settings: QSettings) -> str | None:
    """The language chosen in Settings, or None for the system's."""
    value = settings.value(SETTINGS_LANGUAGE, SYSTEM, type=str)
    return value if value in dict(LANGUAGES) else None


class LanguageChoice(QGroupBox):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Language"), parent)
        self.setObjectName("languageBox")
        self._settings = settings
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageChoice")
        self.language_combo.setAccessibleName(self.tr("Interface language"))
        self.language_combo.addItem(self.tr("As the system"), SYSTEM)
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        index = self.language_combo.findData(chosen_language(settings) or SYSTEM)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.currentIndexChanged.connect(self._on_changed)
        self.note = QLabel(self.tr("Takes effect the next time Merchant Desk starts."), self)
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        label = QLabel(self.tr("&Interface language:"), self)
        label.setBuddy(self.language_combo)
        layout.addRow(label, self.language_combo)
        layout.addRow(self.note)

    def _on_changed(self, _index: int) -> None:
        self._settings.setValue(SETTINGS_LANGUAGE, self.language_combo.currentData() or SYSTEM)
        self._settings.sync()
