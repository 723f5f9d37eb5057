"""A QR code painted crisply: whole device pixels per module, no antialiasing, black on white.

Encoding (``merchant_desk.qr_codes``: under a millisecond for a cashier URL) runs on a worker thread when
the code is shown with ``show_data``; only painting, which Qt requires, stays on the GUI thread. Recent codes
are kept, so the customer display showing the same URL gets it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import segno
from PySide6.QtCore import QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from merchant_desk.qr_codes import make_qr
from merchant_desk.ui.widgets.ops import run_op

log = logging.getLogger(__name__)

QUIET_ZONE = 4
MIN_MODULE_PX = 4


_RECENT: OrderedDict[str, segno.QRCode] = OrderedDict()
_RECENT_LOCK = threading.Lock()
_RECENT_MAX = 16
# One thread encodes, whatever the number of codes asked for at once: encoding is Python holding the GIL,
# and several encoders would take turns at it ahead of the GUI thread.
_ENCODER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qr-encoder")


def _submit(data: str) -> Future[segno.QRCode]:
    # Handed to the encoder at once, not when a task first runs: the code is being encoded while the GUI
    # thread carries on with what it was doing (recording the answer, laying out the page).
    return _ENCODER.submit(encoded_qr, data)


def _encode_off_thread(data: str) -> asyncio.Future[segno.QRCode]:
    return asyncio.wrap_future(_submit(data))


def cached_qr(data: str) -> segno.QRCode | None:
    """The code for ``data`` if it was encoded lately, else None."""
    with _RECENT_LOCK:
        qr = _RECENT.get(data)
        if qr is not None:
            _RECENT.move_to_end(data)
        return qr


def encoded_qr(data: str) -> segno.QRCode:
    """``make_qr`` with the last few codes kept; callable from any thread (a code never changes)."""
    qr = cached_qr(data)
    if qr is None:
        qr = make_qr(data)
        with _RECENT_LOCK:
            _RECENT[data] = qr
            while len(_RECENT) > _RECENT_MAX:
                _RECENT.popitem(last=False)
    return qr


def encode_ahead(owner: QObject, data: str) -> None:
    """Encode ``data`` on a worker thread now, so that showing it later (``QrView.show_data``) is at once."""
    if data and cached_qr(data) is None:
        run_op(owner, _encode_off_thread(data))


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def save_qr(qr: segno.QRCode, path: str | Path, *, scale: int = 10) -> None:
    """Write PNG or SVG (chosen by the file's extension). Blocking: call it in a thread.

    Written beside the target and moved into place, so the file is never seen half written (a program
    watching the folder, a crash midway) and an existing file is replaced whole or not at all."""
    target = Path(path)
    kind = target.suffix.lower().lstrip(".") or None
    handle, temporary = tempfile.mkstemp(prefix=".qr-", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            qr.save(out, kind=kind, scale=scale, border=QUIET_ZONE, dark="black", light="white")
        os.chmod(temporary, 0o666 & ~_UMASK)  # as a file simply created there (mkstemp's is private)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def paint_qr(painter: QPainter, qr: segno.QRCode, area: QRect, device_ratio: float) -> int:
    """Paint ``qr`` centred in ``area`` (logical pixels); return the device pixels per module.

    The painter's scale is dropped to device pixels so each module covers exactly the same whole
    number of physical pixels whatever the screen's scale factor, which keeps scanners happy.
    """
    modules = qr.symbol_size(border=QUIET_ZONE)[0]
    side_px = math.floor(min(area.width(), area.height()) * device_ratio)
    module_px = max(MIN_MODULE_PX, side_px // modules)
    total = module_px * modules
    left = round(area.x() * device_ratio) + max(0, (round(area.width() * device_ratio) - total) // 2)
    top = round(area.y() * device_ratio) + max(0, (round(area.height() * device_ratio) - total) // 2)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.scale(1 / device_ratio, 1 / device_ratio)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(QRect(left, top, total, total), QColor("white"))
    black = QColor("black")
    for y, row in enumerate(qr.matrix_iter(border=QUIET_ZONE)):
        x = 0
        # Runs of dark modules are painted as one rectangle: fewer calls, no seams.
        while x < modules:
            if row[x]:
                start = x
                while x < modules and row[x]:
                    x += 1
                painter.fillRect(
                    QRect(left + start * module_px, top + y * module_px, (x - start) * module_px, module_px),
                    black,
                )
            else:
                x += 1
    painter.restore()
    return module_px


class QrView(QWidget):
    """Shows ``data`` as a QR code, as large as the widget allows in whole pixels per module.

    ``codePainted(data)`` is emitted once a new code has been painted: it is on screen, ready to scan."""

    codePainted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "paymentQrView") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(self.tr("Payment QR code"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._data = ""
        self._qr: segno.QRCode | None = None
        self._laid_out_side = 0
        self._painted_data = ""
        self._encoding = ""  # the data whose code a worker thread is encoding now
        self._encode_task: asyncio.Task[object] | None = None
        self._encode_job: Future[segno.QRCode] | None = None  # its place in the encoder thread's queue
        self.module_px = 0

    def set_data(self, data: str) -> None:
        """Show ``data``, encoded here and now (on the calling thread)."""
        self._drop_encoding_unless(data or "")
        self._data = data or ""
        self._apply(self._data, encoded_qr(self._data) if self._data else None)

    def show_data(self, data: str, *, then: Callable[[], object] | None = None) -> asyncio.Task[object] | None:
        """Show ``data``; a code not encoded lately is encoded on a worker thread and painted once ready
        (until then the view is blank, never the previous code). ``then`` runs once the code is in place
        (at once for a code encoded lately), unless newer data has replaced it meanwhile. Returns the
        encoding's task (done once the code is in place), or None when there was nothing to wait for."""
        data = data or ""
        if data and data == self._data == self._encoding and then is None:
            return None  # already on its way (the answer's early code, then the recorded payment)
        self._drop_encoding_unless(data)
        self._data = data
        qr = cached_qr(data) if data else None
        self._apply(data, qr)
        if data and qr is None:
            self._encoding = data
            self._encode_job = _submit(data)
            self._encode_task = run_op(
                self, asyncio.wrap_future(self._encode_job), success=lambda code: self._encoded(data, code, then),
                progress=lambda busy: busy or self._encoding_ended(data),
            )
            return self._encode_task
        if then is not None:
            then()
        return None

    def _drop_encoding_unless(self, data: str) -> None:
        """Newer data replaces what is being encoded: a code still waiting for the encoder thread would never
        be shown, so it is not encoded (a burst of payments leaves the thread, and the interpreter it
        shares with the GUI thread, the last code to encode, not every one)."""
        if self._encode_task is not None and self._encoding and self._encoding != data:
            if self._encode_job is not None:
                self._encode_job.cancel()  # now, not a loop turn later: by then the thread may have taken it
            self._encode_task.cancel()

    def _encoding_ended(self, data: str) -> None:
        if self._encoding == data:  # however it ended
            self._encoding = ""
            self._encode_task = self._encode_job = None

    def _encoded(self, data: str, qr: segno.QRCode, then: Callable[[], object] | None) -> None:
        if data == self._data:  # not replaced by newer data meanwhile
            self._apply(data, qr)
            if then is not None:
                then()

    def _apply(self, data: str, qr: segno.QRCode | None) -> None:
        self._qr = qr
        self.setAccessibleDescription(data)
        self.setToolTip(data)
        # The layout is asked again only when the code's smallest size changes (a blank view keeps the last
        # one): laying the page out again repaints all of it, where a new code needs only this view painted.
        min_side = self._min_side() if qr is not None else self._laid_out_side
        if min_side != self._laid_out_side:
            self._laid_out_side = min_side
            self.updateGeometry()
        self.update()

    def data(self) -> str:
        return self._data

    def qr(self) -> segno.QRCode | None:
        return self._qr

    def _min_side(self) -> int:
        if self._qr is None:
            return self._laid_out_side
        modules = self._qr.symbol_size(border=QUIET_ZONE)[0]
        return math.ceil(modules * MIN_MODULE_PX / max(1.0, self.devicePixelRatioF()))

    def minimumSizeHint(self) -> QSize:
        side = self._min_side()
        return QSize(side, side)

    def sizeHint(self) -> QSize:
        side = max(self._min_side() * 2, 240)
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._qr is None:
            return
        painter = QPainter(self)
        try:
            self.module_px = paint_qr(painter, self._qr, self.rect(), self.devicePixelRatioF())
        finally:
            painter.end()
        if self.module_px and self._data != self._painted_data:
            self._painted_data = self._data
            self.codePainted.emit(self._data)

    async def save(self, path: str | Path) -> None:
        """Save as PNG or SVG by extension, off the GUI thread."""
        if self._qr is None:
            raise ValueError("no QR code to save")
        await asyncio.to_thread(save_qr, self._qr, path)

    def print_to(self, printer) -> None:
        """Paint the code on a QPrinter page, 60 % of the page's shorter side, centred."""
        if self._qr is None:
            return
        painter = QPainter()
        if not painter.begin(printer):
            log.warning("printer refused to start painting")
            return
        try:
            page = painter.viewport()
            side = int(min(page.width(), page.height()) * 0.6)
            area = QRect(page.x() + (page.width() - side) // 2, page.y() + (page.height() - side) // 4, side, side)
            paint_qr(painter, self._qr, area, 1.0)
        finally:
            painter.end()
