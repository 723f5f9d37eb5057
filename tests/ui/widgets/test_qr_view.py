"""The painted QR code: scannable, whole pixels per module, pure black on white, saved and printed."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from merchant_desk.ui.widgets.qr_view import (
    MIN_MODULE_PX,
    QUIET_ZONE,
    QrView,
    make_qr,
    paint_qr,
    save_qr,
)
from tests.qt_support import run_async

URL = "http://127.0.0.1:45555/cashier/pi_1234567890123456789"
LONG_URL = (
    "https://open-sea.alipayplus.com/api/open/v1/ac/cashier/self/codevalue/checkout.htm"
    "?codeValue=281666040093287bLcR3xrzhJHtzLqO6AbIRyq0HaP2j6Qx&loadMode=2"
)




def decode(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return [r.text for r in zxingcpp.read_barcodes(gray)]


def module_grid_matches(image: QImage, qr, left: int, top: int, px: int) -> bool:
    """Every pixel of every module is exactly black or white, as the matrix says."""
    black, white = QColor("black").rgb(), QColor("white").rgb()
    for y, row in enumerate(qr.matrix_iter(border=QUIET_ZONE)):
        for x, dark in enumerate(row):
            want = black if dark else white
            for dy in range(px):
                for dx in range(px):
                    if image.pixel(left + x * px + dx, top + y * px + dy) != want:
                        return False
    return True


def test_short_data_is_still_a_full_qr_at_level_m_or_better():
    qr = make_qr("1")
    assert not qr.is_micro
    assert qr.error in ("M", "Q", "H")


@pytest.mark.parametrize("size", [164, 200, 257, 401])
def test_view_paints_whole_pixel_modules_that_decode(qtbot, size):
    view = QrView()
    qtbot.addWidget(view)
    view.set_data(URL)
    view.resize(size, size)
    image = view.grab().toImage()
    assert decode(image) == [URL]
    modules = view.qr().symbol_size(border=QUIET_ZONE)[0]
    assert view.module_px == max(MIN_MODULE_PX, size // modules)
    offset = (size - view.module_px * modules) // 2
    assert module_grid_matches(image, view.qr(), offset, offset, view.module_px)


def test_black_on_white_even_in_a_dark_theme(qtbot):
    view = QrView()
    qtbot.addWidget(view)
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    view.setPalette(palette)
    view.set_data(LONG_URL)
    view.resize(360, 360)
    image = view.grab().toImage()
    assert decode(image) == [LONG_URL]
    modules = view.qr().symbol_size(border=QUIET_ZONE)[0]
    offset = (360 - view.module_px * modules) // 2
    assert module_grid_matches(image, view.qr(), offset, offset, view.module_px)


def test_minimum_size_keeps_four_pixels_per_module(qtbot):
    view = QrView()
    qtbot.addWidget(view)
    view.set_data(LONG_URL)
    modules = view.qr().symbol_size(border=QUIET_ZONE)[0]
    assert view.minimumSizeHint().width() >= modules * MIN_MODULE_PX
    view.resize(10, 10)  # smaller than possible: modules still get 4 px, clipped rather than blurred
    view.grab()
    assert view.module_px == MIN_MODULE_PX


def test_hidpi_modules_snap_to_device_pixels():
    """At a fractional scale factor each module still covers a whole number of physical pixels."""
    qr = make_qr(URL)
    ratio = 1.5
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    px = paint_qr(painter, qr, QRect(3, 3, 300, 300), ratio)
    painter.end()
    modules = qr.symbol_size(border=QUIET_ZONE)[0]
    assert px == int(300 * ratio) // modules
    left = round(3 * ratio) + (round(300 * ratio) - px * modules) // 2
    assert module_grid_matches(image, qr, left, left, px)
    image.setDevicePixelRatio(1.0)
    assert decode(image) == [URL]


def test_a_new_code_says_once_that_it_is_on_screen_and_its_then_runs_with_it(qtbot):
    view = QrView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    qtbot.waitExposed(view)
    painted: list[str] = []
    view.codePainted.connect(painted.append)
    shown_with: list[object] = []
    view.show_data(URL + "/once", then=lambda: shown_with.append(view.qr()))
    assert view.qr() is None and painted == []  # encoded on a worker thread, blank meanwhile
    qtbot.waitUntil(lambda: painted == [URL + "/once"], timeout=5000)
    assert shown_with == [view.qr()] and view.qr() is not None
    view.repaint()
    assert painted == [URL + "/once"]  # the same code painted again is not news
    view.show_data(URL + "/once", then=lambda: shown_with.append("cached"))
    assert shown_with[-1] == "cached"  # a code encoded lately: at once


def test_showing_a_code_already_being_encoded_waits_for_it_and_the_last_data_wins(qtbot, monkeypatch):
    from merchant_desk.ui.widgets import qr_view

    encoded: list[str] = []  # trips to the encoding thread
    real = qr_view._submit
    monkeypatch.setattr(qr_view, "_submit", lambda data: encoded.append(data) or real(data))
    view = QrView()
    qtbot.addWidget(view)
    first, second = URL + "/twice", URL + "/other"
    view.show_data(first)
    view.show_data(first)  # the recorded payment, while its early code is still being encoded
    qtbot.waitUntil(lambda: view.qr() is not None, timeout=5000)
    assert encoded == [first] and view.data() == first
    view.show_data(second)
    view.show_data(first)  # back to a code known by now: at once, and the view shows it, not ``second``
    assert view.data() == first and view.qr() is not None
    qtbot.wait(100)
    assert view.data() == first and decode(view.grab().toImage()) == [first]


def test_a_code_replaced_before_the_encoder_took_it_is_never_encoded(qtbot, monkeypatch):
    """A burst of payments shown one after another leaves the encoder thread only the codes that can still
    be shown: one replaced while waiting for the thread is taken out of its queue."""
    import threading

    from merchant_desk.ui.widgets import qr_view

    made: list[str] = []
    real = qr_view.make_qr
    monkeypatch.setattr(qr_view, "make_qr", lambda data: made.append(data) or real(data))
    view = QrView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    busy = threading.Event()
    held = qr_view._ENCODER.submit(busy.wait, 5)  # the thread is busy with another code
    first, second, third = URL + "/burst-1", URL + "/burst-2", URL + "/burst-3"
    view.show_data(first)
    view.show_data(second)
    view.show_data(third)
    busy.set()
    held.result(timeout=5)
    qtbot.waitUntil(lambda: view.qr() is not None, timeout=5000)
    assert made == [third] and view.data() == third
    assert decode(view.grab().toImage()) == [third]


def test_a_blank_view_keeps_the_last_codes_size_so_the_page_is_not_laid_out_again(qtbot):
    view = QrView()
    qtbot.addWidget(view)
    view.set_data(LONG_URL)
    hint = view.minimumSizeHint()
    view.show_data(LONG_URL + "&new=1")  # blank until encoded
    assert view.qr() is None and view.minimumSizeHint() == hint


def test_empty_view_paints_nothing(qtbot):
    view = QrView()
    qtbot.addWidget(view)
    view.resize(100, 100)
    view.grab()
    assert view.qr() is None and view.module_px == 0


def test_save_png_and_svg(qtbot, tmp_path):
    view = QrView()
    qtbot.addWidget(view)
    view.set_data(URL)
    run_async(view.save(tmp_path / "qr.png"))
    run_async(view.save(tmp_path / "qr.svg"))
    png = QImage(str(tmp_path / "qr.png"))
    assert not png.isNull() and decode(png) == [URL]
    svg = (tmp_path / "qr.svg").read_text()
    assert "<svg" in svg
    # The SVG renders back to the same code.
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(tmp_path / "qr.svg"))
    image = QImage(renderer.defaultSize(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert decode(image) == [URL]


def test_a_saved_file_appears_whole_with_the_usual_permissions_and_a_failed_save_leaves_the_old_one(tmp_path):
    import os
    import stat

    target = tmp_path / "qr.png"
    target.write_bytes(b"the previous file")
    with pytest.raises(ValueError):
        save_qr(make_qr(URL), tmp_path / "qr.unknown-kind")
    save_qr(make_qr(URL), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qr.png"]  # no half-written or temporary file left
    assert decode(QImage(str(target))) == [URL]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    before = target.read_bytes()
    with pytest.raises(ValueError):
        save_qr(make_qr(URL), target.with_suffix(".nope"))
    assert target.read_bytes() == before


def test_print_paints_a_scannable_code_on_the_page(qtbot):
    view = QrView()
    qtbot.addWidget(view)
    view.set_data(LONG_URL)
    page = QImage(850, 1100, QImage.Format.Format_RGB32)  # any paint device stands in for the printer
    page.fill(Qt.GlobalColor.white)
    view.print_to(page)
    assert decode(page) == [LONG_URL]


def test_print_to_pdf_printer(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    view = QrView()
    qtbot.addWidget(view)
    view.set_data(URL)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "qr.pdf"))
    view.print_to(printer)
    data = (tmp_path / "qr.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000


def test_customer_display_goes_to_another_screen_when_there_is_one(monkeypatch):
    from merchant_desk.ui.payments import customer_display

    cashier, customer = object(), object()

    class TwoScreens:
        @staticmethod
        def screens():
            return [cashier, customer]

        @staticmethod
        def primaryScreen():
            return cashier

    monkeypatch.setattr(customer_display, "QGuiApplication", TwoScreens)
    assert customer_display.pick_screen(cashier) is customer
    assert customer_display.pick_screen(None) is customer
    assert customer_display.pick_screen(customer) is cashier

    class OneScreen(TwoScreens):
        @staticmethod
        def screens():
            return [cashier]

    monkeypatch.setattr(customer_display, "QGuiApplication", OneScreen)
    assert customer_display.pick_screen(cashier) is cashier
