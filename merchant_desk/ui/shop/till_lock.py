"""The till's lock: in shop mode nobody works at the till without signing in, and after the policy's idle
minutes it locks again (the sign-in dialog covers the window until somebody signs in). Without people
configured it does nothing at all."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from merchant_desk.services.shop.session import ShopSession
from merchant_desk.ui.shop.pin_dialog import SIGN_IN, PinDialog
from merchant_desk.ui.widgets.ops import accepted, cancel_ops, run_op

log = logging.getLogger(__name__)

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class TillLock(QObject):
    def __init__(self, window: QWidget, session: ShopSession) -> None:
        super().__init__(window)
        self.setObjectName("tillLock")
        self.window = window
        self.session = session
        self.dialog: PinDialog | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)

    def start(self) -> None:
        """Read the shop's people; in shop mode, ask for a sign-in now and watch for idleness."""
        run_op(self, self._start())

    async def _start(self) -> None:
        try:
            await self.session.load()
        except Exception as exc:
            log.warning("shop mode: could not read the shop's people: %s", exc)
            return
        if not self.session.shop_mode:
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        await self._sign_in()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY and self.dialog is None:
            self._restart_idle_timer()
        return False

    def _restart_idle_timer(self) -> None:
        minutes = self.session.policy.idle_lock_minutes
        if minutes > 0 and self.session.shop_mode:
            self.idle_timer.start(minutes * 60_000)
        else:
            self.idle_timer.stop()

    def lock(self) -> None:
        if self.dialog is None and self.session.shop_mode:
            self.session.sign_out()
            run_op(self, self._sign_in())

    async def _sign_in(self) -> None:
        if self.dialog is not None:
            return
        dialog = PinDialog(self.session, SIGN_IN, parent=self.window)
        self.dialog = dialog
        try:
            ok = await accepted(dialog)
        finally:
            self.dialog = None
            dialog.deleteLater()
        if ok:
            log.info("shop mode: %s signed in at %s", self.session.person.name if self.session.person else "?",
                     self.session.till)
            self._restart_idle_timer()

    def shutdown(self) -> None:
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        cancel_ops(self)
