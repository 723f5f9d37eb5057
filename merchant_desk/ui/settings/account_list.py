"""The list of the merchant's accounts (the built-in sandbox first) with New, Use this account and Remove."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from merchant_desk.profiles import Profile
from merchant_desk.ui.widgets.buttons import button
from merchant_desk.wooshpay import keys as wp_keys

SANDBOX_ITEM = "\x00sandbox"  # item data of the built-in sandbox entry (no profile can have this name)


class AccountList(QGroupBox):
    """Shows the accounts; the settings page acts on the buttons and on the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Accounts"))
        layout = QVBoxLayout(self)
        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setAccessibleName(self.tr("Accounts"))
        layout.addWidget(self.profile_list, 1)
        row = QHBoxLayout()
        new, use, remove = self.tr("New"), self.tr("Use this account"), self.tr("Remove")
        self.add_profile_button = button(self, "addProfileButton", new, new)
        self.switch_profile_button = button(self, "switchProfileButton", use, use)
        self.remove_profile_button = button(self, "removeProfileButton", remove, remove)
        for each in (self.add_profile_button, self.switch_profile_button, self.remove_profile_button):
            row.addWidget(each)
        layout.addLayout(row)

    def show_profiles(self, profiles: list[Profile], ctx: Any) -> None:
        """List ``profiles`` (the one ``ctx`` works with marked in use), keeping the selection."""
        selected = self.selected_name()
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        sandbox_item = QListWidgetItem(self.tr("Sandbox (built-in, no real money)"))
        sandbox_item.setData(Qt.ItemDataRole.UserRole, SANDBOX_ITEM)
        self.profile_list.addItem(sandbox_item)
        for profile in profiles:
            parts = [profile.name, profile.mode.upper()]
            if profile.publishable_key:
                parts.append(wp_keys.mask_key(profile.publishable_key))
            if ctx is not None and not ctx.is_sandbox and ctx.name == profile.name:
                parts.append(self.tr("(in use)"))
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            self.profile_list.addItem(item)
        self.profile_list.blockSignals(False)
        self.select(selected)
        self.update_buttons()

    def selected_name(self) -> str | None:
        """The selected account's name, ``SANDBOX_ITEM`` for the sandbox, None when nothing is selected."""
        item = self.profile_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def update_buttons(self) -> None:
        name = self.selected_name()
        self.remove_profile_button.setEnabled(name not in (None, SANDBOX_ITEM))
        self.switch_profile_button.setEnabled(name is not None)

    def select(self, name: str | None) -> bool:
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.profile_list.setCurrentRow(row)
                return True
        return False
