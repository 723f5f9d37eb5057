"""Watching an object until it settles: growing pauses, passing failures ridden out, every change reported."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from merchant_desk.services.outbox import is_retryable
from merchant_desk.wooshpay import WooshPayError

log = logging.getLogger(__name__)

T = TypeVar("T")


async def poll(
    fetch: Callable[[], Awaitable[T]],
    on_update: Callable[[T], None],
    settled: Callable[[T], bool],
    *,
    changed: Callable[[T], object] | None = None,
    first_delay: float = 1.0,
    max_delay: float = 8.0,
    factor: float = 1.5,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Fetch after growing pauses until ``settled``; return the last answer.

    ``on_update`` sees every answer whose ``changed`` key differs from the one before (every answer when
    ``changed`` is None). Failures that say nothing final (network, 5xx, 429, 409) keep the pace; any other
    error ends the watch. Cancel the awaiting task to stop.
    """
    delay = first_delay
    last: object = object()
    while True:
        await sleep(delay)
        delay = min(delay * factor, max_delay)
        try:
            value = await fetch()
        except WooshPayError as exc:
            if not is_retryable(exc):
                raise
            log.info("watching: %s; will retry", type(exc).__name__)
            continue
        key = changed(value) if changed is not None else object()
        if key != last:
            last = key
            on_update(value)
        if settled(value):
            return value
