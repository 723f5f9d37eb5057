"""The main window: navigation between the pages, the sandbox banner and the account's status bar.

The window exists before any account does: ``MainWindow(None)`` is the frame in a "starting" state
(``show_starting``), painted while the sandbox starts and the ledger opens on worker threads; the account
then arrives through ``set_context``, the same path an account switch takes. So this module imports only
what the frame needs; the pages (and through them the services, httpx and babel) load with the first
account.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from merchant_desk.ui.app_settings import app_settings
from merchant_desk.ui.frame.account_frame import AccountFrame
from merchant_desk.ui.frame.status_badge import ConnectionIndicator, ModeBadge
from merchant_desk.ui.frame.window_actions import WindowActions
from merchant_desk.ui.widgets import icons, tables, theme

if TYPE_CHECKING:
    import asyncio


# asyncio and the op helper (ui.widgets.ops, ui.frame.page) are imported where they are used: the frame
# is painted before the event loop that runs them exists.

log = logging.getLogger(__name__)

CONNECTION_CHECK_MS = 60_000
_SETTINGS_GEOMETRY = "mainWindow/geometry"
_SETTINGS_STATE = "mainWindow/state"
_SETTINGS_PAGE = "mainWindow/page"


class AccountOpener(Protocol):
    """What the window needs from the composition root to change account (see ``merchant_desk.app``).
    The composition root, not the window, closes clients and stops the sandbox."""

    async def open_profile(self, name: str) -> Any: ...  # -> AccountSession
    async def open_sandbox(self) -> Any: ...  # -> AccountSession
    async def retire(self, old: Any, new: Any) -> None: ...  # close what the previous account held
    async def aclose(self, current: Any = None) -> None: ...  # at quit


class MainWindow(WindowActions, AccountFrame, QMainWindow):
    def __init__(
        self,
        ctx,
        *,
        accounts: AccountOpener | None = None,
        profiles=None,
        keystore=None,
        log_path: Path | None = None,
        connection_check_ms: int = CONNECTION_CHECK_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("Merchant Desk"))
        self.ctx = ctx
        self.accounts = accounts
        self._profiles = profiles
        self._keystore = keystore
        self.log_path = log_path
        # Retiring a previous account: kept apart from the window's ops so quitting waits for it
        # instead of cancelling it.
        self._retiring = QObject(self)
        self._check_task: asyncio.Task | None = None
        self._about: Any = None  # the About dialog, once opened
        self._closed = False
        self.resize(theme.default_window_size(self.screen()))
        self.setMinimumSize(640, 420)

        central = QWidget(self)
        central.setObjectName("centralWidget")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.sandbox_banner = QLabel(central)
        self.sandbox_banner.setObjectName("sandboxBanner")
        self.sandbox_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sandbox_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sandbox_banner.setStyleSheet(
            "QLabel#sandboxBanner { background: #c2410c; color: white; font-weight: bold; padding: 6px; }"
        )
        outer.addWidget(self.sandbox_banner)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(self.navigation.iconSize() * 1.25)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        body.addWidget(self.navigation)
        self.pages = QStackedWidget(central)
        self.pages.setObjectName("pageStack")
        body.addWidget(self.pages, 1)
        # Stands in the page area until the first account arrives (``show_starting``).
        self.starting_label: QLabel | None = None
        self.setCentralWidget(central)

        self._nav_entries = [
            ("overviewPage", self.tr("Overview"), icons.navigation_icon("overviewPage")),
            ("paymentsPage", self.tr("Payments"), icons.navigation_icon("paymentsPage")),
            ("checkoutPage", self.tr("Checkout"), icons.navigation_icon("checkoutPage")),
            ("refundsPage", self.tr("Refunds"), icons.navigation_icon("refundsPage")),
            ("reportPage", self.tr("End of day"), icons.navigation_icon("reportPage")),
            ("webhooksPage", self.tr("Webhooks"), icons.navigation_icon("webhooksPage")),
            ("eventsPage", self.tr("Events"), icons.navigation_icon("eventsPage")),
            ("settingsPage", self.tr("Settings"), icons.navigation_icon("settingsPage")),
        ]
        for name, text, icon in self._nav_entries:
            item = QListWidgetItem(icon, text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._on_nav_row)

        self.account_name = QLabel(self)
        self.account_name.setObjectName("accountName")
        self.mode_badge = ModeBadge(self)
        self.connection_state = ConnectionIndicator(self)
        self.statusBar().setObjectName("statusBar")
        self.statusBar().addPermanentWidget(self.account_name)
        self.statusBar().addPermanentWidget(self.mode_badge)
        self.statusBar().addPermanentWidget(self.connection_state)

        self._build_menus()
        icons.apply_button_icons(self)
        self._check_timer = QTimer(self)
        self._check_timer.setObjectName("connectionCheckTimer")
        self._check_timer.setInterval(connection_check_ms)
        self._check_timer.timeout.connect(self.check_connection)

        if ctx is None:
            self._restore_settings()
            self.show_starting()
            return
        self._build_pages()
        self._restore_settings()
        self._check_timer.start()
        QTimer.singleShot(0, self.check_connection)

    def show_starting(self, sandbox: bool = False, message: str | None = None) -> None:
        """The window before its first account: ``message`` (default "Opening the account…", or "Starting
        the sandbox…" with ``sandbox``) where the pages will be; the banner already says when it is the
        sandbox."""
        if self.ctx is not None:
            return
        if self.starting_label is None:
            self.starting_label = QLabel(self.pages)
            self.starting_label.setObjectName("startingLabel")
            self.starting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages.addWidget(self.starting_label)
        if message is None:
            message = self.tr("Starting the sandbox…") if sandbox else self.tr("Opening the account…")
        self.starting_label.setText(message)
        self.pages.setCurrentWidget(self.starting_label)
        self.sandbox_banner.setText(self.tr("SANDBOX — no real money"))
        self.sandbox_banner.setVisible(sandbox)
        self.account_name.setText(message)
        self.mode_badge.setVisible(sandbox)
        self.connection_state.setVisible(False)
        self.setWindowTitle(self.tr("Merchant Desk"))

    def set_services(self, *, accounts: AccountOpener | None = None, profiles=None, keystore=None) -> None:  # type: ignore[no-untyped-def]
        """What a window made before its first account needs for switching and for its Settings page;
        given before ``set_context``."""
        self.accounts = accounts
        self._profiles = profiles
        self._keystore = keystore

    # ---- menus and shortcuts ------------------------------------------------------------------------
    def _action(self, text: str, name: str, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_payment_action = self._action(
            self.tr("&New payment"), "newPaymentAction", QKeySequence.StandardKey.New, self.new_payment
        )
        self.refresh_action = self._action(
            self.tr("&Refresh"), "refreshAction", QKeySequence.StandardKey.Refresh, self.refresh_current
        )
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.find_payment_action = self._action(
            self.tr("&Find payment"), "findPaymentAction", QKeySequence.StandardKey.Find, self.find_payment
        )
        self.quit_action = self._action(self.tr("&Quit"), "quitAction", "Ctrl+Q", self.close)
        file_menu.addAction(self.new_payment_action)
        file_menu.addAction(self.find_payment_action)
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go_menu = bar.addMenu(self.tr("&Go"))
        self.page_actions: list[QAction] = []
        for index, (name, text, _icon) in enumerate(self._nav_entries):
            action = self._action(
                text, f"goto_{name}", f"Ctrl+{index + 1}", lambda i=index: self.show_page(i)
            )
            go_menu.addAction(action)
            self.page_actions.append(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About Merchant Desk"), "aboutAction", None, self.show_about)
        help_menu.addAction(self.about_action)

    # ---- pages --------------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        from merchant_desk.ui.checkout.checkout_page import CheckoutPage
        from merchant_desk.ui.events.events_page import EventsPage
        from merchant_desk.ui.overview.overview_page import OverviewPage
        from merchant_desk.ui.payments.payments_page import PaymentsPage
        from merchant_desk.ui.refunds.refunds_page import RefundsPage
        from merchant_desk.ui.report.report_page import ReportPage
        from merchant_desk.ui.settings.settings_page import SettingsPage
        from merchant_desk.ui.webhooks.webhooks_page import WebhooksPage
        from merchant_desk.ui.widgets.ops import run_op

        ctx = self.ctx
        # Made inside the page stack, hidden: a page loads what it shows when it is first shown.
        stack = self.pages
        self.overview_page = OverviewPage(ctx, stack)
        self.report_page = ReportPage(ctx, stack)
        self.payments_page = PaymentsPage(ctx, stack)
        self.checkout_page = CheckoutPage(ctx, stack)
        self.refunds_page = RefundsPage(ctx, stack)
        self.webhooks_page = WebhooksPage(ctx, stack)
        self.events_page = EventsPage(ctx, stack)
        self.settings_page = SettingsPage(ctx, stack, profiles=self._profiles, keystore=self._keystore)
        self.settings_page.switchRequested.connect(self.switch_to_profile)
        self.settings_page.sandboxRequested.connect(self.switch_to_sandbox)
        for page in self.page_widgets():
            theme.apply_page_margins(page)
            icons.apply_button_icons(page)
            tables.fit_tables(page)
            self.pages.addWidget(page)
        self.refunds_page.openPaymentRequested.connect(self.open_payment)
        self.payments_page.refundCreated.connect(self._on_refund_created)
        if ctx.is_sandbox:
            # Verified webhooks reach the payment being taken at once; the status poll stays the backstop.
            self._unsubscribe_inspector = ctx.inspector.subscribe(self._on_webhook)
        from merchant_desk.ui.frame.freshness import PageFreshness

        self._freshness = PageFreshness(ctx, self.page_widgets, self.current_page, self)
        self._show_account()
        run_op(self, self._reconcile(ctx))

    def page_widgets(self) -> list[QWidget]:
        return [self.overview_page, self.payments_page, self.checkout_page, self.refunds_page, self.report_page,
                self.webhooks_page, self.events_page, self.settings_page]

    def _show_account(self) -> None:
        from merchant_desk.services.urls import is_loopback_url

        ctx = self.ctx
        self.mode_badge.setVisible(True)
        self.connection_state.setVisible(True)
        # The built-in account's name is ours to translate; a merchant's profile name is shown as typed.
        shown_name = self.tr("Sandbox") if ctx.is_sandbox and ctx.name == "Sandbox" else ctx.name
        self.account_name.setText(shown_name)
        self.mode_badge.set_mode(ctx.mode)
        self.sandbox_banner.setVisible(ctx.is_sandbox)
        text = self.tr("SANDBOX — no real money")
        if ctx.is_sandbox and ctx.sandbox_public_url and not is_loopback_url(ctx.sandbox_public_url):
            text += "  ·  " + self.tr("Phones on this network open cashier pages at %1").replace(
                "%1", ctx.sandbox_public_url
            )
        self.sandbox_banner.setText(text)
        suffix = {"sandbox": self.tr("SANDBOX"), "test": self.tr("TEST"), "live": self.tr("LIVE")}
        self.setWindowTitle(
            self.tr("Merchant Desk — %1 (%2)").replace("%1", shown_name).replace("%2", suffix.get(ctx.mode, ""))
        )

    def show_page(self, index: int) -> None:
        if 0 <= index < self.navigation.count():
            self.navigation.setCurrentRow(index)

    def show_page_named(self, object_name: str) -> bool:
        for index, (name, _text, _icon) in enumerate(self._nav_entries):
            if name == object_name:
                self.show_page(index)
                return True
        return False

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def _on_nav_row(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        app_settings().setValue(_SETTINGS_PAGE, self._nav_entries[row][0])
        freshness = getattr(self, "_freshness", None)
        if freshness is not None:
            freshness.page_shown(self.current_page())

    # ---- settings and shutdown ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value(_SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value(_SETTINGS_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        page = settings.value(_SETTINGS_PAGE, "overviewPage")
        if not self.show_page_named(str(page)):
            self.show_page(0)

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue(_SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(_SETTINGS_STATE, self.saveState())
        settings.setValue(_SETTINGS_PAGE, self._nav_entries[max(self.navigation.currentRow(), 0)][0])
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self._check_timer.stop()
        self._closed = True
        super().closeEvent(event)

    def _stop_freshness(self) -> None:
        freshness = getattr(self, "_freshness", None)  # none before the first account arrives
        if freshness is not None:
            freshness.stop()

    def cancel_tasks(self) -> list[asyncio.Task]:
        """Stop every background job of the window and its pages (synchronous: used on aboutToQuit)."""
        from merchant_desk.ui.frame.page import shutdown_page
        from merchant_desk.ui.widgets.ops import cancel_ops

        self._check_timer.stop()
        self._closed = True
        self._stop_freshness()  # no page reloads once quitting has begun
        tasks = cancel_ops(self)
        if self.ctx is not None:
            for page in self.page_widgets():
                tasks.extend(shutdown_page(page))
        return tasks

    async def shutdown(self) -> None:
        """Cancel the window's and its pages' work; then the composition root closes the account's client,
        the sandbox and the ledger (``accounts.aclose``)."""
        import asyncio

        from merchant_desk.ui.widgets.ops import running_ops

        tasks = self.cancel_tasks()
        if tasks:
            await asyncio.wait(tasks, timeout=2)
        retiring = running_ops(self._retiring)
        if retiring:
            await asyncio.wait(retiring, timeout=5)
        if self.accounts is not None:
            await self.accounts.aclose(self.ctx)
