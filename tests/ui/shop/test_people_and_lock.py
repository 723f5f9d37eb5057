"""Settings → People and approvals, and the till's lock: the first person is a manager; once the shop has
people, a cashier needs a manager's PIN to change them; the till asks for a sign-in and locks again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from merchant_desk.services.shop.session import ShopSession
from merchant_desk.ui.shop.people_section import PeopleSection
from merchant_desk.ui.shop.pin_dialog import PinDialog
from merchant_desk.ui.shop.till_lock import TillLock
from tests.qt_support import run_async
from tests.ui.helpers import shown


@pytest.fixture
def ctx_sandbox(sandbox):
    return sandbox


@pytest.fixture
def section(qtbot, ctx):
    ShopSession(ctx.ledger, "Front till")
    widget = PeopleSection(ctx)
    with shown(qtbot, widget, 900, 500):
        qtbot.waitUntil(lambda: widget.lock_after.value() == 5, timeout=10_000)  # the policy is read
        yield widget


def save_person(qtbot, section, name: str, role: str, pin: str) -> None:
    section.person_name.setText(name)
    section.person_role.setCurrentIndex(section.person_role.findData(role))
    section.person_pin.setText(pin)
    qtbot.mouseClick(section.save_person_button, Qt.MouseButton.LeftButton)


def test_people_and_approvals_are_edited_and_guarded(qtbot, ctx, section):
    save_person(qtbot, section, "Ana", "cashier", "1111")
    qtbot.waitUntil(lambda: "first person" in section.message_label.text(), timeout=5_000)
    save_person(qtbot, section, "Mia", "manager", "12")
    qtbot.waitUntil(lambda: bool(section.person_pin.property("error")), timeout=5_000)
    assert ctx.ledger.people() == []
    save_person(qtbot, section, "Mia", "manager", "7777")
    qtbot.waitUntil(lambda: section.people_list.count() == 1, timeout=10_000)
    shop = ctx.shop
    run_async(shop.sign_in("Mia", "7777"))
    save_person(qtbot, section, "Ana", "cashier", "1111")  # a manager signed in: no prompt
    qtbot.waitUntil(lambda: section.people_list.count() == 2, timeout=10_000)
    assert [(p.name, p.role) for p in ctx.ledger.people()] == [("Ana", "cashier"), ("Mia", "manager")]
    assert "1111" not in ctx.ledger.person_record("Ana").pin_hash

    # a cashier changing the approvals is asked for a manager's PIN
    shop.sign_out()
    run_async(shop.sign_in("Ana", "1111"))
    section.refund_rule.setCurrentIndex(section.refund_rule.findData("above"))
    section.threshold_currency.setCurrentIndex(section.threshold_currency.findData("PHP"))
    section.threshold_amount.setText("5.00")
    section.idle_minutes.setValue(3)
    qtbot.mouseClick(section.save_policy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.findChild(PinDialog, "pinDialog") is not None, timeout=10_000)
    prompt = section.findChild(PinDialog, "pinDialog")
    prompt.pin_edit.setText("7777")
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Approvals saved" in section.message_label.text(), timeout=10_000)
    assert shop.policy.refund_above == {"PHP": 500} and shop.policy.idle_lock_minutes == 3
    [row] = ctx.ledger.audit_entries(action="shop.policy_saved")
    assert (row.person, row.approver, row.till) == ("Ana", "Mia", "Front till")


def test_the_till_asks_for_a_sign_in_and_locks_again(qtbot, ctx):
    shop = ShopSession(ctx.ledger, "Front till")
    run_async(shop.save_person("Mia", "manager", "7777"))
    window = QWidget()
    window.shutdown = lambda: None  # what shown() calls on a page
    with shown(qtbot, window, 400, 300):
        lock = TillLock(window, shop)
        lock.start()
        qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.isVisible(), timeout=10_000)
        dialog = lock.dialog
        dialog.reject()  # Escape does not get past it
        assert dialog.isVisible() and shop.person is None
        dialog.pin_edit.setText("7777")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: lock.dialog is None, timeout=10_000)
        assert shop.person.name == "Mia" and ctx.ledger.person == "Mia"
        lock.lock()  # what the idle timer does
        qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.isVisible(), timeout=10_000)
        assert shop.person is None and ctx.ledger.person is None
        lock.shutdown()


def test_without_people_the_till_never_asks(qtbot, ctx):
    shop = ShopSession(ctx.ledger, "Only till")
    window = QWidget()
    window.shutdown = lambda: None  # what shown() calls on a page
    with shown(qtbot, window, 400, 300):
        lock = TillLock(window, shop)
        lock.start()
        run_async(shop.load())
        lock.lock()
        assert lock.dialog is None and window.findChild(PinDialog) is None
        lock.shutdown()
