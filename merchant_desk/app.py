"""Composition root: reads the command line, sets up Qt, qasync, logging and translations, picks the account
(a stored profile with its key from the keyring, or the embedded sandbox) and opens the main window.

``create_main_window`` is the one place a window is wired to an API; tests and embedders call it directly.

Start-up paints first: ``main`` imports only what the window's frame needs, shows it in its "starting"
state and paints it; the account's modules (services, the client and httpx, the ledger, the keyring, the
sandbox with starlette and uvicorn) are imported afterwards on a worker thread while the ledger opens and
the sandbox starts on others (``launch``). The names below that come from those modules are therefore
loaded into this module by ``_load_account_modules()``, called by every function that uses them; they stay
ordinary module attributes (``merchant_desk.app.Ledger``), so they can be replaced for a test.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import merchant_desk
from merchant_desk.command_line import (  # noqa: F401  (the app's)
    NO_DISPLAY_MESSAGE,
    LaunchError,
    LedgerUnavailable,
    build_parser,
    display_problem,
    window_launch,
)

if TYPE_CHECKING:
    import asyncio

    from merchant_desk.app_accounts import AppAccounts, build_context, ledger_options, start_app_sandbox, stored_account
    from merchant_desk.keystore import KeyStore
    from merchant_desk.ledger import Ledger, default_ledger_path
    from merchant_desk.logging_setup import current_log_file
    from merchant_desk.profiles import ProfileStore
    from merchant_desk.services.urls import base_url_for, is_loopback_url
    from merchant_desk.wooshpay import keys as wp_keys

log = logging.getLogger("merchant_desk.app")

# modules this module uses under a name of its own
_ACCOUNT_MODULE_NAMES = {
    "asyncio": "asyncio", "socket": "socket", "paths": "merchant_desk.paths", "wp_keys": "merchant_desk.wooshpay.keys",
}
# module -> the names this module takes from it
_ACCOUNT_IMPORTS: dict[str, tuple[str, ...]] = {
    "merchant_desk.keystore": ("KeyStore",),
    "merchant_desk.ledger": ("Ledger", "default_ledger_path"),
    "merchant_desk.logging_setup": ("current_log_file",),
    "merchant_desk.profiles": ("ProfileStore",),
    "merchant_desk.services.context": ("AccountContext",),
    "merchant_desk.services.urls": ("base_url_for", "is_loopback_url"),
    "merchant_desk.wooshpay": ("Client",),
    "merchant_desk.app_accounts": ("AppAccounts", "build_context", "start_app_sandbox", "lan_ipv4", "free_port",
                                   "ledger_options", "stored_account"),
}
# name in this module -> (module, attribute or None for the module itself)
_ACCOUNT_NAMES: dict[str, tuple[str, str | None]] = {
    **{name: (module, None) for name, module in _ACCOUNT_MODULE_NAMES.items()},
    **{name: (module, name) for module, names in _ACCOUNT_IMPORTS.items() for name in names},
}


def _load_account_modules() -> None:
    """Import what opening an account needs into this module's namespace (once; a name already set, e.g.
    by a test, is kept). Thread-safe: Python's import lock covers the imports, ``setdefault`` the names."""
    import importlib

    namespace = globals()
    for name, (module_name, attribute) in _ACCOUNT_NAMES.items():
        if name not in namespace:
            module = importlib.import_module(module_name)
            namespace.setdefault(name, module if attribute is None else getattr(module, attribute))


def __getattr__(name: str) -> Any:
    if name in _ACCOUNT_NAMES:
        _load_account_modules()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# How long opening the ledger waits for another program's lock before saying so.
LEDGER_BUSY_TIMEOUT = 15.0


