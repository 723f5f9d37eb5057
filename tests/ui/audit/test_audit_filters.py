"""The audit view names till, person and approver, and filters by each of them and by action."""

from __future__ import annotations

import pytest

from merchant_desk.ui import words
from merchant_desk.ui.audit.audit_log_view import AuditLogView
from tests.ui.helpers import shown


@pytest.fixture
def ctx_sandbox(sandbox):
    return sandbox


def rows(view) -> list[tuple[str, ...]]:
    # The action column shows words; its tooltip keeps the audit action's code.
    return [
        (view.model.item(r, 2).toolTip(), *(view.model.item(r, c).text() for c in (3, 5, 6, 7)))
        for r in range(view.model.rowCount())
    ]


def test_the_audit_view_filters_by_till_person_and_action(qtbot, ctx):
    ledger = ctx.ledger
    ledger.audit("refund.created", "re_1", account=ctx.name, till="Front", person="Ana", approver="Mia")
    ledger.audit("payment_intent.created", "pi_1", account=ctx.name, till="Front", person="Ana")
    ledger.audit("refund.created", "re_2", account=ctx.name, till="Back", person="Mia")
    ledger.audit("webhook_endpoint.deleted", "we_1", account="Other account", till="Back", person="Ana")
    view = AuditLogView(ctx)
    with shown(qtbot, view, 1000, 500):
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.refresh()
        assert rows(view) == [
            ("refund.created", "re_2", "Back", "Mia", ""),
            ("payment_intent.created", "pi_1", "Front", "Ana", ""),
            ("refund.created", "re_1", "Front", "Ana", "Mia"),
        ]
        filters = view.filters
        assert [filters.till_combo.itemText(i) for i in range(filters.till_combo.count())][1:] == ["Back", "Front"]
        # only what this account's log holds is offered
        actions = [filters.action_combo.itemData(i) for i in range(filters.action_combo.count())][1:]
        assert actions == ["payment_intent.created", "refund.created"]
        # offered in words, like the column
        assert [filters.action_combo.itemText(i) for i in (1, 2)] == [
            words.audit_action("payment_intent.created"), words.audit_action("refund.created")]
        assert [view.model.item(r, 2).text() for r in (0, 1)] == [
            words.audit_action("refund.created"), words.audit_action("payment_intent.created")]

        with qtbot.waitSignal(view.loaded, timeout=10_000):
            filters.till_combo.setCurrentIndex(filters.till_combo.findData("Front"))
        assert [r[1] for r in rows(view)] == ["pi_1", "re_1"]

        with qtbot.waitSignal(view.loaded, timeout=10_000):
            filters.action_combo.setCurrentIndex(filters.action_combo.findData("refund.created"))
        assert [r[1] for r in rows(view)] == ["re_1"]

        # a person is found acting or approving
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            filters.till_combo.setCurrentIndex(0)
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            filters.person_combo.setCurrentIndex(filters.person_combo.findData("Mia"))
        assert [r[1] for r in rows(view)] == ["re_2", "re_1"]
        assert filters.till_combo.currentIndex() == 0 and filters.action_combo.currentData() == "refund.created"
