"""Settings → Shared ledger: this till's name, and the PostgreSQL ledger the shop's tills share.

The URL is kept without a password; the password goes to the keyring. Test connects and says in plain
words what is wrong (no server, wrong password, no permission, wrong schema version) without changing
anything; the new ledger is used from the next start.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.keystore import KeyringUnavailableError, KeyStore
from merchant_desk.services.shop import installation as inst
from merchant_desk.services.shop.policy import SETTINGS
from merchant_desk.ui.shop.approvals import approval_if_needed
from merchant_desk.ui.widgets.buttons import op_button
from merchant_desk.ui.widgets.field_errors import (
    ERROR_TEXT_STYLE,
    error_label,
    install_invalid_style,
    set_field_error,
)
from merchant_desk.ui.widgets.layout_rows import add_field_rows, buttons_row
from merchant_desk.ui.widgets.ops import cancel_ops, run_op
from merchant_desk.ui.widgets.text_labels import paragraph_label

log = logging.getLogger(__name__)


class SharedLedgerSection(QGroupBox):
    loaded = Signal()  # the stored till name and address are in the fields

    def __init__(self, keystore: KeyStore, parent: QWidget | None = None, *,
                 store: inst.InstallationStore | None = None, ctx: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx  # for the shop's policy: changing settings may need a manager
        self.setTitle(self.tr("Shared ledger"))
        self.setObjectName("sharedLedgerSection")
        self.keystore = keystore
        self.store = store if store is not None else inst.InstallationStore()
        self.test_timeout = 5.0
        install_invalid_style(self)
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph_label(self.tr(
            "Tills of one shop can share one PostgreSQL ledger: one audit log, and a payment is never refunded by "
            "two tills at once. Leave the address empty to keep this computer's own ledger."), self))
        form = QFormLayout()
        self.till_name = self._field("tillNameEdit", self.tr("Till name"))
        self.till_name.setMaxLength(inst.TILL_NAME_MAX)
        self.ledger_url = self._field("sharedLedgerUrl", self.tr("Shared ledger address"))
        self.ledger_url.setPlaceholderText(self.tr("postgresql://user@server/database"))
        self.ledger_password = self._field("sharedLedgerPassword", self.tr("Shared ledger password"))
        self.ledger_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ledger_password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.url_error = error_label(self, "sharedLedgerUrlError")
        self.till_error = error_label(self, "tillNameEditError")
        add_field_rows(form, ((self.tr("Till name:"), self.till_name, self.till_error),
                              (self.tr("Address:"), self.ledger_url, self.url_error),
                              (self.tr("Password:"), self.ledger_password, None)))
        layout.addLayout(form)
        self.test_button = op_button(self, "testSharedLedgerButton", self.tr("Test"), self._on_test)
        self.save_button = op_button(self, "saveSharedLedgerButton", self.tr("Save"), self._on_save)
        layout.addLayout(buttons_row(self.test_button, self.save_button))
        self.result_label = QLabel(self)
        self.result_label.setObjectName("sharedLedgerResult")
        self.result_label.setWordWrap(True)
        self.result_label.setProperty("outcome", "")
        layout.addWidget(self.result_label)
        self.ledger_url.textChanged.connect(lambda _text: set_field_error(self.ledger_url, self.url_error, ""))
        run_op(self, self.reload())

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        return field

    async def reload(self) -> None:
        current = await asyncio.to_thread(self.store.load)
        self.till_name.setText(current.till)
        self.ledger_url.setText(current.ledger_url or "")
        self.loaded.emit()

    def _url_problem(self, url: str) -> str | None:
        problem = inst.ledger_url_problem(url)
        if problem == "scheme":
            return self.tr("Type an address that starts with postgresql://")
        if problem == "password":
            return self.tr("Leave the password out of the address: type it in the Password field, it is kept "
                           "in the keyring.")
        return None

    def _say(self, outcome: str, text: str) -> None:
        self.result_label.setProperty("outcome", outcome)
        good = outcome in ("ok", "saved", "checking")
        self.result_label.setStyleSheet("" if good else ERROR_TEXT_STYLE)
        self.result_label.setText(text)

    def outcome_text(self, check: inst.LedgerCheck) -> str:
        if check.outcome == inst.OK:
            if check.schema_version == 0:
                return self.tr("Connected. The database is empty: the ledger is set up there at the next start.")
            return self.tr("Connected. The shared ledger is ready.")
        texts = {
            inst.NO_SERVER: self.tr("No database server answers at that address. Check the server name and "
                                    "that the server is running."),
            inst.WRONG_PASSWORD: self.tr("The server refused the user name or password."),
            inst.NO_DATABASE: self.tr("The server has no database of that name."),
            inst.NO_PERMISSION: self.tr("This user has no permission to use the ledger's tables. Ask the "
                                        "database's owner to grant them."),
            inst.SCHEMA_TOO_NEW: self.tr("This ledger was set up by a newer Merchant Desk (wrong schema "
                                         "version). Update Merchant Desk on this till first."),
        }
        return texts.get(check.outcome, self.tr("The shared ledger cannot be used: %1").replace("%1", check.detail))

    async def _on_test(self) -> None:
        url = self.ledger_url.text().strip()
        problem = self._url_problem(url)
        set_field_error(self.ledger_url, self.url_error, problem or "")
        if problem:
            return
        self.test_button.setEnabled(False)
        self._say("checking", self.tr("Connecting…"))
        try:
            password = self.ledger_password.text() or await self._stored_password(url)
            check = await inst.check_ledger(url, password or None, timeout=self.test_timeout)
        finally:
            self.test_button.setEnabled(True)
        if check.detail:
            log.info("shared ledger test: %s", check.detail)
        self.result_label.setToolTip(check.detail)
        self._say(check.outcome, self.outcome_text(check))

    async def _stored_password(self, url: str) -> str | None:
        try:
            return await inst.ledger_password(self.keystore, url)
        except KeyringUnavailableError:
            return None

    async def _on_save(self) -> None:
        url = self.ledger_url.text().strip()
        till = self.till_name.text().strip()
        set_field_error(self.till_name, self.till_error, "" if till else self.tr("Give this till a name."))
        problem = self._url_problem(url) if url else None
        set_field_error(self.ledger_url, self.url_error, problem or "")
        if problem or not till:
            return
        allowed, _approval = await approval_if_needed(self, self.ctx, SETTINGS)
        if not allowed:
            self._say("error", self.tr("Not saved: a manager's approval is needed."))
            return
        password = self.ledger_password.text()
        if url and password:
            try:
                await inst.store_ledger_password(self.keystore, url, password)
            except KeyringUnavailableError as exc:
                self._say("error", self.tr("The password could not be stored: %1").replace("%1", exc.message))
                return
        await asyncio.to_thread(self.store.save, inst.Installation(till, url or None))
        self.ledger_password.clear()
        self._say("saved", self.tr("Saved. Merchant Desk uses this from its next start."))

    def shutdown(self) -> None:
        cancel_ops(self)


