"""Settings: the merchant's accounts (profiles) and their keys, and the sandbox's network setting.

Secret keys go to the OS keyring through ``KeyStore`` and nowhere else: the key field is cleared once the
key is stored, the list shows only masked keys, and without a usable keyring the page explains what is
missing and refuses to save (the sandbox keeps working).
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.keystore import KeyStore
from merchant_desk.profiles import Profile, ProfileStore
from merchant_desk.services import api_probe
from merchant_desk.services.accounts import AccountRefused, AccountStore, try_key
from merchant_desk.services.shop.policy import SETTINGS
from merchant_desk.ui.app_settings import app_settings
from merchant_desk.ui.frame import connection
from merchant_desk.ui.frame.page import Page
from merchant_desk.ui.settings.account_list import SANDBOX_ITEM, AccountList
from merchant_desk.ui.settings.language_choice import LanguageChoice
from merchant_desk.ui.settings.profile_editor import ProfileEditor
from merchant_desk.ui.settings.sandbox_network import SandboxNetworkBox
from merchant_desk.ui.shop.approvals import approval_if_needed
from merchant_desk.ui.shop.people_section import PeopleSection
from merchant_desk.ui.shop.shared_ledger_section import SharedLedgerSection
from merchant_desk.ui.widgets.field_errors import (
    install_invalid_style,
)
from merchant_desk.ui.widgets.ops import run_op
from merchant_desk.wooshpay import keys as wp_keys

log = logging.getLogger(__name__)


class SettingsPage(Page):
    switchRequested = Signal(str)  # profile name
    sandboxRequested = Signal()
    profilesChanged = Signal()

    def __init__(
        self,
        ctx,
        parent: QWidget | None = None,
        *,
        profiles: ProfileStore | None = None,
        keystore: KeyStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profiles = profiles if profiles is not None else ProfileStore()
        self.keystore = keystore if keystore is not None else KeyStore()
        self.accounts = AccountStore(self.profiles, self.keystore)
        self._confirm_box: QMessageBox | None = None
        self.last_probe: api_probe.ProbeReport | None = None  # what the last Test connection's checks found
        self.test_timeout = 10.0  # seconds "Test connection" waits for the server
        self._keyring_checked = False
        self.setObjectName("settingsPage")
        install_invalid_style(self)
        self._build()
        run_op(self, self.reload())
        self.load_when_shown()

    def refresh(self) -> None:
        """Ask the keyring whether it works (first when the page is shown: a keyring call is not made for a
        page nobody looks at) and reload the accounts (F5)."""
        if self._keyring_checked:
            run_op(self, self.reload())
        self._keyring_checked = True
        run_op(self, self.keystore.status(), success=lambda status: status.ok or self._show_keyring_problem(
            status.message))

    # ---- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.active_label = QLabel(self)
        self.active_label.setObjectName("activeAccountLabel")
        outer.addWidget(self.active_label)

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        self.accounts_box = AccountList(self)
        self.profile_list = self.accounts_box.profile_list
        self.switch_profile_button = self.accounts_box.switch_profile_button
        self.remove_profile_button = self.accounts_box.remove_profile_button
        self.profile_list.currentItemChanged.connect(self._on_selected)
        self.profile_list.itemDoubleClicked.connect(lambda _item: self._switch_selected())
        self.accounts_box.add_profile_button.clicked.connect(lambda _c=False: self._new_profile())
        self.switch_profile_button.clicked.connect(lambda _c=False: self._switch_selected())
        self.remove_profile_button.clicked.connect(lambda _c=False: self._ask_remove())
        columns.addWidget(self.accounts_box, 2)

        self.editor = ProfileEditor(self)
        self.editor.saveRequested.connect(self._on_save)
        self.editor.testRequested.connect(self._on_test)
        self.editor_box = self.editor
        e = self.editor
        # The editor's parts, by the names tests and the window know.
        self.profile_name, self.secret_key, self.publishable_key, self.base_url = (
            e.profile_name, e.secret_key, e.publishable_key, e.base_url)
        self.save_profile_button, self.test_connection_button = e.save_profile_button, e.test_connection_button
        self.connection_result, self.api_checks, self.keyring_message, self.status_message = (
            e.connection_result, e.api_checks, e.keyring_message, e.status_message)
        self.validate, self._set_error, self._clear_errors = e.validate, e._set_error, e._clear_errors
        self._show_keyring_problem = e.show_keyring_problem
        columns.addWidget(self.editor, 3)

        self.sandbox_box = SandboxNetworkBox(self)
        self.sandbox_lan_check = self.sandbox_box.sandbox_lan_check
        outer.addWidget(self.sandbox_box)
        self.language_box = LanguageChoice(app_settings(), self)
        outer.addWidget(self.language_box)
        shop_row = QHBoxLayout()  # shop mode: the shared ledger, and the shop's people and approvals
        self.shared_ledger_section = SharedLedgerSection(self.keystore, self, ctx=self.ctx)
        self.people_section = PeopleSection(self.ctx, self)
        shop_row.addWidget(self.shared_ledger_section, 2)
        shop_row.addWidget(self.people_section, 3)
        outer.addLayout(shop_row)
        self._new_profile()

    # ---- list ---------------------------------------------------------------------------------------
    async def reload(self) -> None:
        self.accounts_box.show_profiles(await self.accounts.list(), self.ctx)
        self._update_active_label()

    def _update_active_label(self) -> None:
        if self.ctx is None:
            self.active_label.setText("")
        elif self.ctx.is_sandbox:
            self.active_label.setText(self.tr("Working in the built-in sandbox: nothing here is real money."))
        else:
            self.active_label.setText(self.tr("Working with account “%1”.").replace("%1", self.ctx.name))

    def _selected_name(self) -> str | None:
        return self.accounts_box.selected_name()

    def select_profile(self, name: str) -> bool:
        return self.accounts_box.select(name)

    def _on_selected(self, current: QListWidgetItem | None, _previous=None) -> None:  # type: ignore[no-untyped-def]
        self.accounts_box.update_buttons()
        name = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if name in (None, SANDBOX_ITEM):
            self._new_profile(keep_selection=True)
            return
        run_op(self, self._load_into_form(name))

    async def _load_into_form(self, name: str) -> None:
        profile = await self.accounts.get(name)
        if profile is None:
            return
        self._clear_errors()
        self.editor.editing, self.editor.editing_mode = profile.name, profile.mode
        self.editor_box.setTitle(self.tr("Account details: %1").replace("%1", profile.name))
        self.profile_name.setText(profile.name)
        self.secret_key.clear()
        self.secret_key.setPlaceholderText(self.tr("Stored in the keyring — type a new key to replace it"))
        self.publishable_key.setText(profile.publishable_key)
        self.base_url.setText(profile.base_url or "")
        self.connection_result.clear()
        self.api_checks.clear()
        try:
            secret = await self.accounts.secret(name)
        except AccountRefused as exc:
            self._show_keyring_problem(exc.detail)
            return
        if self.editor.editing == name:
            if secret:
                self.secret_key.setPlaceholderText(
                    self.tr("Stored in the keyring: %1 — type a new key to replace it")
                    .replace("%1", wp_keys.mask_key(secret))
                )
            else:
                self.secret_key.setPlaceholderText(self.tr("No key in the keyring — enter the secret key"))

    def _new_profile(self, keep_selection: bool = False) -> None:
        if not keep_selection:
            self.profile_list.setCurrentRow(-1)
        self.editor.editing, self.editor.editing_mode = None, None
        self.editor_box.setTitle(self.tr("New account"))
        for widget in (self.profile_name, self.secret_key, self.publishable_key, self.base_url):
            widget.clear()
        self.secret_key.setPlaceholderText(self.tr("sk_test_… or sk_live_…"))
        self._clear_errors()
        self.connection_result.clear()
        self.api_checks.clear()
        self.profile_name.setFocus()

    # ---- save ---------------------------------------------------------------------------------------
    def _on_save(self) -> None:
        if self.validate():  # marked at the fields at once; nothing to wait for
            return
        run_op(self, self.save_profile())

    async def save_profile(self) -> bool:
        if self.validate():
            return False
        allowed, _approval = await approval_if_needed(self, self.ctx, SETTINGS)
        if not allowed:
            self.status_message.setText(self.tr("Not saved: a manager's approval is needed."))
            return False
        name = self.profile_name.text().strip()
        secret = self.secret_key.text().strip()
        old_name = self.editor.editing
        mode = wp_keys.key_mode(secret) if secret else (self.editor.editing_mode or "test")
        profile = Profile(
            name=name,
            publishable_key=self.publishable_key.text().strip(),
            base_url=self.base_url.text().strip() or None,
            mode=mode,
        )
        self.save_profile_button.setEnabled(False)
        try:
            await self.accounts.save(profile, secret or None, old_name=old_name)
        except AccountRefused as exc:
            if exc.code == "name_taken":
                self._set_error(self.profile_name, self.tr("There is already an account with this name."))
            elif exc.code == "keyring":
                self._show_keyring_problem(exc.detail)
                self.status_message.setText(self.tr("Not saved: the key could not be stored safely."))
            else:
                self.status_message.setText(self.tr("Not saved: %1").replace("%1", exc.detail))
            return False
        finally:
            self.save_profile_button.setEnabled(True)
        self.keyring_message.hide()
        self.secret_key.clear()
        self.editor.editing, self.editor.editing_mode = name, mode
        self.status_message.setText(self.tr("Saved “%1”. The secret key is in the system keyring.").replace("%1", name))
        await self.reload()
        self.select_profile(name)
        self.profilesChanged.emit()
        if self.ctx is not None and not self.ctx.is_sandbox and self.ctx.name in (name, old_name):
            self.switchRequested.emit(name)  # the account in use changed: reconnect with the new details
        return True

    # ---- remove -------------------------------------------------------------------------------------
    def _ask_remove(self) -> None:
        name = self._selected_name()
        if name in (None, SANDBOX_ITEM):
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove account"),
            self.tr("Remove “%1” and delete its secret key from the keyring?").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRemoveBox")
        box.finished.connect(
            lambda result, n=name: run_op(self, self.remove_profile(n))
            if result == QMessageBox.StandardButton.Yes
            else None
        )
        self._confirm_box = box
        box.open()

    async def remove_profile(self, name: str) -> bool:
        allowed, _approval = await approval_if_needed(self, self.ctx, SETTINGS)
        if not allowed:
            self.status_message.setText(self.tr("Not removed: a manager's approval is needed."))
            return False
        try:
            await self.accounts.remove(name)
        except AccountRefused as exc:
            # The profile stays: better than leaving its key orphaned in a keyring we cannot reach.
            self._show_keyring_problem(exc.detail)
            self.status_message.setText(self.tr("Not removed: the keyring could not be reached."))
            return False
        self.status_message.setText(self.tr("Removed “%1”.").replace("%1", name))
        if self.editor.editing == name:
            self._new_profile()
        await self.reload()
        self.profilesChanged.emit()
        if self.ctx is not None and not self.ctx.is_sandbox and self.ctx.name == name:
            self.sandboxRequested.emit()
        return True

    # ---- switch -------------------------------------------------------------------------------------
    def _switch_selected(self) -> None:
        name = self._selected_name()
        if name == SANDBOX_ITEM:
            self.sandboxRequested.emit()
        elif name is not None:
            self.switchRequested.emit(name)

    def show_switch_error(self, message: str) -> None:
        self.status_message.setText(message)

    # ---- test connection ----------------------------------------------------------------------------
    def _on_test(self) -> None:
        run_op(self, self.test_connection())

    async def test_connection(self) -> connection.ConnectionResult | None:
        secret = self.secret_key.text().strip()
        if not secret and self.editor.editing is not None:
            try:
                secret = await self.accounts.secret(self.editor.editing) or ""
            except AccountRefused as exc:
                self._show_keyring_problem(exc.detail)
                return None
        problems = self.validate()
        problems.pop("profileName", None)
        if not secret:
            self._set_error(self.secret_key, self.tr("Enter a secret key to test."))
            return None
        if problems:
            return None
        mode = wp_keys.key_mode(secret)
        self.test_connection_button.setEnabled(False)
        self._show_result("checking", self.tr("Checking…"))
        self.api_checks.clear()
        try:
            trial = await try_key(secret, self.base_url.text().strip() or None, timeout=self.test_timeout)
        finally:
            self.test_connection_button.setEnabled(True)
        failure, report = trial.failure, trial.probe
        result = connection.ok_result(mode) if failure is None else connection.describe_failure(failure, trial.base_url)
        self._show_result(result.state, result.message)
        if result.ok:
            if report is not None:
                self.api_checks.show_report(report)
            else:
                self.api_checks.show_failure()
        self.last_probe = report
        return result

    def _show_result(self, state: str, message: str) -> None:
        colour = {"online": "#15803d", "checking": "#374151"}.get(state, "#b91c1c")
        self.connection_result.setProperty("state", state)
        self.connection_result.setStyleSheet(f"QLabel {{ color: {colour}; }}")
        self.connection_result.setText(message)

    def shutdown(self) -> list[asyncio.Task[object]]:
        self.shared_ledger_section.shutdown()
        self.people_section.shutdown()
        return super().shutdown()
