"""Gross and refunds per day as paired bars, painted with QPainter.

No charting library: QtCharts is not in PySide6-Essentials (it needs the ~200 MB PySide6-Addons) and
pyqtgraph brings numpy; 30 pairs of bars are a few dozen rectangles (see docs/architecture.md).
Colours come from the palette (text, grid) plus two fixed hues that read on light and dark backgrounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from merchant_desk.ui.report.labels import amount_text

GROSS_COLOR = QColor("#2f7de1")
REFUND_COLOR = QColor("#e8782a")


@dataclass
class Bar:
    day: date
    gross: int
    refunded: int


def _nice_step(top: int) -> int:
    """A round grid step (1, 2 or 5 × 10^n) giving about four lines up to ``top``."""
    if top <= 0:
        return 1
    raw = top / 4
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


class DailyBarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewChart")
        self.setAccessibleName(self.tr("Gross and refunds per day"))
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.bars: list[Bar] = []
        self.currency = ""
        self._plot = QRectF()

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def set_series(self, currency: str, bars: list[Bar]) -> None:
        self.currency = currency
        self.bars = bars
        total = sum(b.gross for b in bars)
        self.setAccessibleDescription(
            self.tr("%1: %2 gross over %3 days").replace("%1", currency)
            .replace("%2", amount_text(total, currency) if currency else "0").replace("%3", str(len(bars)))
        )
        self.update()

    def _bar_at(self, x: float) -> int | None:
        if not self.bars or not self._plot.left() <= x <= self._plot.right():
            return None
        slot = self._plot.width() / len(self.bars)
        return min(int((x - self._plot.left()) / slot), len(self.bars) - 1)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self._bar_at(event.position().x())
        if index is None:
            QToolTip.hideText()
            return
        bar = self.bars[index]
        text = self.tr("%1\nGross %2\nRefunded %3").replace("%1", bar.day.isoformat()) \
            .replace("%2", amount_text(bar.gross, self.currency)).replace("%3", amount_text(bar.refunded, self.currency))
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(50)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        top_value = max([max(b.gross, b.refunded) for b in self.bars] + [0])
        step = _nice_step(top_value)
        top = step * max(1, -(-top_value // step))
        labels = [amount_text(v, self.currency) if self.currency else str(v) for v in range(0, top + 1, step)]
        left = max(metrics.horizontalAdvance(s) for s in labels) + 8
        legend_h = line + 6
        plot = QRectF(left, legend_h + 4, max(self.width() - left - 8, 10), max(self.height() - legend_h - line - 14, 10))
        self._plot = plot

        # legend
        x = plot.left()
        for color, label in ((GROSS_COLOR, self.tr("Gross")), (REFUND_COLOR, self.tr("Refunds"))):
            painter.fillRect(QRectF(x, 4 + (line - 10) / 2, 10, 10), color)
            painter.setPen(text)
            painter.drawText(QPointF(x + 14, 4 + metrics.ascent()), label)
            x += 14 + metrics.horizontalAdvance(label) + 16

        # grid and value labels
        for i, label in enumerate(labels):
            y = plot.bottom() - plot.height() * (i * step) / top
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
        if not self.bars:
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.tr("No payments in these 30 days"))
            return

        slot = plot.width() / len(self.bars)
        width = max(slot * 0.36, 1.0)
        for i, bar in enumerate(self.bars):
            x0 = plot.left() + i * slot + slot * 0.12
            for j, (value, color) in enumerate(((bar.gross, GROSS_COLOR), (bar.refunded, REFUND_COLOR))):
                if value <= 0:
                    continue
                h = max(plot.height() * value / top, 1.0)
                painter.fillRect(QRectF(x0 + j * width, plot.bottom() - h, width, h), color)
        # day labels: the first of each week-ish, never crowded
        painter.setPen(text)
        every = max(1, int((metrics.horizontalAdvance("00/00") + 10) // slot) + 1)
        for i in range(len(self.bars) - 1, -1, -every):
            day = self.bars[i].day
            label = f"{day.day}/{day.month}"
            cx = plot.left() + (i + 0.5) * slot
            painter.drawText(QRectF(cx - 30, plot.bottom() + 3, 60, line), int(Qt.AlignmentFlag.AlignHCenter), label)
        painter.end()
