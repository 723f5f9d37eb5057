"""The language chosen in Settings is remembered for the next start; each language is named in itself."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from merchant_desk.ui.settings.language_choice import SETTINGS_LANGUAGE, LanguageChoice, chosen_language
from merchant_desk.ui.settings.settings_page import SettingsPage, app_settings


def test_choosing_chinese_is_kept_for_the_next_start(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    combo = page.findChild(QComboBox, "languageChoice")
    assert combo is not None and combo.accessibleName()
    assert chosen_language(app_settings()) is None  # the system's language until chosen
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["English", "简体中文"]
    combo.setCurrentIndex(combo.findData("zh_CN"))
    assert app_settings().value(SETTINGS_LANGUAGE) == "zh_CN"
    assert chosen_language(app_settings()) == "zh_CN"
    # The next Settings page shows what was chosen.
    again = LanguageChoice(app_settings())
    qtbot.addWidget(again)
    assert again.language_combo.currentData() == "zh_CN"
    combo.setCurrentIndex(0)
    assert chosen_language(app_settings()) is None


def test_an_unknown_stored_language_means_the_systems(qtbot):
    settings = app_settings()
    settings.setValue(SETTINGS_LANGUAGE, "xx_YY")
    assert chosen_language(settings) is None
