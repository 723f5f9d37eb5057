"""A window for the customer: only the amount and the QR code, full screen, on a second screen if any."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QPalette, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from merchant_desk.ui.widgets.qr_view import QrView


def pick_screen(current: QScreen | None = None) -> QScreen | None:
    """The screen the customer sees: another screen than the cashier's when there is one."""
    screens = QGuiApplication.screens()
    if not screens:
        return None
    current = current or QGuiApplication.primaryScreen()
    for screen in screens:
        if screen is not current:
            return screen
    return current


class CustomerDisplay(QWidget):
    """Frameless and full screen; Esc or a double click closes it. Always black on white."""

    def __init__(self, amount_text: str, url: str, parent: QWidget | None = None) -> None:
        # A top-level window even with a parent, so it can live on another screen.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("customerDisplay")
        self.setAccessibleName(self.tr("Customer display"))
        self.setWindowTitle(self.tr("Scan to pay"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("black"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        self.amount = QLabel(amount_text, self)
        self.amount.setObjectName("customerDisplayAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.amount.font())
        font.setPixelSize(72)
        font.setBold(True)
        self.amount.setFont(font)
        self.qr = QrView(self, object_name="customerDisplayQr")
        self.qr.set_data(url)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 48)
        layout.addWidget(self.amount)
        layout.addWidget(self.qr, 1)

    def show_on_customer_screen(self, cashier_window: QWidget | None = None) -> None:
        current = cashier_window.screen() if cashier_window is not None else None
        screen = pick_screen(current)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()

    def resizeEvent(self, event) -> None:
        # The amount scales with the screen so it reads from a distance.
        font = QFont(self.amount.font())
        font.setPixelSize(max(24, self.height() // 10))
        self.amount.setFont(font)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.close()
