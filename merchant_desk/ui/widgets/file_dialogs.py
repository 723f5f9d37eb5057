"""The save dialog of a CSV export, the same for every list that exports one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def open_csv_export_dialog(parent: QWidget, name: str, title: str, file_name: str,
                           on_selected: Callable[[str], object]) -> QFileDialog:
    """Open a save dialog for a CSV file (suggesting ``file_name``) that calls ``on_selected(path)`` and
    deletes itself once closed. Qt's own dialog, not the desktop's, so that it looks and behaves the same
    everywhere and can be driven by name (``name``)."""
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("CsvExportDialog", "CSV files (*.csv)"))
    dialog.setDefaultSuffix("csv")
    dialog.selectFile(file_name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.fileSelected.connect(on_selected)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
