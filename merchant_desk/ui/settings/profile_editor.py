"""The account details form: name, secret key, publishable key and base URL, each checked at its field,
with the Save and Test connection buttons and the lines that report on them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from merchant_desk import keystore as keyring_texts
from merchant_desk.services import urls
from merchant_desk.ui.settings.api_checks import ApiChecksView
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.ui.widgets.field_errors import error_label, set_field_error
from merchant_desk.ui.widgets.layout_rows import buttons_row
from merchant_desk.wooshpay import keys as wp_keys


def keyring_words(message: str) -> str:
    """The keystore speaks English (it has no Qt); its fixed sentences are translated here."""
    translate = QCoreApplication.translate
    known = {
        keyring_texts.NO_SECRET_SERVICE: translate(
            "SettingsPage",
            "No Secret Service is running: install gnome-keyring (Debian: apt install gnome-keyring) or "
            "KeePassXC with Secret Service enabled, and log in to a desktop session."),
        keyring_texts.NO_DBUS: translate(
            "SettingsPage",
            "No D-Bus session bus was found, so the keyring cannot be reached: log in to a desktop session "
            "(or start Merchant Desk under dbus-run-session with gnome-keyring running)."),
        keyring_texts.NO_SECRETSTORAGE: translate(
            "SettingsPage",
            "The Python package 'secretstorage' is missing, so the Secret Service cannot be used: "
            "reinstall Merchant Desk or run: pip install secretstorage."),
        keyring_texts.LOCKED: translate("SettingsPage", "The keyring is locked: unlock it and try again."),
        keyring_texts.NULL_BACKEND: translate(
            "SettingsPage",
            "Keyring storage is switched off (the 'null' keyring backend is configured, e.g. by "
            "PYTHON_KEYRING_BACKEND or keyringrc.cfg): remove that setting to store keys."),
    }
    return known.get(message, message)


class ProfileEditor(QGroupBox):
    """``saveRequested()`` / ``testRequested()`` when their buttons are pressed; the page does the work."""

    saveRequested = Signal()
    testRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing: str | None = None  # name of the profile in the form; None = a new one
        self.editing_mode: str | None = None
        self._build()

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        return field

    def _build(self) -> None:
        editor = self
        editor.setTitle(self.tr("Account details"))
        form = QFormLayout(editor)
        self.profile_name = self._field("profileName", self.tr("Profile name"))
        self.secret_key = self._field("secretKey", self.tr("Secret key"))
        self.secret_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_key.setPlaceholderText(self.tr("sk_test_… or sk_live_…"))
        self.publishable_key = self._field("publishableKey", self.tr("Publishable key"))
        self.publishable_key.setPlaceholderText(self.tr("pk_test_… or pk_live_… (optional)"))
        self.base_url = self._field("baseUrl", self.tr("Base URL"))
        self.base_url.setPlaceholderText(self.tr("Default: %1").replace("%1", wp_keys.TEST_BASE_URL))
        self._errors: dict[QLineEdit, QLabel] = {}
        for widget, label in (
            (self.profile_name, self.tr("Name")),
            (self.secret_key, self.tr("Secret key")),
            (self.publishable_key, self.tr("Publishable key")),
            (self.base_url, self.tr("Base URL")),
        ):
            error = error_label(editor, widget.objectName() + "Error")
            self._errors[widget] = error
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(error)
            form.addRow(label + ":", cell)
            widget.textChanged.connect(lambda _text, w=widget: self._revalidate(w))

        save, test = self.tr("Save"), self.tr("Test connection")
        self.save_profile_button = button(self, "saveProfileButton", save, save, lambda _c=False: self.saveRequested.emit())
        self.test_connection_button = button(
            self, "testConnectionButton", test, test, lambda _c=False: self.testRequested.emit())
        form.addRow(buttons_row(self.save_profile_button, self.test_connection_button))
        self.connection_result = QLabel(editor)
        self.connection_result.setObjectName("connectionResult")
        self.connection_result.setWordWrap(True)
        form.addRow(self.connection_result)
        self.api_checks = ApiChecksView(editor)
        form.addRow(self.api_checks)
        self.keyring_message = QLabel(editor)
        self.keyring_message.setObjectName("keyringMessage")
        self.keyring_message.setWordWrap(True)
        self.keyring_message.setStyleSheet("QLabel { color: #b45309; }")
        self.keyring_message.hide()
        form.addRow(self.keyring_message)
        self.status_message = QLabel(editor)
        self.status_message.setObjectName("settingsStatus")
        self.status_message.setWordWrap(True)
        form.addRow(self.status_message)


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
        name = self.profile_name.text().strip()
        if not name:
            problems[self.profile_name] = self.tr("Give the account a name.")
        secret = self.secret_key.text().strip()
        mode = self.editing_mode
        if secret:
            reason = wp_keys.validate_secret_key(secret)
            if reason:
                problems[self.secret_key] = reason
            else:
                mode = wp_keys.key_mode(secret)
        elif self.editing is None:
            problems[self.secret_key] = self.tr("Enter the secret key (it starts with sk_test_ or sk_live_).")
        publishable = self.publishable_key.text().strip()
        if publishable:
            reason = wp_keys.validate_publishable_key(publishable)
            if reason:
                problems[self.publishable_key] = reason
            elif mode is not None and wp_keys.key_mode(publishable) != mode:
                problems[self.publishable_key] = self.tr(
                    "This is a %1 key but the secret key is a %2 key: both must be test keys or both live."
                ).replace("%1", wp_keys.key_mode(publishable)).replace("%2", mode)
        base_url = self.base_url.text().strip()
        if base_url:
            if urls.url_problem(base_url) is not None:
                problems[self.base_url] = self.tr("Enter a full address such as https://apitest.wooshpay.com.")
            elif mode == "live" and not base_url.lower().startswith("https://"):
                problems[self.base_url] = self.tr("A live key only talks to an https:// address.")
        for widget in self._errors:
            self._set_error(widget, problems.get(widget))
        return {widget.objectName(): message for widget, message in problems.items()}

    def show_keyring_problem(self, message: str) -> None:
        self.keyring_message.setText(
            self.tr("Keys cannot be stored: %1 Keys are never written anywhere else; "
                    "the sandbox keeps working.").replace("%1", keyring_words(message))
        )
        self.keyring_message.show()
