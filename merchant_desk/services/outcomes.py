"""Outcomes of sending an outbox entry that are neither success nor refusal, as exceptions the pages show
honestly: the server acted but the ledger could not record it; an old request's outcome is unknown."""

from __future__ import annotations

from typing import Any


class SentNotRecorded(Exception):
    """The server made the object, but writing its answer to the ledger failed (locked, disk full).

    The entry stays pending; the next reconcile pass (or a retry with the same key) records it. The
    object exists: the person must not be told that the request failed.
    """

    def __init__(self, key: str, kind: str, response: Any, cause: BaseException) -> None:
        super().__init__(f"made on the server, not yet recorded in the ledger: {cause}")
        self.key = key
        self.kind = kind
        self.response = response
        self.cause = cause

    @property
    def object_id(self) -> str | None:
        return self.response.get("id") if isinstance(self.response, dict) else None


class NeedsDecision(Exception):
    """An old request whose outcome could not be established was not sent again; its entry now waits
    for a person (``ledger.awaiting_decision``). ``entry.evidence`` holds what they need to decide."""

    def __init__(self, entry: Any) -> None:
        super().__init__(f"request {entry.idempotency_key} needs a decision before anything is sent")
        self.entry = entry
