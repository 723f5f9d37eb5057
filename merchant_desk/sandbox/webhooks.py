"""Signed webhook delivery with retries (§10.1, §10.2), in a background thread.

WooshPay retries for 3 days, 18 attempts in all, with exponential backoff. The sandbox uses the doubling
schedule that fits exactly: 17 gaps of 2^i * 72 h / (2^17 - 1), i.e. about 2 s, 4 s, 8 s ... 36 h,
multiplied by ``time_factor`` so tests can watch retries arrive within milliseconds.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from merchant_desk.wooshpay.webhooks import sign

from .store import Store

MAX_ATTEMPTS = 18
TOTAL_SECONDS = 72 * 3600
RETRY_DELAYS = tuple(TOTAL_SECONDS * 2**i / (2 ** (MAX_ATTEMPTS - 1) - 1) for i in range(MAX_ATTEMPTS - 1))
DELIVERY_TIMEOUT = 10.0


def retry_delay(attempts_made: int, time_factor: float) -> float | None:
    """Seconds to wait after the ``attempts_made``-th failure, or None when the schedule is exhausted."""
    if attempts_made >= MAX_ATTEMPTS:
        return None
    return RETRY_DELAYS[attempts_made - 1] * time_factor


class DeliveryWorker:
    def __init__(self, store: Store, *, time_factor: float = 1.0, timeout: float = DELIVERY_TIMEOUT) -> None:
        self.store = store
        self.time_factor = time_factor
        self.timeout = timeout
        self._wake = threading.Condition()
        self._stopping = False
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sandbox-webhook")
        # Plain-http endpoints (the usual local receivers) get a client without TLS set-up: it never sees
        # an https URL, so loading the CA bundle (~17 ms at every sandbox start) would buy nothing. The
        # verifying client for https endpoints is made at the first such delivery.
        self._http = httpx.Client(timeout=timeout, follow_redirects=False, verify=False)
        self._https: httpx.Client | None = None
        self._https_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="sandbox-webhooks", daemon=True)

    def start(self) -> None:
        self.store.requeue_interrupted()
        self._thread.start()

    def wake(self) -> None:
        with self._wake:
            self._wake.notify_all()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        self._thread.join(timeout=5)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._http.close()
        if self._https is not None:
            self._https.close()

    def _client_for(self, url: str) -> httpx.Client:
        if not url.strip().lower().startswith("https:"):
            return self._http
        with self._https_lock:
            if self._https is None:
                self._https = httpx.Client(timeout=self.timeout, follow_redirects=False)
            return self._https

    def _run(self) -> None:
        while True:
            with self._wake:
                if self._stopping:
                    return
            try:
                due = self.store.due_deliveries(time.time())
            except Exception:  # the store was closed under us during shutdown
                return
            for delivery in due:
                self._pool.submit(self._deliver, delivery)
            if due:
                continue
            next_at = self.store.next_delivery_time()
            wait = 1.0 if next_at is None else max(0.0, min(1.0, next_at - time.time()))
            with self._wake:
                if not self._stopping:
                    self._wake.wait(wait)

    def _deliver(self, delivery: Any) -> None:
        event = self.store.get("event", delivery["event_id"])
        endpoint = self.store.get("webhook_endpoint", delivery["endpoint_id"])
        if event is None or endpoint is None or endpoint.get("status") != "enabled":
            # Deleted or disabled since the event fired: nobody to tell any more.
            self.store.abandon_delivery(delivery["id"])
            return
        body = json.dumps(event, separators=(",", ":")).encode()
        header = sign(body, endpoint["secret"], int(time.time()))
        status: int | None = None
        error: str | None = None
        try:
            response = self._client_for(endpoint["url"]).post(
                endpoint["url"],
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "Wooshpay-Signature": header,
                    "User-Agent": "WooshPay-Sandbox/1.0 (+merchant-desk)",
                },
            )
            status = response.status_code
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except httpx.TimeoutException:
            error = "timeout"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        delay = None if error is None else retry_delay(delivery["attempts"] + 1, self.time_factor)
        next_at = None if delay is None else time.time() + delay
        next_ms = None if delay is None else self.store.now_ms() + int(delay * 1000)
        try:
            self.store.finish_attempt(
                delivery, event["type"], status=status, error=error, next_at=next_at, next_retry_at_ms=next_ms
            )
        except Exception:
            return
        if next_at is not None:
            self.wake()
