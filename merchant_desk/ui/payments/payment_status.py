"""The live status of the payment being taken: big, coloured, with an icon and words (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from merchant_desk.services.payments import is_failed
from merchant_desk.ui import words

# outcome -> (colour, icon shape)
_LOOK = {
    "succeeded": ("#1a7f37", "check"),
    "failed": ("#c62828", "cross"),
    "canceled": ("#6e6e6e", "bar"),
    "pending": ("#1f5fbf", "dots"),
    "none": ("#6e6e6e", ""),
}


def outcome_of(intent) -> str:
    if intent is None:
        return "none"
    if intent.status == "succeeded":
        return "succeeded"
    if intent.status == "canceled":
        return "canceled"
    if is_failed(intent):
        return "failed"
    return "pending"


class StatusIcon(QWidget):
    """A filled circle with a check, a cross, a bar or dots, painted so it looks the same in any theme."""

    def __init__(self, parent: QWidget | None = None, *, size: int = 44) -> None:
        super().__init__(parent)
        self._colour = QColor(_LOOK["none"][0])
        self._shape = ""
        self.setFixedSize(QSize(size, size))

    def set_look(self, colour: str, shape: str) -> None:
        self._colour = QColor(colour)
        self._shape = shape
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._shape:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        r = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawEllipse(r)
        pen = QPen(QColor("white"), r.width() / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        c, w = r.center(), r.width()
        if self._shape == "check":
            path = QPainterPath(QPointF(c.x() - w * 0.22, c.y()))
            path.lineTo(QPointF(c.x() - w * 0.05, c.y() + w * 0.17))
            path.lineTo(QPointF(c.x() + w * 0.24, c.y() - w * 0.16))
            painter.drawPath(path)
        elif self._shape == "cross":
            d = w * 0.18
            painter.drawLine(QPointF(c.x() - d, c.y() - d), QPointF(c.x() + d, c.y() + d))
            painter.drawLine(QPointF(c.x() - d, c.y() + d), QPointF(c.x() + d, c.y() - d))
        elif self._shape == "bar":
            painter.drawLine(QPointF(c.x() - w * 0.22, c.y()), QPointF(c.x() + w * 0.22, c.y()))
        elif self._shape == "dots":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white"))
            for dx in (-0.22, 0.0, 0.22):
                painter.drawEllipse(QPointF(c.x() + w * dx, c.y()), w * 0.06, w * 0.06)
        painter.end()


def look_of(outcome: str) -> tuple[str, str]:
    """(colour, icon shape) for an outcome."""
    return _LOOK[outcome]


class PaymentStatusView(QFrame):
    """``paymentStatus``: dynamic property ``status`` holds the raw API status, ``outcome`` one of
    succeeded / failed / canceled / pending / none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentStatus")
        self.setAccessibleName(self.tr("Payment status"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # As tall as its text, never stretched: the space below belongs to the QR code.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._icon = StatusIcon(self)
        self._title = QLabel(self)
        self._title.setObjectName("paymentStatusTitle")
        font = QFont(self._title.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.8)
        font.setBold(True)
        self._title.setFont(font)
        self._detail = QLabel(self)
        self._detail.setObjectName("paymentStatusDetail")
        self._detail.setWordWrap(True)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self._title)
        text.addWidget(self._detail)
        row = QHBoxLayout(self)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self.set_intent(None)

    def title_text(self) -> str:
        return self._title.text()

    def detail_text(self) -> str:
        return self._detail.text()

    def set_message(self, title: str, detail: str = "") -> None:
        """A status that is not (yet) an intent's, e.g. "Creating…" or a lost connection."""
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))

    def set_intent(self, intent) -> None:
        outcome = outcome_of(intent)
        colour, shape = _LOOK[outcome]
        status = intent.status if intent is not None else ""
        restyle = self.property("status") != status or self.property("outcome") != outcome
        self.setProperty("status", status)
        self.setProperty("outcome", outcome)
        self._icon.set_look(colour, shape)
        # Style sheets only when they change: setting one re-parses it and re-polishes the widget and its
        # children, several milliseconds on the GUI thread for the same look.
        title_sheet = f"color: {colour};"
        if self._title.styleSheet() != title_sheet:
            self._title.setStyleSheet(title_sheet)
        sheet = f"#paymentStatus {{ border: 2px solid {colour}; border-radius: 6px; }}" if intent is not None else ""
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
        if intent is None:
            self.set_message(self.tr("No payment yet"), self.tr("Enter an amount and press Create."))
        elif outcome == "succeeded":
            self.set_message(self.tr("Paid"), self.tr("The customer has paid."))
        elif outcome == "failed":
            message = words.payment_failure(intent.last_payment_error) or self.tr("The wallet declined the payment.")
            self.set_message(self.tr("Payment failed"), message)
        elif outcome == "canceled":
            reason = words.cancellation_reason(intent.cancellation_reason)
            self.set_message(self.tr("Canceled"), self.tr("Reason: %1").replace("%1", reason) if reason else "")
        elif intent.status == "requires_action":
            self.set_message(self.tr("Waiting for the customer"), self.tr("Ask the customer to scan the code."))
        elif intent.status == "processing":
            self.set_message(self.tr("Processing"), self.tr("The wallet is confirming the payment."))
        elif intent.status == "requires_capture":
            self.set_message(self.tr("Authorized"), self.tr("The payment is authorized and waits for capture."))
        else:
            self.set_message(words.payment_status(intent.status), "")
        self.setAccessibleDescription(f"{self._title.text()}. {self._detail.text()}")
        if restyle:  # re-polish so style sheets keyed on the dynamic properties follow them
            self.style().unpolish(self)
            self.style().polish(self)
