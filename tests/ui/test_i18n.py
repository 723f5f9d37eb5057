"""Translations load from merchant_desk/resources/i18n for --lang (or the system locale) and reach the widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from merchant_desk import money
from merchant_desk.ui import i18n
from merchant_desk.ui.frame.status_badge import ModeBadge


@pytest.fixture
def installed(qapp):
    translators: list = []
    previous_default = QLocale()

    def install(lang):
        translators.extend(i18n.install_translator(qapp, lang))
        return translators

    yield install
    i18n.remove_translators(qapp, translators)
    QLocale.setDefault(previous_default)
    money.set_display_locale("en_US")


def test_catalogue_is_found_beside_the_package():
    folder = i18n.translations_dir()
    assert folder is not None
    assert (folder / "merchant_desk_zh_CN.qm").is_file()
    assert (folder / "merchant_desk_zh_CN.ts").is_file()


def test_chinese_is_installed_for_lang_zh_cn(installed, qtbot):
    assert installed("zh_CN")
    assert QCoreApplication.translate("MainWindow", "Settings") == "设置"
    assert QCoreApplication.translate("MainWindow", "SANDBOX — no real money") == "沙盒 — 不涉及真实资金"
    badge = ModeBadge()
    qtbot.addWidget(badge)
    badge.set_mode("live")
    assert badge.text() == "正式"


def test_english_catalogue_only_adds_plural_forms(installed):
    assert len(installed("en_US")) == 1
    assert QCoreApplication.translate("MainWindow", "Settings") == "Settings"
    assert QCoreApplication.translate("PaymentsList", "%n payment(s) shown", "", 1) == "1 payment shown"
    assert QCoreApplication.translate("PaymentsList", "%n payment(s) shown", "", 3) == "3 payments shown"


def test_amounts_follow_the_interface_language(installed):
    installed("zh_CN")
    assert money.format_minor(8880, "CNY") == "¥88.80"
    installed("en_US")
    assert money.format_minor(8880, "CNY") == "CN¥88.80"


def test_unknown_language_falls_back_to_english(installed):
    installed("xx_YY")
    assert QCoreApplication.translate("MainWindow", "Settings") == "Settings"


def test_keyring_problems_are_explained_in_chinese(installed):
    from merchant_desk import keystore

    installed("zh_CN")
    for text in (keystore.NO_SECRET_SERVICE, keystore.NO_DBUS, keystore.LOCKED, keystore.NULL_BACKEND):
        translated = QCoreApplication.translate("SettingsPage", text)
        assert translated != text and ("密钥" in translated or "Secret Service" in translated), text
    assert QCoreApplication.translate("SettingsPage", keystore.LOCKED) == "密钥环已锁定：请解锁后重试。"