# ---- the composition root -------------------------------------------------------------------------------
def create_main_window(
    *,
    base_url: str,
    secret_key: str,
    name: str | None = None,
    mode: str | None = None,
    ledger_path: Path | str | None = None,
    ledger: Ledger | None = None,
    sandbox_public_url: str | None = None,
    sandbox: Any = None,
    sandbox_lan: bool = False,
    profiles: ProfileStore | None = None,
    keystore: KeyStore | None = None,
    log_path: Path | None = None,
    connection_check_ms: int | None = None,
):
    """A ready main window against ``base_url`` with ``secret_key``; needs a running qasync loop.

    Touches neither the stored profiles nor the keyring (the settings page does, when the user acts).
    ``sandbox`` hands over a running SandboxHandle for the window to stop when it shuts down; ``ledger``
    an open Ledger (which the window then closes). Without one the ledger file is opened here, on the
    calling thread: ``open_main_window`` opens it on a worker thread instead.
    """
    from merchant_desk.ui.frame.main_window import CONNECTION_CHECK_MS, MainWindow

    _load_account_modules()
    if sandbox is not None and sandbox_public_url is None:
        sandbox_public_url = sandbox.public_url
    if ledger is None:
        ledger = Ledger(ledger_path if ledger_path is not None else default_ledger_path())
    ctx = build_context(
        base_url=base_url,
        secret_key=secret_key,
        ledger=ledger,
        name=name,
        mode=mode,
        sandbox_public_url=sandbox_public_url if sandbox_public_url is not None else (
            base_url if (mode == "sandbox" or (mode is None and is_loopback_url(base_url))) else None
        ),
    )
    profiles = profiles if profiles is not None else ProfileStore()
    keystore = keystore if keystore is not None else KeyStore()
    accounts = AppAccounts(
        ledger=ledger, profiles=profiles, keystore=keystore, sandbox=sandbox, sandbox_lan=sandbox_lan
    )
    window = MainWindow(
        ctx,
        accounts=accounts,
        profiles=profiles,
        keystore=keystore,
        log_path=log_path if log_path is not None else current_log_file(),
        connection_check_ms=connection_check_ms or CONNECTION_CHECK_MS,
    )
    _attach_till_lock(window, ledger)
    return window


def _attach_till_lock(window: Any, ledger: Ledger) -> None:
    """Shop mode: this till's session on the ledger; its lock asks for a sign-in once started (launch)."""
    from merchant_desk.services.shop.installation import default_till_name
    from merchant_desk.services.shop.session import ShopSession
    from merchant_desk.ui.shop.till_lock import TillLock

    window.till_lock = TillLock(window, ShopSession(ledger, ledger.till or default_till_name()))


async def open_main_window(*, ledger_path: Path | str | None = None, ledger_password: str | None = None,
                           till: str | None = None, **kwargs: Any):
    """``create_main_window`` with the ledger opened on a worker thread: opening SQLite creates the
    folder and the schema and syncs to disk (WAL, synchronous=FULL), which must not stall the GUI.
    ``ledger_path`` may also be a ``postgresql://`` URL (its password comes as ``ledger_password``).
    A ledger that cannot be opened (damaged, locked, read-only) is explained in a window with choices."""
    _load_account_modules()
    path = ledger_path if ledger_path is not None else await asyncio.to_thread(default_ledger_path)
    ledger = await _open_ledger_or_ask({"ledger_path": path, "ledger_password": ledger_password, "till": till})
    try:
        return create_main_window(ledger=ledger, **kwargs)
    except BaseException:
        await asyncio.to_thread(ledger.close)
        raise


def _preload_account_modules() -> None:
    """What opening the first account imports: run on a worker thread while the painted window waits,
    so the GUI thread only builds widgets. The page modules define Qt classes but make no Qt objects,
    which is safe off the GUI thread."""
    import importlib

    _load_account_modules()
    for module in ("merchant_desk.sandbox", "merchant_desk.ui.payments.payments_page",
                   "merchant_desk.ui.checkout.checkout_page", "merchant_desk.ui.refunds.refunds_page",
                   "merchant_desk.ui.webhooks.webhooks_page", "merchant_desk.ui.events.events_page",
                   "merchant_desk.ui.settings.settings_page", "merchant_desk.ui.overview.overview_page",
                   "merchant_desk.ui.report.report_page"):
        importlib.import_module(module)
    from merchant_desk import money

    money.load_locale_data()  # the interface language is set: its amounts' data, before any list paints


def _open_ledger(options: dict[str, Any]) -> Ledger:
    """The ledger ``ledger_options`` chose: a shop's shared PostgreSQL ledger or the local file."""
    location = options.get("ledger_path") or default_ledger_path()
    return Ledger.open(location, password=options.get("ledger_password"), till=options.get("till"),
                       busy_timeout=LEDGER_BUSY_TIMEOUT)


