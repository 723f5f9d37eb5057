"""``Idempotency-Key`` on POST (likely as Stripe, §1.3): the same key with the same request replays the
first successful answer; with a different path or body it is an ``idempotency_error``. Keys live 24 h.

Failed requests are not remembered (as Stripe does for requests that fail validation), so a retry after
an error runs again. The lookup, the work and the record happen in one transaction, so two concurrent
requests with one key cannot both do the work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from .encoded import text_of
from .errors import ApiError
from .store import Store

KEY_LIFETIME_MS = 24 * 3600 * 1000


def fingerprint(params: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def replay_or_run(
    store: Store,
    method: str,
    path: str,
    params: dict[str, Any],
    key: str | None,
    work: Callable[[], dict[str, Any]],
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """``(status, body, extra headers)`` of the request, run at most once per idempotency key.

    A refused request (``ApiError``) rolls the whole transaction back: nothing it wrote stays, and its key
    is not remembered."""
    try:
        with store.transaction():
            if key:
                record = store.idempotency_record(key, max_age_ms=KEY_LIFETIME_MS)
                if record is not None:
                    if (
                        record["method"] != method
                        or record["path"] != path
                        or record["fingerprint"] != fingerprint(params)
                    ):
                        raise ApiError(
                            400,
                            "Keys for idempotent requests can only be used with the same parameters they were "
                            f"first used with. Try a new key instead of '{key}'.",
                            type="idempotency_error",
                        )
                    return record["status"], json.loads(record["response"]), {"Idempotent-Replayed": "true"}
            body = work()
            if key:
                store.save_idempotency(key, method, path, fingerprint(params), 200, text_of(body))
            return 200, body, {}
    except ApiError as exc:
        return exc.status, exc.body(), exc.headers
