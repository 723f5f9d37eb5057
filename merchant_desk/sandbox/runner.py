"""Running the sandbox: uvicorn in a daemon thread on a socket bound up front (so port 0 works and the
public URL is known before the app is built), plus the webhook worker. Returns once uvicorn serves."""

from __future__ import annotations

import secrets
import socket
import threading
from dataclasses import dataclass, replace
from typing import Any

import uvicorn

from .app import create_app
from .events import EventBus
from .faults import Faults
from .state import SandboxState
from .store import Store, StoreError
from .webhooks import DeliveryWorker


def _issue_keys(store: Store) -> tuple[str, str]:
    """A file database keeps its keys, so the app's saved sandbox profile still works after a restart."""
    secret, publishable = store.meta("secret_key"), store.meta("publishable_key")
    if not secret or not publishable:
        secret = "sk_test_" + secrets.token_urlsafe(24)
        publishable = "pk_test_" + secrets.token_urlsafe(24)
        store.set_meta("secret_key", secret)
        store.set_meta("publishable_key", publishable)
    return secret, publishable


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class _Server(uvicorn.Server):
    """Says when it serves, so start() waits on an event instead of polling. The socket listens before the
    thread starts, so a request sent at that moment is simply queued until uvicorn accepts it."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()

    def run(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            super().run(sockets=sockets)
        finally:
            self.ready.set()  # also when it failed to start: start() then sees it is not serving


@dataclass(frozen=True)
class SandboxOptions:
    """How a sandbox is run: where it listens, what cashier URLs carry, where it keeps its data."""

    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port
    public_url: str | None = None  # what cashier URLs carry; the listening address when None
    db: str = ":memory:"  # a file keeps objects (and the keys) across restarts
    any_key: bool = False  # accept any sk_test_ key, not just the one issued
    webhook_time_factor: float = 1.0  # < 1 makes webhook retry delays shorter
    faults: dict[str, Any] | None = None  # the fault settings to start with (see faults.py)


class SandboxHandle:
    """A running sandbox. ``base_url`` is where the API answers; ``public_url`` is what cashier URLs carry.

    ``SandboxHandle(options)`` or with the options as keywords (``SandboxHandle(db=path)``), or both: the
    keywords replace those of ``options``."""

    def __init__(self, options: SandboxOptions | None = None, /, **overrides: Any) -> None:
        options = replace(options or SandboxOptions(), **overrides)
        host, port, db = options.host, options.port, options.db
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP spelt out: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without
        # it every answer waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self._socket.listen(128)
        self.port: int = self._socket.getsockname()[1]
        self.base_url = f"http://{_url_host(host)}:{self.port}"
        self.public_url = (options.public_url or self.base_url).rstrip("/")
        try:
            self.store = Store(db)
        except StoreError:
            self._socket.close()
            raise
        self.secret_key, self.publishable_key = _issue_keys(self.store)
        self.worker = DeliveryWorker(self.store, time_factor=options.webhook_time_factor)
        self.faults = Faults(**(options.faults or {}))
        self.state = SandboxState(
            store=self.store,
            bus=EventBus(self.store, self.worker.wake),
            faults=self.faults,
            public_url=self.public_url,
            secret_key=self.secret_key,
            publishable_key=self.publishable_key,
            any_key=options.any_key,
        )
        config = uvicorn.Config(
            create_app(self.state), log_level="warning", http="h11", lifespan="off", access_log=False,
            # The sandbox reads neither the client's address nor the scheme, so X-Forwarded-* headers (trusted
            # from 127.0.0.1 by default) would be parsed for nothing on every request; and nothing reads a
            # Server header, so its answers carry none.
            proxy_headers=False, server_header=False,
        )
        self._server = _Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="sandbox-http", daemon=True
        )
        self._stopped = False

    def start(self, timeout: float = 15.0) -> SandboxHandle:
        self.worker.start()
        self._thread.start()
        if self._server.ready.wait(timeout) and self._server.started and not self._server.should_exit:
            return self
        self.stop()
        raise RuntimeError(f"The sandbox did not start answering at {self.base_url}.")

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self.worker.stop()
        self._socket.close()
        self.store.close()

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:  # never shows the key
        return f"<SandboxHandle {self.base_url}>"


def start_sandbox(options: SandboxOptions | None = None, /, **overrides: Any) -> SandboxHandle:
    """Start a sandbox in background threads and return once it serves HTTP (options as for
    :class:`SandboxHandle`)."""
    return SandboxHandle(options, **overrides).start()
