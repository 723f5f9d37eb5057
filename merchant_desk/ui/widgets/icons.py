"""The app's icons: one outline set (Lucide, ISC licence, bundled in resources/icons/lucide with its LICENSE),
drawn in the palette's text colour at paint time, so the same icon reads on a light and on a dark theme and
follows a scheme change without being set again.

Buttons and actions get their icon from their objectName (``BUTTON_ICONS``): the names are the UI contract,
so pages need no icon code of their own and keep their icons when they are reorganised.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QWidget

from merchant_desk.ui.i18n import resources_dir

log = logging.getLogger(__name__)

ICON_SET = "lucide"

# Where each icon is used. Navigation: the page's objectName; buttons and actions: theirs.
NAVIGATION_ICONS = {
    "overviewPage": "layout-dashboard",
    "paymentsPage": "banknote",
    "checkoutPage": "shopping-cart",
    "refundsPage": "undo-2",
    "reportPage": "receipt-text",
    "webhooksPage": "webhook",
    "eventsPage": "activity",
    "settingsPage": "settings",
}

BUTTON_ICONS = {
    "createPaymentButton": "plus",
    "cancelPaymentButton": "ban",
    "copyCashierUrlButton": "copy",
    "openCashierUrlButton": "external-link",
    "customerDisplayButton": "monitor",
    "saveQrButton": "save",
    "printQrButton": "printer",
    "refreshPaymentsButton": "refresh-cw",
    "reloadPaymentDetailButton": "refresh-cw",
    "refundButton": "undo-2",
    "openPaymentButton": "banknote",
    "confirmRefundButton": "undo-2",
    "retryRefundButton": "rotate-ccw",
    "retryPendingButton": "rotate-ccw",
    "refreshRefundsButton": "refresh-cw",
    "exportRefundsButton": "download",
    "refreshAuditButton": "refresh-cw",
    "exportAuditButton": "download",
    "addLineItemButton": "plus",
    "removeLineItemButton": "x",
    "addMetadataButton": "plus",
    "createSessionButton": "plus",
    "copyCheckoutUrlButton": "copy",
    "openCheckoutUrlButton": "external-link",
    "expireSessionButton": "ban",
    "createWebhookButton": "plus",
    "deleteWebhookButton": "trash-2",
    "confirmDeleteWebhookButton": "trash-2",
    "refreshWebhooksButton": "refresh-cw",
    "startInspectorButton": "plug-zap",
    "copySecretButton": "copy",
    "refreshEventsButton": "refresh-cw",
    "loadMoreEventsButton": "list-restart",
    "addProfileButton": "plus",
    "removeProfileButton": "trash-2",
    "saveProfileButton": "save",
    "testConnectionButton": "plug-zap",
    "switchProfileButton": "key-round",
    "overviewRefreshButton": "refresh-cw",
    "runReportButton": "play",
    "cancelReportButton": "x",
    "saveReportPdfButton": "file-down",
    "saveReportCsvButton": "file-spreadsheet",
    "saveReportJsonButton": "file-json",
    "printReportButton": "printer",
    "newPaymentAction": "plus",
    "findPaymentAction": "search",
    "refreshAction": "refresh-cw",
    "refundPaymentAction": "undo-2",
}

# The connection states of the status bar (see ui.frame.connection) and the payment states.
STATUS_ICONS = {
    "online": "wifi",
    "offline": "wifi-off",
    "wrong_key": "key-round",
    "tls_error": "shield-alert",
    "error": "triangle-alert",
    "checking": "loader-circle",
    "paid": "circle-check",
    "waiting": "clock",
    "failed": "circle-x",
    "canceled": "ban",
    "refunded": "undo-2",
}


def icons_dir() -> Path | None:
    base = resources_dir()
    folder = base / "icons" / ICON_SET if base is not None else None
    return folder if folder is not None and folder.is_dir() else None


@cache
def _svg_source(name: str) -> bytes | None:
    folder = icons_dir()
    path = folder / f"{name}.svg" if folder is not None else None
    if path is None or not path.is_file():
        log.warning("No icon named %r in %s", name, folder)
        return None
    return path.read_bytes()


def available() -> list[str]:
    folder = icons_dir()
    return sorted(p.stem for p in folder.glob("*.svg")) if folder is not None else []


def _palette_colour(mode: QIcon.Mode, role: QPalette.ColorRole | None, colour: QColor | None) -> QColor:
    if colour is not None and mode != QIcon.Mode.Disabled:
        return colour
    palette = QGuiApplication.palette()
    group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    if mode == QIcon.Mode.Selected:
        return palette.color(group, QPalette.ColorRole.HighlightedText)
    return palette.color(group, role or QPalette.ColorRole.ButtonText)


def tinted_svg(name: str, colour: QColor) -> bytes | None:
    source = _svg_source(name)
    if source is None:
        return None
    return source.replace(b"currentColor", colour.name(QColor.NameFormat.HexRgb).encode("ascii"))


class _TintedIconEngine(QIconEngine):
    """Renders the SVG in the colour the palette has when it is painted (light or dark, normal, disabled or
    selected), at the device pixel ratio of the target, so it is sharp at any scale."""

    def __init__(self, name: str, role: QPalette.ColorRole | None, colour: QColor | None) -> None:
        super().__init__()
        self._name = name
        self._role = role
        self._colour = colour
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer | None:
        colour = _palette_colour(mode, self._role, self._colour)
        key = colour.name(QColor.NameFormat.HexArgb)
        renderer = self._renderers.get(key)
        if renderer is None:
            data = tinted_svg(self._name, colour)
            if data is None:
                return None
            renderer = QSvgRenderer(QByteArray(data))
            self._renderers[key] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = self._renderer(mode)
        if renderer is not None:
            side = min(rect.width(), rect.height())
            square = QRect(0, 0, side, side)
            square.moveCenter(rect.center())
            renderer.render(painter, square)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale))))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return _TintedIconEngine(self._name, self._role, self._colour)

    def key(self) -> str:
        return "merchant-desk-tinted"

    def iconName(self) -> str:
        return self._name

    def isNull(self) -> bool:
        return _svg_source(self._name) is None


def icon(name: str, *, role: QPalette.ColorRole | None = None, colour: QColor | str | None = None) -> QIcon:
    """The named icon of the set, drawn in ``colour`` if given, else in the palette's ``role`` (button text
    by default). An unknown name gives a null icon (and a log line), never an exception."""
    if _svg_source(name) is None:
        return QIcon()
    fixed = QColor(colour) if colour is not None else None
    return QIcon(_TintedIconEngine(name, role, fixed))


def navigation_icon(page_name: str) -> QIcon:
    name = NAVIGATION_ICONS.get(page_name)
    return icon(name, role=QPalette.ColorRole.Text) if name else QIcon()


def status_icon(state: str, colour: QColor | str | None = None) -> QIcon:
    name = STATUS_ICONS.get(state)
    return icon(name, colour=colour) if name else QIcon()


def apply_button_icons(root: QWidget) -> int:
    """Give every button and action under ``root`` that has no icon yet the one its objectName calls for.
    Returns how many were given one."""
    given = 0
    for button in root.findChildren(QAbstractButton):
        name = BUTTON_ICONS.get(button.objectName())
        if name and button.icon().isNull():
            button.setIcon(icon(name))
            given += 1
    for action in root.findChildren(QAction):
        name = BUTTON_ICONS.get(action.objectName())
        if name and action.icon().isNull():
            action.setIcon(icon(name))
            given += 1
    return given
