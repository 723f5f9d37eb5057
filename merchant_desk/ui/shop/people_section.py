"""Settings → People and approvals: who works at the shop (name, role, PIN) and which actions need a
manager. Shared by every till on the ledger. Once the shop has people, changing them takes a manager."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import money
from merchant_desk.services.shop import pins
from merchant_desk.services.shop.installation import default_till_name
from merchant_desk.services.shop.policy import (
    REFUNDS_ABOVE,
    REFUNDS_ALWAYS,
    REFUNDS_NEVER,
    SETTINGS,
    ManagerPolicy,
)
from merchant_desk.services.shop.session import CASHIER, MANAGER, ShopSession, approved, name_problem
from merchant_desk.ui.shop.pin_dialog import ask_manager_approval
from merchant_desk.ui.widgets.buttons import op_button
from merchant_desk.ui.widgets.field_errors import error_label, install_invalid_style, set_field_error
from merchant_desk.ui.widgets.layout_rows import add_field_rows, buttons_row
from merchant_desk.ui.widgets.ops import cancel_ops, run_op

log = logging.getLogger(__name__)


class PeopleSection(QGroupBox):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("People and approvals"))
        self.setObjectName("peopleSection")
        self.ctx = ctx
        self.shop: ShopSession = ctx.shop or ShopSession(ctx.ledger, ctx.ledger.till or default_till_name())
        install_invalid_style(self)
        layout = QHBoxLayout(self)

        people = QVBoxLayout()
        self.people_list = QListWidget(self)
        self.people_list.setObjectName("peopleList")
        self.people_list.setAccessibleName(self.tr("People"))
        self.people_list.currentItemChanged.connect(self._on_selected)
        people.addWidget(self.people_list, 1)
        form = QFormLayout()
        self.person_name = QLineEdit(self)
        self.person_name.setObjectName("personName")
        self.person_name.setAccessibleName(self.tr("Name"))
        self.person_role = QComboBox(self)
        self.person_role.setObjectName("personRole")
        self.person_role.setAccessibleName(self.tr("Role"))
        self.person_role.addItem(self.tr("Cashier"), CASHIER)
        self.person_role.addItem(self.tr("Manager"), MANAGER)
        self.person_pin = QLineEdit(self)
        self.person_pin.setObjectName("personPin")
        self.person_pin.setAccessibleName(self.tr("PIN"))
        self.person_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.person_pin.setPlaceholderText(self.tr("4 to 12 digits; empty keeps the PIN"))
        self.name_error = error_label(self, "personNameError")
        self.pin_error = error_label(self, "personPinError")
        add_field_rows(form, ((self.tr("Name:"), self.person_name, self.name_error),
                              (self.tr("Role:"), self.person_role, None),
                              (self.tr("PIN:"), self.person_pin, self.pin_error)))
        people.addLayout(form)
        self.save_person_button = op_button(self, "savePersonButton", self.tr("Save person"), self._save_person)
        self.remove_person_button = op_button(self, "removePersonButton", self.tr("Remove"), self._remove_person)
        people.addLayout(buttons_row(self.save_person_button, self.remove_person_button))
        layout.addLayout(people, 1)

        policy = QFormLayout()
        self.refund_rule = QComboBox(self)
        self.refund_rule.setObjectName("refundRuleCombo")
        self.refund_rule.setAccessibleName(self.tr("Refunds need a manager"))
        self.refund_rule.addItem(self.tr("Never"), REFUNDS_NEVER)
        self.refund_rule.addItem(self.tr("Always"), REFUNDS_ALWAYS)
        self.refund_rule.addItem(self.tr("Above an amount"), REFUNDS_ABOVE)
        self.threshold_amount = QLineEdit(self)
        self.threshold_amount.setObjectName("refundThreshold")
        self.threshold_amount.setAccessibleName(self.tr("Refund amount above which a manager is needed"))
        self.threshold_currency = QComboBox(self)
        self.threshold_currency.setObjectName("refundThresholdCurrency")
        self.threshold_currency.setAccessibleName(self.tr("Currency of that amount"))
        for code in money.ALIPAYPLUS_CURRENCIES:
            self.threshold_currency.addItem(code, code)
        self.threshold_error = error_label(self, "refundThresholdError")
        threshold = QHBoxLayout()
        threshold.addWidget(self.threshold_amount, 1)
        threshold.addWidget(self.threshold_currency)
        cell = QVBoxLayout()
        cell.addLayout(threshold)
        cell.addWidget(self.threshold_error)
        self.cancel_check = self._check("approveCancelCheck", self.tr("Cancelling a payment needs a manager"))
        self.webhooks_check = self._check("approveWebhooksCheck", self.tr("Changing webhook endpoints needs a manager"))
        self.settings_check = self._check("approveSettingsCheck", self.tr("Changing settings needs a manager"))
        self.lock_after = self._spin("lockAfterTries", self.tr("Wrong PINs before a name is locked"), 1, 20)
        self.idle_minutes = self._spin("idleLockMinutes", self.tr("Lock the till after idle minutes (0: never)"), 0, 240)
        policy.addRow(self.tr("Refunds need a manager:"), self.refund_rule)
        policy.addRow(self.tr("Above:"), cell)
        policy.addRow(self.cancel_check)
        policy.addRow(self.webhooks_check)
        policy.addRow(self.settings_check)
        policy.addRow(self.tr("Wrong PINs before locking:"), self.lock_after)
        policy.addRow(self.tr("Lock after idle minutes:"), self.idle_minutes)
        self.save_policy_button = op_button(self, "savePolicyButton", self.tr("Save approvals"), self._save_policy)
        policy.addRow(self.save_policy_button)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("peopleMessage")
        self.message_label.setWordWrap(True)
        policy.addRow(self.message_label)
        layout.addLayout(policy, 1)
        self.refund_rule.currentIndexChanged.connect(lambda _i: self._sync_threshold())
        self._sync_threshold()
        run_op(self, self.reload())

    def _check(self, name: str, text: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        check.setAccessibleName(text)
        return check

    def _spin(self, name: str, accessible: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(low, high)
        return spin

    def _sync_threshold(self) -> None:
        above = self.refund_rule.currentData() == REFUNDS_ABOVE
        self.threshold_amount.setEnabled(above)
        self.threshold_currency.setEnabled(above)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    # ---- reading -----------------------------------------------------------------------------------
    async def reload(self) -> None:
        try:
            await self.shop.load()
        except Exception as exc:  # the shared ledger may be unreachable
            log.warning("loading the shop's people failed: %s", exc)
            self._say(self.tr("Could not read the shop's people: %1").replace("%1", str(exc)))
            return
        self.people_list.clear()
        for person in self.shop.people:
            role = self.tr("Manager") if person.is_manager else self.tr("Cashier")
            item = QListWidgetItem(f"{person.name} — {role}")
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.people_list.addItem(item)
        policy = self.shop.policy
        self.refund_rule.setCurrentIndex(max(0, self.refund_rule.findData(policy.refunds)))
        if policy.refund_above:
            code, minor = next(iter(sorted(policy.refund_above.items())))
            self.threshold_currency.setCurrentIndex(max(0, self.threshold_currency.findData(code)))
            self.threshold_amount.setText(money.major_text(minor, code))
        self.cancel_check.setChecked(policy.cancel_payment)
        self.webhooks_check.setChecked(policy.webhook_endpoints)
        self.settings_check.setChecked(policy.settings)
        self.lock_after.setValue(policy.lock_after_tries)
        self.idle_minutes.setValue(policy.idle_lock_minutes)

    def _on_selected(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        person = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.person_name.setText(person.name if person else "")
        self.person_role.setCurrentIndex(max(0, self.person_role.findData(person.role if person else CASHIER)))
        self.person_pin.clear()

    # ---- changing ----------------------------------------------------------------------------------
    async def _manager_ok(self) -> Any:
        """Changing the shop's people or approvals takes a manager once it has people; returns the
        approval (None when none was needed) or False when it was refused."""
        shop = self.shop
        if not shop.shop_mode or (shop.person is not None and shop.person.is_manager):
            return None
        approval = await ask_manager_approval(self, shop, SETTINGS)
        if approval is None:
            self._say(self.tr("Not saved: a manager's approval is needed."))
            return False
        return approval

    async def _save_person(self) -> None:
        name = self.person_name.text().strip()
        pin = self.person_pin.text()
        existing = any(p.name == name for p in self.shop.people)
        name_issue = name_problem(name)
        set_field_error(self.person_name, self.name_error, {
            "empty": self.tr("Type a name."), "length": self.tr("The name is too long."),
        }.get(name_issue or "", ""))
        pin_issue = pins.pin_problem(pin) if (pin or not existing) else None
        set_field_error(self.person_pin, self.pin_error, {
            "digits": self.tr("A PIN is 4 to 12 digits."), "length": self.tr("A PIN is 4 to 12 digits."),
        }.get(pin_issue or "", ""))
        if name_issue or pin_issue:
            return
        role = self.person_role.currentData()
        if not self.shop.shop_mode and role != MANAGER:
            self._say(self.tr("The first person of a shop is its manager: choose Manager."))
            return
        approval = await self._manager_ok()
        if approval is False:
            return
        with approved(approval):
            await self.shop.save_person(name, role, pin or None)
            await asyncio.to_thread(self.shop.ledger.audit, "shop.person_saved", None, {"name": name, "role": role},
                                    account=self.ctx.name)
        self.person_pin.clear()
        self._say(self.tr("Saved %1.").replace("%1", name))
        await self.reload()

    async def _remove_person(self) -> None:
        item = self.people_list.currentItem()
        if item is None:
            return
        person = item.data(Qt.ItemDataRole.UserRole)
        others = [p for p in self.shop.people if p.name != person.name]
        if others and not any(p.is_manager for p in others):
            self._say(self.tr("A shop with people needs a manager: make someone else a manager first."))
            return
        approval = await self._manager_ok()
        if approval is False:
            return
        with approved(approval):
            await self.shop.remove_person(person.name)
            await asyncio.to_thread(self.shop.ledger.audit, "shop.person_removed", None, {"name": person.name},
                                    account=self.ctx.name)
        self._say(self.tr("Removed %1.").replace("%1", person.name))
        await self.reload()

    async def _save_policy(self) -> None:
        rule = self.refund_rule.currentData()
        above: dict[str, int] = {}
        if rule == REFUNDS_ABOVE:
            code = self.threshold_currency.currentData()
            try:
                above[code] = money.to_minor(self.threshold_amount.text(), code)
            except ValueError:
                set_field_error(self.threshold_amount, self.threshold_error, self.tr("Type an amount, like 100.00"))
                return
        set_field_error(self.threshold_amount, self.threshold_error, "")
        policy = ManagerPolicy(refunds=rule, refund_above=above, cancel_payment=self.cancel_check.isChecked(),
                               webhook_endpoints=self.webhooks_check.isChecked(),
                               settings=self.settings_check.isChecked(), lock_after_tries=self.lock_after.value(),
                               lockout_minutes=self.shop.policy.lockout_minutes,
                               idle_lock_minutes=self.idle_minutes.value())
        approval = await self._manager_ok()
        if approval is False:
            return
        with approved(approval):
            await self.shop.save_policy(policy)
            await asyncio.to_thread(self.shop.ledger.audit, "shop.policy_saved", None, policy.to_dict(),
                                    account=self.ctx.name)
        self._say(self.tr("Approvals saved."))

    def shutdown(self) -> None:
        cancel_ops(self)
