"""Asking for a PIN: to sign in at this till, or for a manager's approval of one action.

The PIN is checked (scrypt, on a worker thread) while the dialog stays open; a wrong PIN says how many
tries are left, a locked person says until when.
"""

from __future__ import annotations

import logging

import qasync
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.services.shop.policy import CANCEL_PAYMENT, REFUND, SETTINGS, WEBHOOK_ENDPOINTS
from merchant_desk.services.shop.session import Approval, PinRefused, ShopSession
from merchant_desk.ui.widgets.ops import accepted
from merchant_desk.ui.widgets.text_labels import message_label

log = logging.getLogger(__name__)

SIGN_IN, APPROVE = "sign_in", "approve"


class PinDialog(QDialog):
    """``purpose`` SIGN_IN (anyone of the shop) or APPROVE (managers only, for ``action``)."""

    checked = Signal(bool)  # a PIN was checked: accepted or not

    def __init__(self, shop: ShopSession, purpose: str, *, action: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shop = shop
        self.purpose = purpose
        self.action = action
        self.approval: Approval | None = None
        self._checking = False
        self.setObjectName("pinDialog")
        self.setModal(True)
        layout = QVBoxLayout(self)
        if purpose == SIGN_IN:
            self.setWindowTitle(self.tr("Sign in"))
            intro = self.tr("Sign in at %1 with your name and PIN.").replace("%1", shop.till)
            people = shop.people
        else:
            self.setWindowTitle(self.tr("Manager approval"))
            intro = self.tr("%1 needs a manager's PIN.").replace("%1", self._action_text(action))
            people = shop.managers
        self.intro_label = QLabel(intro, self)
        self.intro_label.setObjectName("pinIntro")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)

        form = QFormLayout()
        self.person_combo = QComboBox(self)
        self.person_combo.setObjectName("pinPersonCombo")
        self.person_combo.setAccessibleName(self.tr("Name"))
        for person in people:
            self.person_combo.addItem(person.name, person.name)
        current = shop.person.name if shop.person is not None and purpose == SIGN_IN else None
        if current is not None:
            self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(current)))
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("pinEdit")
        self.pin_edit.setAccessibleName(self.tr("PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        self.pin_edit.setMaxLength(12)
        form.addRow(self.tr("&Name:") if purpose == SIGN_IN else self.tr("&Manager:"), self.person_combo)
        form.addRow(self.tr("&PIN:"), self.pin_edit)
        layout.addLayout(form)

        self.message_label = message_label(self, "pinMessage")
        layout.addWidget(self.message_label)

        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("Sign in") if purpose == SIGN_IN else self.tr("Approve"), self)
        self.ok_button.setObjectName("pinOkButton")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if purpose == APPROVE:
            self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.cancel_button.setObjectName("pinCancelButton")
            self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._on_ok)
        layout.addWidget(buttons)
        self.pin_edit.setFocus()

    def _action_text(self, action: str | None) -> str:
        texts = {
            REFUND: self.tr("This refund"),
            CANCEL_PAYMENT: self.tr("Cancelling a payment"),
            WEBHOOK_ENDPOINTS: self.tr("Changing webhook endpoints"),
            SETTINGS: self.tr("Changing settings"),
        }
        return texts.get(action or "", self.tr("This action"))

    def reject(self) -> None:
        if self.purpose == SIGN_IN or self._checking:
            return  # the till stays locked until somebody signs in; a check under way finishes first
        super().reject()

    def _show(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def refusal_text(self, refused: PinRefused) -> str:
        if refused.reason == "wrong":
            return self.tr("Wrong PIN. %n tries left before the name is locked.", "", refused.tries_left or 0)
        if refused.reason == "locked":
            until = refused.locked_until
            when = QLocale().toString(until.astimezone().time(), QLocale.FormatType.ShortFormat) if until else ""
            return self.tr("Too many wrong PINs: locked until %1. A manager can set a new PIN.").replace("%1", when)
        if refused.reason == "not_manager":
            return self.tr("Only a manager can approve this.")
        return self.tr("Nobody of that name works at this shop.")

    @qasync.asyncSlot()
    async def _on_ok(self) -> None:
        if self._checking:
            return
        name = self.person_combo.currentData()
        pin = self.pin_edit.text()
        if not name or not pin:
            self._show(self.tr("Choose a name and type the PIN."))
            return
        self._checking = True
        self.ok_button.setEnabled(False)
        self._show(self.tr("Checking…"))
        try:
            if self.purpose == SIGN_IN:
                await self.shop.sign_in(name, pin)
            else:
                self.approval = await self.shop.approve(name, pin, self.action or "")
        except PinRefused as refused:
            self.pin_edit.clear()
            self._show(self.refusal_text(refused))
            self._checked(False)
            return
        except Exception as exc:  # the shared ledger may be unreachable
            log.warning("checking a PIN failed: %s", exc)
            self._show(self.tr("The PIN could not be checked: %1").replace("%1", str(exc)))
            self._checked(False)
            return
        self.pin_edit.clear()
        self._checked(True)
        self.accept()

    def _checked(self, ok: bool) -> None:
        self._checking = False
        self.ok_button.setEnabled(True)
        self.checked.emit(ok)


async def ask_manager_approval(parent: QWidget | None, shop: ShopSession, action: str) -> Approval | None:
    """Show the manager-PIN prompt; the approval, or None when it was cancelled."""
    dialog = PinDialog(shop, APPROVE, action=action, parent=parent)
    try:
        ok = await accepted(dialog)
    finally:
        dialog.deleteLater()
    return dialog.approval if ok else None

