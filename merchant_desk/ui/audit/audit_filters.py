"""The audit view's filters: till, person (acting or approving) and action, offered from what the log holds."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from merchant_desk.ui import words


class AuditFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditFilters")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.till_combo = self._combo("auditTillFilter", self.tr("Filter by till"))
        self.person_combo = self._combo("auditPersonFilter", self.tr("Filter by person"))
        self.action_combo = self._combo("auditActionFilter", self.tr("Filter by action"))
        for label, combo in ((self.tr("Till:"), self.till_combo), (self.tr("Person:"), self.person_combo),
                             (self.tr("Action:"), self.action_combo)):
            text = QLabel(label, self)
            text.setBuddy(combo)
            layout.addWidget(text)
            layout.addWidget(combo)
        layout.addStretch(1)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("All"), None)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    def set_choices(self, facets: dict[str, list[str]]) -> None:
        """Offer what the log holds now, keeping each current choice."""
        for combo, values in ((self.till_combo, facets.get("tills", [])),
                              (self.person_combo, facets.get("people", [])),
                              (self.action_combo, facets.get("actions", []))):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                # Actions in words (the code stays the item's data and tooltip); tills and people are names.
                combo.addItem(words.audit_action(value) if combo is self.action_combo else value, value)
                if combo is self.action_combo:
                    combo.setItemData(combo.count() - 1, value, Qt.ItemDataRole.ToolTipRole)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def values(self) -> dict[str, str | None]:
        return {"till": self.till_combo.currentData(), "person": self.person_combo.currentData(),
                "action": self.action_combo.currentData()}
