"""The report page: the day's totals as the service computes them, cancel, save to every format."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QPushButton, QTableView

from merchant_desk.sandbox.demo_data import fill_demo_data
from merchant_desk.services.reports.cache import DayCache
from merchant_desk.ui.report.report_page import ReportPage
from merchant_desk.ui.widgets.ops import run_op
from tests.qt_support import run_async
from tests.services.reports.expected import DEMO_NOW_MS, expected_totals
from tests.ui.helpers import click, shown, w


def test_report_of_a_dst_day_adds_up_and_saves(qtbot, ctx, ctx_sandbox, tmp_path):
    fill_demo_data(ctx_sandbox.state, 12, seed=7, now=DEMO_NOW_MS)
    page = ReportPage(ctx, cache=DayCache(tmp_path / "cache.sqlite3"))
    with shown(qtbot, page):
        assert not w(page, QPushButton, "saveReportPdfButton").isEnabled()
        w(page, type(page.day), "reportDay").setDate(QDate(2026, 10, 25))
        w(page, QComboBox, "reportZone").setCurrentText("Europe/London")
        with qtbot.waitSignal(page.reportReady, timeout=20_000):
            click(qtbot, page, "runReportButton")
        assert w(page, QProgressBar, "reportProgress").value() == 1000
        expected = run_async(expected_totals(ctx.client, date(2026, 10, 25), "Europe/London"))
        assert page.report.to_json()["currencies"] == expected
        table = w(page, QTableView, "reportCurrencyTable")
        assert table.model().rowCount() == len(expected)
        assert w(page, QTableView, "reportPaymentsTable").model().rowCount() == len(page.report.payments)
        assert "payments" in w(page, QLabel, "reportStatus").text()

        for fmt in ("json", "csv", "pdf"):
            path = str(tmp_path / f"day.{fmt}")
            with qtbot.waitSignal(page.saved, timeout=20_000):
                run_op(page, page.save_to(path, fmt))
        assert json.loads((tmp_path / "day.json").read_text())["currencies"] == expected
        assert (tmp_path / "day.pdf").read_bytes().startswith(b"%PDF")

        # the same closed day again comes from the cache
        with qtbot.waitSignal(page.reportReady, timeout=20_000):
            click(qtbot, page, "runReportButton")
        assert page.report.from_cache


def test_unknown_zone_is_flagged_next_to_the_field(qtbot, ctx, tmp_path):
    page = ReportPage(ctx, cache=DayCache(tmp_path / "cache.sqlite3"))
    with shown(qtbot, page):
        w(page, QComboBox, "reportZone").setCurrentText("Mars/Olympus")
        click(qtbot, page, "runReportButton")
        error = w(page, QLabel, "reportZoneError")
        assert error.isVisible() and "time zone" in error.text()
        assert page.report is None


def test_cancel_stops_the_run(qtbot, ctx, ctx_sandbox, tmp_path):
    ctx_sandbox.faults.update({"delay_ms": 300})
    page = ReportPage(ctx, cache=DayCache(tmp_path / "cache.sqlite3"))
    with shown(qtbot, page):
        click(qtbot, page, "runReportButton")
        cancel = w(page, QPushButton, "cancelReportButton")
        qtbot.waitUntil(cancel.isEnabled)
        click(qtbot, page, "cancelReportButton")
        qtbot.waitUntil(lambda: w(page, QPushButton, "runReportButton").isEnabled(), timeout=5_000)
        assert page.report is None
        assert w(page, QLabel, "reportStatus").text() == "Canceled."
    ctx_sandbox.faults.clear()


def test_print_sends_the_report_document_to_the_printer(qtbot, ctx, ctx_sandbox, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    fill_demo_data(ctx_sandbox.state, 3, seed=2, now=DEMO_NOW_MS)
    page = ReportPage(ctx, cache=DayCache(tmp_path / "cache.sqlite3"))
    with shown(qtbot, page):
        w(page, type(page.day), "reportDay").setDate(QDate(2026, 11, 1))
        with qtbot.waitSignal(page.reportReady, timeout=20_000):
            click(qtbot, page, "runReportButton")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        page._printer = printer
        page._print(page.report)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
