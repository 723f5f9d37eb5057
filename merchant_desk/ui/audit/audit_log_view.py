"""What this app did on the account (created payments, refunds, webhook changes), from the ledger's audit log."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.ui import words
from merchant_desk.ui.audit.audit_filters import AuditFilters
from merchant_desk.ui.refunds.refunds_model import local_time_text
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.file_dialogs import open_csv_export_dialog
from merchant_desk.ui.widgets.layout_rows import summary_row
from merchant_desk.ui.widgets.ops import cancel_ops, run_op
from merchant_desk.ui.widgets.tables import make_read_only

log = logging.getLogger(__name__)

AUDIT_LIMIT = 1000


def details_text(details: Any) -> str:
    """One line of the details for the table, in words; the full JSON is in the tooltip and the export."""
    return words.audit_details(details)


class AuditLogView(QWidget):
    loaded = Signal(int)  # number of entries shown
    exported = Signal(str, int)  # path, rows

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditLogView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("auditSummary")
        self.refresh_button = button(
            self, "refreshAuditButton", self.tr("Refresh"), self.tr("Refresh the audit log"), self.refresh
        )
        self.export_button = button(
            self, "exportAuditButton", self.tr("Export CSV…"), self.tr("Export the audit log as CSV"), self._choose_export_file
        )
        layout.addLayout(summary_row(self.summary_label, self.refresh_button, self.export_button))
        self.filters = AuditFilters(self)
        self.filters.changed.connect(self.refresh)
        layout.addWidget(self.filters)

        self.model = QStandardItemModel(0, 8, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Object"), self.tr("Details"),
             self.tr("Till"), self.tr("Person"), self.tr("Approved by")]
        )
        self.table = QTableView(self)
        make_read_only(self.table, "auditTable", self.tr("Audit log"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("auditMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self._file_dialog: QFileDialog | None = None

    def refresh(self) -> None:
        run_op(self, self._fetch(), success=self._show_entries, failure=self._on_load_failed)

    async def _fetch(self) -> tuple[list[Any], dict[str, list[str]]]:
        entries = await self.ctx.audit.entries(AUDIT_LIMIT, **self.filters.values())
        return entries, await self.ctx.audit.facets()

    def _on_load_failed(self, exc: BaseException) -> None:
        # A broken ledger file must not take the page down.
        log.warning("reading the audit log failed: %s", exc)
        self._show_message(self.tr("Could not read the audit log: %1").replace("%1", str(exc)))

    def _show_entries(self, loaded: tuple[list[Any], dict[str, list[str]]]) -> None:
        entries, facets = loaded
        self.model.removeRows(0, self.model.rowCount())
        for entry in entries:  # the ledger returns newest first
            when = QStandardItem(local_time_text(entry.ts))
            when.setToolTip(entry.ts.isoformat())
            when.setData(entry, Qt.ItemDataRole.UserRole)
            details = QStandardItem(details_text(entry.details))
            details.setToolTip(json.dumps(entry.details, indent=1, ensure_ascii=False, default=str))
            action = QStandardItem(words.audit_action(entry.action))
            action.setToolTip(entry.action)
            self.model.appendRow(
                [when, QStandardItem(words.account_name(entry.account)), action,
                 QStandardItem(entry.object_id or ""), details, QStandardItem(entry.till or ""),
                 QStandardItem(entry.person or ""), QStandardItem(entry.approver or "")]
            )
        self.filters.set_choices(facets)
        self.summary_label.setText(
            self.tr("%1 entries, newest first").replace("%1", str(len(entries)))
            if entries else self.tr("Nothing recorded yet")
        )
        self._show_message("")
        self.loaded.emit(len(entries))

    def _choose_export_file(self) -> None:
        self._file_dialog = open_csv_export_dialog(
            self, "auditExportDialog", self.tr("Export audit log"), "audit-log.csv", self._export_selected)

    def _export_selected(self, path: str) -> None:
        run_op(self, self.export_to(path))

    async def export_to(self, path: str) -> int:
        try:
            rows = await self.ctx.audit.export_csv(path)
        except (OSError, ValueError) as exc:  # ValueError: the ledger was closed under us
            self._show_message(self.tr("Could not write %1: %2").replace("%1", path).replace("%2", str(exc)))
            return 0
        self._show_message(self.tr("Exported %1 entries to %2").replace("%1", str(rows)).replace("%2", path))
        self.exported.emit(path, rows)
        return rows

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def shutdown(self) -> list[asyncio.Task[object]]:
        return cancel_ops(self)
