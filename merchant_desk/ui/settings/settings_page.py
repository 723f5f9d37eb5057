"""Settings: the merchant's accounts (profiles) and their keys, and the sandbox's network setting.

Secret keys go to the OS keyring through ``KeyStore`` and nowhere else: the key field is cleared once the
key is stored, the list shows only masked keys, and without a usable keyring the page explains what is
missing and refuses to save (the sandbox keeps working).
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from merchant_desk import keystore as keyring_texts
from merchant_desk.keystore import KeyringUnavailableError, KeyStore
from merchant_desk.profiles import Profile, ProfileError, ProfileStore
from merchant_desk.services import api_probe
from merchant_desk.ui.frame import connection
from merchant_desk.ui.settings.api_checks import ApiChecksView
from merchant_desk.ui.widgets.field_errors import (
    error_label,
    install_invalid_style,
    set_field_error,
)
from merchant_desk.ui.widgets.tasks import TaskGroup
from merchant_desk.wooshpay import keys as wp_keys

log = logging.getLogger(__name__)

SANDBOX_ITEM = "\x00sandbox"  # item data of the built-in sandbox entry (no profile can have this name)
SETTINGS_SANDBOX_LAN = "sandbox/lan"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "MerchantDesk", "merchant-desk")


def default_base_url(mode: str) -> str:
    return wp_keys.LIVE_BASE_URL if mode == "live" else wp_keys.TEST_BASE_URL


class SettingsPage(QWidget):
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
        self.tasks = TaskGroup("settings page")
        self._editing: str | None = None  # name of the profile in the form; None = a new one
        self._editing_mode: str | None = None
        self._confirm_box: QMessageBox | None = None
        self.last_probe: api_probe.ProbeReport | None = None  # what the last Test connection's checks found
        self.test_timeout = 10.0  # seconds "Test connection" waits for the server
        self.setObjectName("settingsPage")
        install_invalid_style(self)
        self._build()
        self.tasks.spawn(self.reload())
        self.tasks.spawn(self._show_keyring_status())

    # ---- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.activeLabel = QLabel(self)
        self.activeLabel.setObjectName("activeAccountLabel")
        outer.addWidget(self.activeLabel)

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        accounts = QGroupBox(self.tr("Accounts"), self)
        accounts_layout = QVBoxLayout(accounts)
        self.profileList = QListWidget(accounts)
        self.profileList.setObjectName("profileList")
        self.profileList.setAccessibleName(self.tr("Accounts"))
        self.profileList.currentItemChanged.connect(self._on_selected)
        self.profileList.itemDoubleClicked.connect(lambda _item: self._switch_selected())
        accounts_layout.addWidget(self.profileList, 1)
        row = QHBoxLayout()
        self.addProfileButton = self._button(self.tr("New"), "addProfileButton", self._new_profile)
        self.switchProfileButton = self._button(
            self.tr("Use this account"), "switchProfileButton", self._switch_selected
        )
        self.removeProfileButton = self._button(self.tr("Remove"), "removeProfileButton", self._ask_remove)
        for button in (self.addProfileButton, self.switchProfileButton, self.removeProfileButton):
            row.addWidget(button)
        accounts_layout.addLayout(row)
        columns.addWidget(accounts, 2)

        editor = QGroupBox(self.tr("Account details"), self)
        self.editorBox = editor
        form = QFormLayout(editor)
        self.profileName = self._field("profileName", self.tr("Profile name"))
        self.secretKey = self._field("secretKey", self.tr("Secret key"))
        self.secretKey.setEchoMode(QLineEdit.EchoMode.Password)
        self.secretKey.setPlaceholderText(self.tr("sk_test_… or sk_live_…"))
        self.publishableKey = self._field("publishableKey", self.tr("Publishable key"))
        self.publishableKey.setPlaceholderText(self.tr("pk_test_… or pk_live_… (optional)"))
        self.baseUrl = self._field("baseUrl", self.tr("Base URL"))
        self.baseUrl.setPlaceholderText(self.tr("Default: %1").replace("%1", wp_keys.TEST_BASE_URL))
        self._errors: dict[QLineEdit, QLabel] = {}
        for widget, label in (
            (self.profileName, self.tr("Name")),
            (self.secretKey, self.tr("Secret key")),
            (self.publishableKey, self.tr("Publishable key")),
            (self.baseUrl, self.tr("Base URL")),
        ):
            error = error_label(editor, widget.objectName() + "Error")
            self._errors[widget] = error
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(error)
            form.addRow(label + ":", cell)
            widget.textChanged.connect(lambda _text, w=widget: self._revalidate(w))

        buttons = QHBoxLayout()
        self.saveProfileButton = self._button(self.tr("Save"), "saveProfileButton", self._on_save)
        self.testConnectionButton = self._button(
            self.tr("Test connection"), "testConnectionButton", self._on_test
        )
        buttons.addWidget(self.saveProfileButton)
        buttons.addWidget(self.testConnectionButton)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.connectionResult = QLabel(editor)
        self.connectionResult.setObjectName("connectionResult")
        self.connectionResult.setWordWrap(True)
        form.addRow(self.connectionResult)
        self.apiChecks = ApiChecksView(editor)
        form.addRow(self.apiChecks)
        self.keyringMessage = QLabel(editor)
        self.keyringMessage.setObjectName("keyringMessage")
        self.keyringMessage.setWordWrap(True)
        self.keyringMessage.setStyleSheet("QLabel { color: #b45309; }")
        self.keyringMessage.hide()
        form.addRow(self.keyringMessage)
        self.statusMessage = QLabel(editor)
        self.statusMessage.setObjectName("settingsStatus")
        self.statusMessage.setWordWrap(True)
        form.addRow(self.statusMessage)
        columns.addWidget(editor, 3)

        sandbox = QGroupBox(self.tr("Sandbox"), self)
        sandbox_layout = QVBoxLayout(sandbox)
        self.sandboxLanCheck = QCheckBox(
            self.tr("Serve the sandbox's cashier pages on the local network, so a phone can scan and pay "
                    "(takes effect at the next start)"),
            sandbox,
        )
        self.sandboxLanCheck.setObjectName("sandboxLanCheck")
        self.sandboxLanCheck.setAccessibleName(self.tr("Sandbox on the local network"))
        self.sandboxLanCheck.setChecked(app_settings().value(SETTINGS_SANDBOX_LAN, False, type=bool))
        self.sandboxLanCheck.toggled.connect(self._on_lan_toggled)
        sandbox_layout.addWidget(self.sandboxLanCheck)
        outer.addWidget(sandbox)
        self._new_profile()

    def _button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        return field

    # ---- list ---------------------------------------------------------------------------------------
    async def reload(self) -> None:
        profiles = await asyncio.to_thread(self.profiles.list)
        selected = self._selected_name()
        self.profileList.blockSignals(True)
        self.profileList.clear()
        sandbox_item = QListWidgetItem(self.tr("Sandbox (built-in, no real money)"))
        sandbox_item.setData(Qt.ItemDataRole.UserRole, SANDBOX_ITEM)
        self.profileList.addItem(sandbox_item)
        for profile in profiles:
            parts = [profile.name, profile.mode.upper()]
            if profile.publishable_key:
                parts.append(wp_keys.mask_key(profile.publishable_key))
            if self.ctx is not None and not self.ctx.is_sandbox and self.ctx.name == profile.name:
                parts.append(self.tr("(in use)"))
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            self.profileList.addItem(item)
        self.profileList.blockSignals(False)
        for row in range(self.profileList.count()):
            if self.profileList.item(row).data(Qt.ItemDataRole.UserRole) == selected:
                self.profileList.setCurrentRow(row)
        self._update_active_label()
        self._update_buttons()

    def _update_active_label(self) -> None:
        if self.ctx is None:
            self.activeLabel.setText("")
        elif self.ctx.is_sandbox:
            self.activeLabel.setText(self.tr("Working in the built-in sandbox: nothing here is real money."))
        else:
            self.activeLabel.setText(self.tr("Working with account “%1”.").replace("%1", self.ctx.name))

    def _selected_name(self) -> str | None:
        item = self.profileList.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        name = self._selected_name()
        self.removeProfileButton.setEnabled(name not in (None, SANDBOX_ITEM))
        self.switchProfileButton.setEnabled(name is not None)

    def select_profile(self, name: str) -> bool:
        for row in range(self.profileList.count()):
            if self.profileList.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.profileList.setCurrentRow(row)
                return True
        return False

    def _on_selected(self, current: QListWidgetItem | None, _previous=None) -> None:  # type: ignore[no-untyped-def]
        self._update_buttons()
        name = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if name in (None, SANDBOX_ITEM):
            self._new_profile(keep_selection=True)
            return
        self.tasks.spawn(self._load_into_form(name))

    async def _load_into_form(self, name: str) -> None:
        profile = await asyncio.to_thread(self.profiles.get, name)
        if profile is None:
            return
        self._clear_errors()
        self._editing, self._editing_mode = profile.name, profile.mode
        self.editorBox.setTitle(self.tr("Account details: %1").replace("%1", profile.name))
        self.profileName.setText(profile.name)
        self.secretKey.clear()
        self.secretKey.setPlaceholderText(self.tr("Stored in the keyring — type a new key to replace it"))
        self.publishableKey.setText(profile.publishable_key)
        self.baseUrl.setText(profile.base_url or "")
        self.connectionResult.clear()
        self.apiChecks.clear()
        try:
            secret = await self.keystore.get_secret(name)
        except KeyringUnavailableError as exc:
            self._show_keyring_problem(str(exc))
            return
        if self._editing == name:
            if secret:
                self.secretKey.setPlaceholderText(
                    self.tr("Stored in the keyring: %1 — type a new key to replace it")
                    .replace("%1", wp_keys.mask_key(secret))
                )
            else:
                self.secretKey.setPlaceholderText(self.tr("No key in the keyring — enter the secret key"))

    def _new_profile(self, keep_selection: bool = False) -> None:
        if not keep_selection:
            self.profileList.setCurrentRow(-1)
        self._editing, self._editing_mode = None, None
        self.editorBox.setTitle(self.tr("New account"))
        for widget in (self.profileName, self.secretKey, self.publishableKey, self.baseUrl):
            widget.clear()
        self.secretKey.setPlaceholderText(self.tr("sk_test_… or sk_live_…"))
        self._clear_errors()
        self.connectionResult.clear()
        self.apiChecks.clear()
        self.profileName.setFocus()

    # ---- validation ---------------------------------------------------------------------------------
    def _set_error(self, widget: QLineEdit, message: str | None) -> None:
        set_field_error(widget, self._errors[widget], message)

    def _clear_errors(self) -> None:
        for widget in self._errors:
            self._set_error(widget, None)

    def _revalidate(self, widget: QLineEdit) -> None:
        # Only a field already marked wrong is re-checked while typing, so the message goes away as soon
        # as the input is fixed without nagging about a half-typed key.
        if widget.property("error"):
            self.validate()

    def validate(self) -> dict[str, str]:
        """Check every field, mark the wrong ones; returns {objectName: message}."""
        problems: dict[QLineEdit, str] = {}
        name = self.profileName.text().strip()
        if not name:
            problems[self.profileName] = self.tr("Give the account a name.")
        secret = self.secretKey.text().strip()
        mode = self._editing_mode
        if secret:
            reason = wp_keys.validate_secret_key(secret)
            if reason:
                problems[self.secretKey] = reason
            else:
                mode = wp_keys.key_mode(secret)
        elif self._editing is None:
            problems[self.secretKey] = self.tr("Enter the secret key (it starts with sk_test_ or sk_live_).")
        publishable = self.publishableKey.text().strip()
        if publishable:
            reason = wp_keys.validate_publishable_key(publishable)
            if reason:
                problems[self.publishableKey] = reason
            elif mode is not None and wp_keys.key_mode(publishable) != mode:
                problems[self.publishableKey] = self.tr(
                    "This is a %1 key but the secret key is a %2 key: both must be test keys or both live."
                ).replace("%1", wp_keys.key_mode(publishable)).replace("%2", mode)
        base_url = self.baseUrl.text().strip()
        if base_url:
            parts = urlsplit(base_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                problems[self.baseUrl] = self.tr("Enter a full address such as https://apitest.wooshpay.com.")
            elif mode == "live" and parts.scheme != "https":
                problems[self.baseUrl] = self.tr("A live key only talks to an https:// address.")
        for widget in self._errors:
            self._set_error(widget, problems.get(widget))
        return {widget.objectName(): message for widget, message in problems.items()}

    # ---- save ---------------------------------------------------------------------------------------
    def _on_save(self) -> None:
        if self.validate():  # marked at the fields at once; nothing to wait for
            return
        self.tasks.spawn(self.save_profile())

    async def save_profile(self) -> bool:
        if self.validate():
            return False
        name = self.profileName.text().strip()
        secret = self.secretKey.text().strip()
        old_name = self._editing
        mode = wp_keys.key_mode(secret) if secret else (self._editing_mode or "test")
        profile = Profile(
            name=name,
            publishable_key=self.publishableKey.text().strip(),
            base_url=self.baseUrl.text().strip() or None,
            mode=mode,
        )
        existing = await asyncio.to_thread(self.profiles.get, name)
        if existing is not None and name != old_name:
            self._set_error(self.profileName, self.tr("There is already an account with this name."))
            return False
        renamed = old_name is not None and old_name != name
        self.saveProfileButton.setEnabled(False)
        try:
            # Key first, profile second, the old entry last: a failure at any step leaves the profile file
            # and the keyring agreeing with each other (no profile without its key, no orphaned key).
            try:
                previous = await self.keystore.get_secret(name) if secret and not renamed and old_name else None
                key = secret or (await self.keystore.get_secret(old_name) if renamed else None)
                if key:
                    await self.keystore.set_secret(name, key)
            except KeyringUnavailableError as exc:
                self._show_keyring_problem(str(exc))
                self.statusMessage.setText(self.tr("Not saved: the key could not be stored safely."))
                return False
            try:
                await asyncio.to_thread(self.profiles.save, profile, old_name=old_name)
            except (ProfileError, OSError) as exc:
                await self._undo_key(name, key, previous)
                self.statusMessage.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
                return False
            if renamed:
                try:
                    await self.keystore.delete_secret(old_name)
                except KeyringUnavailableError as exc:
                    log.warning("The key of the renamed profile %r stays in the keyring: %s", old_name, exc)
        finally:
            self.saveProfileButton.setEnabled(True)
        log.info(
            "Saved profile %r (%s mode%s)",
            name,
            mode,
            f", key {wp_keys.mask_key(secret)}" if secret else "",
        )
        self.keyringMessage.hide()
        self.secretKey.clear()
        self._editing, self._editing_mode = name, mode
        self.statusMessage.setText(self.tr("Saved “%1”. The secret key is in the system keyring.").replace("%1", name))
        await self.reload()
        self.select_profile(name)
        self.profilesChanged.emit()
        if self.ctx is not None and not self.ctx.is_sandbox and self.ctx.name in (name, old_name):
            self.switchRequested.emit(name)  # the account in use changed: reconnect with the new details
        return True

    async def _undo_key(self, name: str, written: str | None, previous: str | None) -> None:
        """Put the keyring back as it was before a save whose profile could not be written."""
        if not written:
            return
        try:
            if previous:
                await self.keystore.set_secret(name, previous)
            else:
                await self.keystore.delete_secret(name)
        except KeyringUnavailableError as exc:
            log.warning("Could not undo the key stored for %r: %s", name, exc)

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
            lambda result, n=name: self.tasks.spawn(self.remove_profile(n))
            if result == QMessageBox.StandardButton.Yes
            else None
        )
        self._confirm_box = box
        box.open()

    async def remove_profile(self, name: str) -> bool:
        try:
            await self.keystore.delete_secret(name)
        except KeyringUnavailableError as exc:
            # Keeping the profile is better than leaving its key orphaned in a keyring we cannot reach.
            self._show_keyring_problem(str(exc))
            self.statusMessage.setText(self.tr("Not removed: the keyring could not be reached."))
            return False
        await asyncio.to_thread(self.profiles.remove, name)
        log.info("Removed profile %r and its keyring entry", name)
        self.statusMessage.setText(self.tr("Removed “%1”.").replace("%1", name))
        if self._editing == name:
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
        self.statusMessage.setText(message)

    # ---- test connection ----------------------------------------------------------------------------
    def _on_test(self) -> None:
        self.tasks.spawn(self.test_connection())

    async def test_connection(self) -> connection.ConnectionResult | None:
        from merchant_desk.wooshpay import Client

        secret = self.secretKey.text().strip()
        if not secret and self._editing is not None:
            try:
                secret = await self.keystore.get_secret(self._editing) or ""
            except KeyringUnavailableError as exc:
                self._show_keyring_problem(str(exc))
                return None
        problems = self.validate()
        problems.pop("profileName", None)
        if not secret:
            self._set_error(self.secretKey, self.tr("Enter a secret key to test."))
            return None
        if problems:
            return None
        mode = wp_keys.key_mode(secret)
        base_url = self.baseUrl.text().strip() or default_base_url(mode)
        self.testConnectionButton.setEnabled(False)
        self._show_result("checking", self.tr("Checking…"))
        self.apiChecks.clear()
        report: api_probe.ProbeReport | None = None
        try:
            async with Client(secret, base_url=base_url, timeout=self.test_timeout, max_attempts=1) as client:
                result = await connection.check_connection(client, mode, base_url)
                if result.ok:
                    self._show_result(result.state, result.message)
                    report = await self._probe(client)
        except Exception as exc:  # noqa: BLE001 - building the client can refuse (live key over http)
            result = connection.describe_failure(exc, base_url)
        finally:
            self.testConnectionButton.setEnabled(True)
        self._show_result(result.state, result.message)
        if result.ok:
            if report is not None:
                self.apiChecks.show_report(report)
            else:
                self.apiChecks.show_failure()
        self.last_probe = report
        return result

    async def _probe(self, client) -> api_probe.ProbeReport | None:  # type: ignore[no-untyped-def]
        """What the server confirms of the app's API assumptions; None when the checks could not finish (the
        connection itself was fine, so that is logged, not shown as a connection failure)."""
        try:
            return await api_probe.probe(client)
        except Exception:  # noqa: BLE001 - a failed check must not turn a working connection into an error
            log.warning("API checks against the server failed", exc_info=True)
            return None

    def _show_result(self, state: str, message: str) -> None:
        colour = {"online": "#15803d", "checking": "#374151"}.get(state, "#b91c1c")
        self.connectionResult.setProperty("state", state)
        self.connectionResult.setStyleSheet(f"QLabel {{ color: {colour}; }}")
        self.connectionResult.setText(message)

    # ---- keyring and sandbox settings ---------------------------------------------------------------
    async def _show_keyring_status(self) -> None:
        try:
            status = await self.keystore.status()
        except Exception:  # a failed probe must not break the page; it is logged
            log.exception("Keyring status check failed")
            return
        if not status.ok:
            self._show_keyring_problem(status.message)

    def _keyring_words(self, message: str) -> str:
        """The keystore speaks English (it has no Qt); its fixed sentences are translated here."""
        known = {
            keyring_texts.NO_SECRET_SERVICE: self.tr(
                "No Secret Service is running: install gnome-keyring (Debian: apt install gnome-keyring) or "
                "KeePassXC with Secret Service enabled, and log in to a desktop session."),
            keyring_texts.NO_DBUS: self.tr(
                "No D-Bus session bus was found, so the keyring cannot be reached: log in to a desktop session "
                "(or start Merchant Desk under dbus-run-session with gnome-keyring running)."),
            keyring_texts.NO_SECRETSTORAGE: self.tr(
                "The Python package 'secretstorage' is missing, so the Secret Service cannot be used: "
                "reinstall Merchant Desk or run: pip install secretstorage."),
            keyring_texts.LOCKED: self.tr("The keyring is locked: unlock it and try again."),
            keyring_texts.NULL_BACKEND: self.tr(
                "Keyring storage is switched off (the 'null' keyring backend is configured, e.g. by "
                "PYTHON_KEYRING_BACKEND or keyringrc.cfg): remove that setting to store keys."),
        }
        return known.get(message, message)

    def _show_keyring_problem(self, message: str) -> None:
        self.keyringMessage.setText(
            self.tr("Keys cannot be stored: %1 Keys are never written anywhere else; "
                    "the sandbox keeps working.").replace("%1", self._keyring_words(message))
        )
        self.keyringMessage.show()

    def _on_lan_toggled(self, checked: bool) -> None:
        settings = app_settings()
        settings.setValue(SETTINGS_SANDBOX_LAN, checked)
        settings.sync()

    def shutdown(self) -> list[asyncio.Task]:
        return self.tasks.cancel_all()
