"""The look: one icon set tinted from the palette (readable on light and dark), every named button with
its icon, the system's light or dark scheme, the same margins on every page, the window's title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QAbstractButton

from merchant_desk.app import create_main_window
from merchant_desk.ui.widgets import icons, theme
from tests.app.fakes import MemoryKeyStore
from tests.qt_support import run_async


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    window = create_main_window(base_url=sandbox.base_url, secret_key=sandbox.secret_key,
                                ledger_path=tmp_path / "ledger.sqlite3", keystore=MemoryKeyStore())
    window.show()
    qtbot.waitExposed(window)
    yield window
    run_async(window.shutdown())
    window.close()


def ink(icon, size: int = 32) -> QColor:
    """The colour of the icon's strokes (its most opaque pixel)."""
    image = icon.pixmap(QSize(size, size)).toImage()
    best = QColor(0, 0, 0, 0)
    for x in range(size):
        for y in range(size):
            colour = image.pixelColor(x, y)
            if colour.alpha() > best.alpha():
                best = colour
    return best


def test_the_bundled_set_has_its_licence_and_every_icon_used():
    folder = icons.icons_dir()
    assert folder is not None and "ISC License" in (folder / "LICENSE").read_text()
    used = set(icons.NAVIGATION_ICONS.values()) | set(icons.BUTTON_ICONS.values()) | set(icons.STATUS_ICONS.values())
    assert used <= set(icons.available())


def test_icons_take_the_palette_colour_in_light_and_dark(qapp):
    original = qapp.palette()
    try:
        qapp.setPalette(QPalette(QColor("#f0f0f0")))
        light_ink = ink(icons.icon("plus"))
        qapp.setPalette(theme.dark_palette())
        dark_ink = ink(icons.icon("plus"))
    finally:
        qapp.setPalette(original)
    assert light_ink.lightness() < 100 < 180 < dark_ink.lightness()
    assert icons.icon("no-such-icon").isNull()
    # Sharp at twice the scale: the pixmap has the device pixels, not a blown-up copy.
    assert icons.icon("plus").pixmap(QSize(24, 24), 2.0).size() == QSize(48, 48)


def test_the_dark_scheme_is_applied_and_undone(qapp, monkeypatch):
    original_palette, original_style = qapp.palette(), qapp.style().name()
    follower = theme.ThemeFollower(qapp)
    try:
        follower.apply(theme.DARK)
        assert theme.is_dark(qapp.palette()) and qapp.style().name().lower() == "fusion"
        follower.apply(theme.LIGHT)
        assert not theme.is_dark(qapp.palette())
        monkeypatch.setenv(theme.ENV_OVERRIDE, "dark")
        assert theme.system_scheme(qapp) == theme.DARK
    finally:
        follower.deleteLater()
        qapp.setStyle(original_style)
        qapp.setPalette(original_palette)


def test_navigation_buttons_and_actions_have_their_icons(window):
    for row in range(window.navigation.count()):
        assert not window.navigation.item(row).icon().isNull()
    named = [b for b in window.findChildren(QAbstractButton) if b.objectName() in icons.BUTTON_ICONS]
    named += [a for a in window.findChildren(QAction) if a.objectName() in icons.BUTTON_ICONS]
    assert len(named) >= 20
    assert [w.objectName() for w in named if w.icon().isNull()] == []


def test_every_page_has_the_same_margins_and_tabs_keep_off_their_frame(window):
    for page in window.page_widgets():
        margins = page.layout().contentsMargins()
        assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == theme.PAGE_MARGINS, page
    view = window.refunds_page.audit_view  # a tab's contents: its own layout had no margins at all
    margins = view.layout().contentsMargins()
    assert (margins.left(), margins.top()) == theme.TAB_MARGINS[:2]


def test_the_title_names_the_account_and_its_mode_once(window):
    assert window.windowTitle() == "Merchant Desk — Sandbox (SANDBOX)"