async def _open_ledger_or_ask(options: dict[str, Any]) -> Ledger:
    """``_open_ledger`` on a worker thread; a failure opens the ledger-problem window (try again, move a
    damaged file aside, quit) instead of ending start-up. Quitting raises ``LedgerUnavailable``."""
    _load_account_modules()
    from merchant_desk.ledger import is_postgres_url, redact
    from merchant_desk.ui.frame.ledger_problem import open_ledger_or_ask

    location = str(options.get("ledger_path") or await asyncio.to_thread(default_ledger_path)).removeprefix("sqlite://")
    if is_postgres_url(location):
        # A shared ledger has no file to move aside: its window offers try again and quit.
        ledger = await open_ledger_or_ask(Path(redact(location)), lambda _shown: _open_ledger(options))
    else:
        ledger = await open_ledger_or_ask(Path(location), lambda file: _open_ledger({**options, "ledger_path": file}))
    if ledger is None:
        raise LedgerUnavailable(f"merchant-desk: the ledger {redact(location)} could not be opened; nothing was changed")
    return ledger


async def launch(args: argparse.Namespace, *, sandbox_lan_setting: bool = False, window: Any = None):
    """Choose the account, start the sandbox if needed, and return the shown main window.

    ``window`` is the frame ``main`` has already painted in its starting state (``MainWindow(None)``);
    without one, one is made and shown here first. The account reaches it through ``set_context``, the
    path an account switch takes. Imports, the keyring, the ledger and the sandbox all work on worker
    threads meanwhile; the ledger opens while the sandbox starts.
    """
    import asyncio

    from PySide6.QtCore import QCoreApplication

    from merchant_desk.ui.frame.main_window import MainWindow

    if window is None:
        window = MainWindow(None)
        window.show_starting(sandbox=bool(args.sandbox or args.sandbox_lan))
        window.show()
    await asyncio.to_thread(_preload_account_modules)

    translate = QCoreApplication.translate
    profiles = ProfileStore()
    keystore = KeyStore()
    notice = None
    secret = None
    profile = None
    if not (args.sandbox or args.sandbox_lan):
        profile, secret, keyring_problem = await stored_account(profiles, keystore, args.profile)
        if profile is not None and keyring_problem is not None:
            notice = translate("App", "The key of “%1” could not be read: %2 Running the sandbox.") \
                .replace("%1", profile.name).replace("%2", keyring_problem)
        elif profile is not None and not secret:
            notice = translate("App", "No key is stored for “%1”. Running the sandbox.") \
                .replace("%1", profile.name)
    if notice:
        log.warning("%s", notice)
    shop_ledger = await ledger_options(getattr(args, "ledger", None), keystore)
    ledger_task = asyncio.ensure_future(_open_ledger_or_ask(shop_ledger))
    handle = None
    lan = False
    try:
        if secret and profile is not None:
            mode = wp_keys.key_mode(secret)
            base_url = profile.base_url or base_url_for(mode)
            ledger = await ledger_task
            ctx = build_context(base_url=base_url, secret_key=secret, ledger=ledger, name=profile.name, mode=mode)
            log.info("Opened account %r (%s mode, %s)", profile.name, mode, base_url)
        else:
            window.show_starting(sandbox=True)
            lan = args.sandbox_lan or (sandbox_lan_setting and not args.sandbox)
            handle = await asyncio.to_thread(start_app_sandbox, lan=lan)
            log.info("Sandbox running at %s (public address %s)", handle.base_url, handle.public_url)
            ledger = await ledger_task
            ctx = build_context(base_url=handle.base_url, secret_key=handle.secret_key, ledger=ledger,
                                name="Sandbox", mode="sandbox", sandbox_public_url=handle.public_url)
    except BaseException:
        # Nothing is left open behind a failed start: the ledger (its thread finishes opening it anyway,
        # so it is awaited and closed rather than cancelled) and the sandbox.
        opened = await asyncio.gather(ledger_task, return_exceptions=True)
        if not isinstance(opened[0], BaseException):
            await asyncio.to_thread(opened[0].close)
        if handle is not None:
            await asyncio.to_thread(handle.stop)
        raise
    window.set_services(
        accounts=AppAccounts(ledger=ledger, profiles=profiles, keystore=keystore, sandbox=handle, sandbox_lan=lan),
        profiles=profiles, keystore=keystore,
    )
    if window.log_path is None:
        window.log_path = current_log_file()
    window.set_context(ctx)
    _attach_till_lock(window, ledger)
    window.show()
    window.till_lock.start()
    if notice:
        window.statusBar().showMessage(notice, 20_000)
        window.settings_page.show_switch_error(notice)
    return window


