"""The printable end-of-day report as a QTextDocument (HTML tables): the same document is saved as PDF with
QPdfWriter and sent to a printer, so what is printed is what is saved."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from merchant_desk.services.reports.aggregate import DayReport

from .labels import amount_text, outcome_label, rate_text, reason_label, wallet_label

_CSS = """
body { font-family: sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 2pt 0; }
h2 { font-size: 11pt; margin: 12pt 0 4pt 0; }
p.meta { color: #444; margin: 0 0 6pt 0; }
table { border-collapse: collapse; }
th { background: #e8ebf0; text-align: left; border-bottom: 1px solid #888; }
td { border-bottom: 1px solid #ddd; }
td.num, th.num { text-align: right; }
tr.total td { font-weight: bold; }
"""




def _table(headers: list[tuple[str, bool]], rows: list[list[str]]) -> str:
    head = "".join(f'<th class="{"num" if num else ""}">{escape(h)}</th>' for h, num in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="{"num" if headers[i][1] else ""}">{escape(cell)}</td>' for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f'<table width="100%" cellspacing="0" cellpadding="4">{"".join([f"<tr>{head}</tr>", *body])}</table>'


def _time(ms: int, report: DayReport) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone(report.zone).strftime("%H:%M:%S")


def report_html(report: DayReport, account: str = "") -> str:
    parts = [f"<html><head><style>{_CSS}</style></head><body>"]
    title = QCoreApplication.translate("ReportDocument", "End-of-day report %1").replace("%1", report.day.isoformat())
    parts.append(f"<h1>{escape(title)}</h1>")
    meta = QCoreApplication.translate("ReportDocument", "Time zone %1 · %2 payments · made %3").replace("%1", report.tz) \
        .replace("%2", str(len(report.payments))) \
        .replace("%3", datetime.fromtimestamp(report.computed_at_ms / 1000, UTC).astimezone(report.zone)
                 .strftime("%Y-%m-%d %H:%M"))
    if account:
        meta = escape(account) + " · " + escape(meta)
    else:
        meta = escape(meta)
    parts.append(f'<p class="meta">{meta}</p>')

    parts.append("<h2>" + escape(QCoreApplication.translate("ReportDocument", "Totals per currency")) + "</h2>")
    rows = [
        [code, amount_text(t.gross, code), amount_text(t.refunded, code), amount_text(t.net, code),
         str(t.payments), str(t.succeeded), rate_text(t.succeeded, t.payments)]
        for code, t in sorted(report.currencies.items())
    ]
    if rows:
        parts.append(_table(
            [(QCoreApplication.translate("ReportDocument", "Currency"), False), (QCoreApplication.translate("ReportDocument", "Gross"), True), (QCoreApplication.translate("ReportDocument", "Refunded"), True), (QCoreApplication.translate("ReportDocument", "Net"), True),
             (QCoreApplication.translate("ReportDocument", "Payments"), True), (QCoreApplication.translate("ReportDocument", "Paid"), True), (QCoreApplication.translate("ReportDocument", "Success rate"), True)], rows))
    else:
        parts.append("<p>" + escape(QCoreApplication.translate("ReportDocument", "No payments and no refunds on this day.")) + "</p>")

    wallet_rows = [
        [wallet_label(wallet), code, amount_text(t.gross, code), str(t.payments), str(t.succeeded)]
        for wallet, per in sorted(report.wallets.items()) for code, t in sorted(per.items())
    ]
    if wallet_rows:
        parts.append("<h2>" + escape(QCoreApplication.translate("ReportDocument", "Per wallet")) + "</h2>")
        parts.append(_table([(QCoreApplication.translate("ReportDocument", "Wallet"), False), (QCoreApplication.translate("ReportDocument", "Currency"), False), (QCoreApplication.translate("ReportDocument", "Gross"), True),
                             (QCoreApplication.translate("ReportDocument", "Payments"), True), (QCoreApplication.translate("ReportDocument", "Paid"), True)], wallet_rows))

    status_rows = [
        [outcome_label(outcome), code, str(c.count), amount_text(c.amount, code)]
        for outcome, per in sorted(report.statuses.items()) for code, c in sorted(per.items())
    ]
    if status_rows:
        parts.append("<h2>" + escape(QCoreApplication.translate("ReportDocument", "Per status")) + "</h2>")
        parts.append(_table([(QCoreApplication.translate("ReportDocument", "Status"), False), (QCoreApplication.translate("ReportDocument", "Currency"), False), (QCoreApplication.translate("ReportDocument", "Payments"), True),
                             (QCoreApplication.translate("ReportDocument", "Amount"), True)], status_rows))

    if report.refunds:
        parts.append("<h2>" + escape(QCoreApplication.translate("ReportDocument", "Refunds made this day")) + "</h2>")
        parts.append(_table(
            [(QCoreApplication.translate("ReportDocument", "Time"), False), (QCoreApplication.translate("ReportDocument", "Refund"), False), (QCoreApplication.translate("ReportDocument", "Payment"), False), (QCoreApplication.translate("ReportDocument", "Reason"), False),
             (QCoreApplication.translate("ReportDocument", "Amount"), True)],
            [[_time(r.created, report), r.id, r.payment_intent, reason_label(r.reason), amount_text(r.amount, r.currency)]
             for r in sorted(report.refunds, key=lambda r: r.created)]))

    if report.payments:
        parts.append("<h2>" + escape(QCoreApplication.translate("ReportDocument", "Payments")) + "</h2>")
        parts.append(_table(
            [(QCoreApplication.translate("ReportDocument", "Time"), False), (QCoreApplication.translate("ReportDocument", "Amount"), True), (QCoreApplication.translate("ReportDocument", "Wallet"), False), (QCoreApplication.translate("ReportDocument", "Order"), False),
             (QCoreApplication.translate("ReportDocument", "Status"), False)],
            [[_time(p.created, report), amount_text(p.amount, p.currency), wallet_label(p.wallet),
              p.merchant_order_id, outcome_label(p.outcome)]
             for p in sorted(report.payments, key=lambda p: p.created)]))
    parts.append("</body></html>")
    return "".join(parts)


def report_document(report: DayReport, account: str = "") -> QTextDocument:
    document = QTextDocument()
    document.setHtml(report_html(report, account))
    return document


def write_pdf(report: DayReport, path: str, account: str = "") -> None:
    """A4 PDF drawn by Qt itself (no browser). Needs a QGuiApplication."""
    writer = QPdfWriter(path)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("ReportDocument", "End-of-day report %1").replace("%1", report.day.isoformat()))
    writer.setCreator("Merchant Desk")
    document = report_document(report, account)
    print_document(document, writer)


def print_document(document: QTextDocument, device: QPagedPaintDevice) -> None:
    # No page size on the document: print_() then lays it out for the device's page and resolution.
    document.print_(device)


def write_pdf_without_window(report: DayReport, path: str, account: str = "") -> None:
    """``write_pdf`` from a command without a window: fonts need an application object, made here if the
    process has none (a QGuiApplication: no widgets, no display with the offscreen platform)."""
    import sys

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841  (kept while writing)
    write_pdf(report, path, account)
