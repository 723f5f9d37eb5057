"""The ledger cannot be opened at start-up: say what happened in plain words and let the person choose.

The ledger holds the record of every request the app sent, so the app never silently starts a new one:
it offers to try again (the file was locked by another program, the folder was made writable), to move a
damaged file aside (kept, renamed, beside the new one) and start a new ledger, or to quit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from merchant_desk.services.ledger_file import (
    CORRUPT,
    LOCKED,
    NEWER,
    READ_ONLY,
    classify,
    move_aside,
    opening_errors,
)

log = logging.getLogger(__name__)

RETRY, MOVE_ASIDE, QUIT = "retry", "move_aside", "quit"


class LedgerProblemDialog(QDialog):
    """``choice`` is RETRY, MOVE_ASIDE or QUIT once the dialog is finished (closing it means QUIT)."""

    def __init__(self, kind: str, path: Path, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.path = path
        self.choice = QUIT
        self.setObjectName("ledgerProblemDialog")
        self.setWindowTitle(self.tr("Merchant Desk cannot open its ledger"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.message_label = QLabel(self._message(kind, path), self)
        self.message_label.setObjectName("ledgerProblemMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        self.detail_label = QLabel(self.tr("Details: %1").replace("%1", detail), self)
        self.detail_label.setObjectName("ledgerProblemDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.quit_button.setObjectName("ledgerQuitButton")
        self.quit_button.clicked.connect(lambda: self._choose(QUIT))
        self.move_aside_button = QPushButton(self.tr("Move the damaged file aside and start a new ledger"), self)
        self.move_aside_button.setObjectName("ledgerMoveAsideButton")
        self.move_aside_button.setToolTip(
            self.tr("The damaged file is kept, renamed, in the same folder: %1").replace("%1", str(path.parent))
        )
        self.move_aside_button.clicked.connect(lambda: self._choose(MOVE_ASIDE))
        self.move_aside_button.setVisible(kind == CORRUPT)
        self.retry_button = QPushButton(self.tr("Try again"), self)
        self.retry_button.setObjectName("ledgerRetryButton")
        self.retry_button.setDefault(True)
        self.retry_button.clicked.connect(lambda: self._choose(RETRY))
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.move_aside_button)
        buttons.addWidget(self.retry_button)
        layout.addLayout(buttons)

    def _message(self, kind: str, path: Path) -> str:
        if kind == CORRUPT:
            return self.tr(
                "The ledger file %1 is damaged and cannot be read. It holds the record of every request this app "
                "sent, so the app does not replace it on its own. You can move it aside (it is kept, renamed) and "
                "start a new, empty ledger, or quit and restore it from a backup."
            ).replace("%1", str(path))
        if kind == LOCKED:
            return self.tr(
                "The ledger %1 is in use by another program, probably another Merchant Desk. Close that one, then "
                "try again."
            ).replace("%1", str(path))
        if kind == READ_ONLY:
            return self.tr(
                "The ledger cannot be written: the folder %1 is read-only, or this user may not write there. Make "
                "it writable, then try again."
            ).replace("%1", str(path.parent))
        if kind == NEWER:
            return self.tr(
                "The ledger %1 was written by a newer version of Merchant Desk. Install that version, then try "
                "again."
            ).replace("%1", str(path))
        return self.tr("The ledger %1 could not be opened.").replace("%1", str(path))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != QUIT else self.reject()


async def ask(kind: str, path: Path, detail: str) -> str:
    """Show the dialog (not blocking the loop) and return the person's choice."""
    dialog = LedgerProblemDialog(kind, path, detail)
    done: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def finished(_result: int) -> None:
        if not done.done():
            done.set_result(dialog.choice)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await done
    finally:
        dialog.deleteLater()


async def open_ledger_or_ask(path: Path, opener: Callable[[Path], Any]) -> Any | None:
    """``opener(path)`` on a worker thread until it works; each failure asks the person. None: they quit."""
    path = Path(path)
    while True:
        try:
            return await asyncio.to_thread(opener, path)
        except opening_errors() as exc:
            kind = classify(exc)
            log.warning("The ledger %s cannot be opened (%s): %s", path, kind, exc)
            choice = await ask(kind, path, str(exc) or type(exc).__name__)
        if choice == QUIT:
            return None
        if choice == MOVE_ASIDE:
            try:
                kept = await asyncio.to_thread(move_aside, path)
            except OSError as exc:
                log.warning("Moving the damaged ledger aside failed: %s", exc)
                continue
            log.warning("The damaged ledger was moved aside to %s; a new one is started", kept)