def main(argv: list[str] | None = None) -> int:
    args = window_launch(sys.argv[1:] if argv is None else list(argv))
    if isinstance(args, int):
        return args  # served without a window of this process's own
    from merchant_desk import paths
    from merchant_desk.ui.app_settings import SETTINGS_SANDBOX_LAN, app_settings
    from merchant_desk.ui.frame.application import create_application, new_event_loop, run_until_quit
    from merchant_desk.ui.frame.main_window import MainWindow
    from merchant_desk.ui.frame.second_launch import activate_running
    from merchant_desk.ui.i18n import install_translator

    app = create_application(merchant_desk.__version__, paths.config_dir)
    from merchant_desk.ui.frame.single_instance import SingleInstanceServer

    # The name is claimed before any window appears; requests wait until ChargeRequests serves them.
    instance = SingleInstanceServer(parent=app)
    if not instance.listen():  # another launch won the race to start: hand over to it
        return 0 if activate_running(instance.name) else 1
    from merchant_desk.ui.settings.language_choice import chosen_language
    from merchant_desk.ui.widgets.theme import follow_system_scheme

    # --lang wins over the language chosen in Settings, which wins over the system's.
    translators = install_translator(app, args.lang or chosen_language(app_settings()))  # noqa: F841  (kept alive)
    follow_system_scheme(app)

    # The window first, in its starting state, painted at once (as a splash screen is): everything below
    # and the account itself (launch) come after the first paint.
    window = MainWindow(None)
    window.show_starting(sandbox=bool(args.sandbox or args.sandbox_lan))
    window.show()
    app.processEvents()

    from merchant_desk.logging_setup import install_excepthook, setup_logging
    from merchant_desk.responsiveness import share_the_gil

    share_the_gil()
    from merchant_desk.ui.frame.gui_thread_collector import GuiThreadCollector

    GuiThreadCollector(parent=app).start()  # before the sandbox's threads exist

    from merchant_desk.ui.frame.charge_requests import ChargeRequests

    charge_requests = ChargeRequests(instance, parent=app)  # from here on, later launches are served

    log_path = setup_logging()
    window.log_path = log_path
    install_excepthook()
    log.info("Merchant Desk %s starting (Python %s)", merchant_desk.__version__, sys.version.split()[0])

    loop = new_event_loop(app)
    state: dict[str, Any] = {"window": None, "status": 0}

    async def start() -> None:
        try:
            state["window"] = await launch(
                args, sandbox_lan_setting=app_settings().value(SETTINGS_SANDBOX_LAN, False, type=bool),
                window=window,
            )
            charge_requests.set_window(state["window"])
            from merchant_desk.responsiveness import freeze_after_startup

            freeze_after_startup()
        except LaunchError as exc:
            print(str(exc), file=sys.stderr)
            state["status"] = 2
            app.exit(2)
        except Exception:
            log.exception("Start-up failed")
            print(f"merchant-desk: start-up failed; details are in {log_path}", file=sys.stderr)
            state["status"] = 1
            app.exit(1)

    def about_to_quit() -> None:
        charge_requests.shutdown()
        instance.close()
        window = state["window"]
        if window is not None:
            window.save_settings()  # also when quitting by signal, without the window being closed
            window.cancel_tasks()

    app.aboutToQuit.connect(about_to_quit)
    # After the Qt loop has ended the asyncio side runs once more, to close clients and stop the sandbox.
    status = run_until_quit(app, loop, start, lambda: state["window"].shutdown() if state["window"] else None)
    log.info("Merchant Desk stopped")
    logging.shutdown()
    return state["status"] or (status if isinstance(status, int) else 0)
