"""The outbox: every mutating request is written to the ledger before it is sent, and this module alone
decides what an error means for it.

A mutating request is written to the ledger with its idempotency key before it leaves the machine. When
its answer never arrives we cannot know whether the server acted, so we never send a *new* request:
we send the same body with the same key again, and the server either replays its first answer or acts
for the first time. Either way the entry ends resolved and the object exists exactly once.

Services hand their callers a ``RequestHandle`` (the key and the body as written); a failure arrives as
``RequestFailed`` with that handle and ``open`` = whether the ledger keeps the request pending, so that
"try again" is ``service.retry(handle)`` and never a second request.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from merchant_desk.ledger import ClaimRefused, claim_key_of, entry_key
from merchant_desk.services.changes import Change, ChangeFeed, change_from_response
from merchant_desk.services.outcomes import NeedsDecision, SentNotRecorded
from merchant_desk.services.problems import Problem, classify
from merchant_desk.wooshpay import (
    APIError,
    IdempotencyError,
    NetworkError,
    RateLimitError,
    WooshPayError,
)

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger, OutboxEntry
    from merchant_desk.wooshpay import Client

log = logging.getLogger(__name__)

JSON = dict[str, object]
# How long recording an answer waits for the page's first look at it (``Outbox.send``'s ``on_answer``).
SHOW_FIRST_S = 0.2


def is_retryable(exc: BaseException) -> bool:
    """True when the server may or may not have acted, so the entry must stay pending for a re-send.

    5xx (and unreadable 2xx bodies, a subclass), 429 and 409 (the same key still in flight) say nothing
    final about the request; a network failure says nothing at all.
    """
    if isinstance(exc, IdempotencyError):
        # 409: the first request with this key is still being worked on. A 400 idempotency_error means
        # the key was used for different parameters: that will never succeed.
        return exc.http_status == 409
    return isinstance(exc, (NetworkError, APIError, RateLimitError))


_BARE_VERBS = ("cancel", "capture", "expire")


def _past(verb: str) -> str:
    return f"{verb}d" if verb.endswith("e") else f"{verb}ed"


def audit_action(kind: str) -> str:
    """The audit log's name for what an outbox entry did. Kinds are an object ("refund" → "refund.created"),
    "<object>.<verb>" ("payment_intent.cancel" → "payment_intent.canceled") or a bare verb ("expire")."""
    obj, dot, verb = kind.rpartition(".")
    if dot:
        return f"{obj}.{_past(verb)}"
    if kind in _BARE_VERBS:
        return f"outbox.{_past(kind)}"
    return f"{kind}.created"


@dataclass(frozen=True)
class RequestHandle:
    """A mutating request as the ledger holds it: what "try again" needs, and nothing a page must keep apart.

    ``target`` is the object the request acts on (a cancel's payment, an expire's session), if any.
    """

    key: str
    kind: str
    body: Mapping[str, object]
    target: str | None = None


class RequestFailed(Exception):
    """A mutating request failed. ``open`` is True when the ledger keeps it pending (the answer is unknown):
    then ``service.retry(handle)`` sends the same request again; otherwise it was refused for good."""

    def __init__(self, handle: RequestHandle, error: WooshPayError, *, open: bool) -> None:
        super().__init__(str(error) or type(error).__name__)
        self.handle = handle
        self.error = error
        self.open = open

    @property
    def problem(self) -> Problem:
        return classify(self.error)

    @property
    def param(self) -> str | None:
        """The request field the server named, for a refusal of bad input (else None)."""
        return self.error.param


class ApiObject(Protocol):
    @property
    def raw(self) -> dict[str, object]: ...


Obj = TypeVar("Obj", bound=ApiObject)
T = TypeVar("T")


def without_secrets(response: object) -> object:
    """The answer as the ledger may keep it: a webhook endpoint's signing secret never goes to disk."""
    if isinstance(response, dict) and "secret" in response:
        return {k: v for k, v in response.items() if k != "secret"}
    return response


def _object_id(response: object) -> str | None:
    value = response.get("id") if isinstance(response, dict) else None
    return value if isinstance(value, str) else None


async def _record_success(ledger: Ledger, entry_kind: str, key: str, body: object, response: object,
                          account: str) -> None:
    stored = without_secrets(response)
    object_id = _object_id(response)
    try:
        # The audit row goes in with the state change, once per key: two resolvers of one entry (a retry
        # and the start-up reconcile) leave one row.
        await asyncio.to_thread(
            ledger.complete, key, object_id, stored,
            audit_action=audit_action(entry_kind),
            audit_details={"idempotency_key": key, "request": body, "response": stored},
        )
    except Exception as exc:  # locked, read-only, disk full: the object exists all the same
        log.warning("outbox: %s was made on the server but could not be recorded: %s", key, exc)
        raise SentNotRecorded(key, entry_kind, response, exc) from exc


async def _record_failure(ledger: Ledger, key: str, exc: WooshPayError) -> bool:
    """Mark the entry failed; returns whether it stays open (pending) for a re-send."""
    still_open = is_retryable(exc)
    await asyncio.to_thread(ledger.fail, key, str(exc) or type(exc).__name__, final=not still_open)
    return still_open


class InProgressElsewhere(Exception):
    """Another till (or another task of this one) holds the claim for this request's payment or entry,
    so nothing was sent. ``till`` names the holder ("" when it could not be told)."""

    def __init__(self, claim_key: str, till: str) -> None:
        super().__init__(f"{claim_key} is in progress at {till or 'another till'}")
        self.claim_key = claim_key
        self.till = till


class ResolvedElsewhere(WooshPayError):
    """The entry was refused for good while this till waited for it (by another till): not sent again."""


# Claims this flow (task and the tasks it starts) holds already: claiming one again inside is a no-op.
_claims_here: ContextVar[frozenset[str]] = ContextVar("outbox_claims_here", default=frozenset())


@asynccontextmanager
async def claimed(ledger: Ledger, key: str, then: Callable[[], T] | None = None) -> AsyncIterator[T | None]:
    """Hold the ledger claim ``key`` for the block: no other till sends anything under it meanwhile.
    Raises ``InProgressElsewhere`` (before anything is sent) when someone else holds it.

    ``then`` runs on the same worker trip once the claim is taken (e.g. writing the request), and the block
    gets its result: one trip to the disk instead of two before a request can go out."""
    if key in _claims_here.get():
        yield None if then is None else await asyncio.to_thread(then)
        return

    def take() -> T | None:
        ledger.claim(key)
        if then is None:
            return None
        try:
            return then()
        except BaseException:
            ledger.release(key)
            raise

    # Handed to the worker now, not once a task first runs (the disk is busy while the loop goes on), in a
    # copy of this context as ``asyncio.to_thread`` would (an approver set by ``approved_by`` goes along).
    work = asyncio.get_running_loop().run_in_executor(None, functools.partial(contextvars.copy_context().run, take))
    try:
        result = await asyncio.shield(work)
    except ClaimRefused as refused:
        raise InProgressElsewhere(key, refused.till) from None
    except asyncio.CancelledError:
        # The claim may still be taken on the worker thread: give it back once it is.
        def give_back(done: asyncio.Future[T | None]) -> None:
            if not done.cancelled() and done.exception() is None:
                ledger.release(key)

        work.add_done_callback(give_back)
        raise
    token = _claims_here.set(_claims_here.get() | {key})
    try:
        yield result
    finally:
        _claims_here.reset(token)
        try:
            await asyncio.shield(asyncio.to_thread(ledger.release, key))
        except Exception as exc:  # noqa: BLE001 - a locked ledger must not hide what the block raised
            # The claim row outlives us only until its lease ends; this ledger may take it again at once.
            log.warning("outbox: the claim %s could not be given back: %s", key, exc)


async def send_entry(client: Client, ledger: Ledger, entry: OutboxEntry, *, account: str) -> JSON:
    """Re-send one outbox entry exactly as recorded, with its own idempotency key; record the outcome.

    Returns the response body. On failure the entry is marked failed (final for a definite refusal,
    retryable otherwise) and the client's error is raised again.

    The entry is claimed first (``claimed``): while another till sends it, or anything else for the same
    payment, ``InProgressElsewhere`` is raised and nothing is sent. Once claimed, the entry is read again:
    another till may have resolved it meanwhile, and then its answer is returned instead of a re-send.
    An entry older than the server's idempotency window is then looked up (``late_retry``): it may be
    completed from what the server holds, or raise ``NeedsDecision`` without being sent.
    ``SentNotRecorded``: the server acted but the ledger could not record it; the entry stays pending for
    the next pass.
    """
    async with claimed(ledger, claim_key_of(entry)):
        return await _send_claimed(client, ledger, entry, account=account)


async def _send_claimed(client: Client, ledger: Ledger, entry: OutboxEntry, *, account: str) -> JSON:
    from merchant_desk.services.late_retry import before_resend  # it builds on this module

    key = entry.idempotency_key
    current = await asyncio.to_thread(ledger.get, key)
    if current is not None and current.state == "done" and isinstance(current.response, dict):
        return current.response
    if current is not None and current.state == "failed" and entry.state == "pending":
        raise ResolvedElsewhere(current.error or "refused")
    # Under the claim, so that no other till looks up and re-sends the same old request at once.
    found = await before_resend(client, ledger, current or entry, account=account)
    if found is not None:
        return found
    try:
        response = await client.request(entry.method, entry.path, json=entry.body, idempotency_key=key)
    except WooshPayError as exc:
        await _record_failure(ledger, key, exc)
        raise
    await _record_success(ledger, entry.kind, key, entry.body, response, account)
    return response


class Outbox:
    """One account's outbox: ``begin`` writes a request, ``send`` makes its typed call, ``retry`` re-sends it."""

    def __init__(self, client: Client, ledger: Ledger, account: str, changes: ChangeFeed | None = None) -> None:
        self.client = client
        self.ledger = ledger
        self.account = account
        self.changes = changes  # told of every request that succeeded

    async def begin(self, kind: str, path: str, body: Mapping[str, object], *, key: str | None = None,
                    target: str | None = None) -> RequestHandle:
        return await asyncio.to_thread(self.write, kind, path, body, key=key, target=target)

    def write(self, kind: str, path: str, body: Mapping[str, object], *, key: str | None = None,
              target: str | None = None) -> RequestHandle:
        """``begin`` on the calling thread (a worker: it waits for the disk)."""
        from merchant_desk.services.late_retry import tag_request

        if target is None:
            # A create carries its outbox key in metadata, so that what it made can be found after the
            # server has forgotten the key (services.late_retry).
            key = key or str(uuid.uuid4())
            body = tag_request(dict(body), key)
        entry = self.ledger.begin(kind, "POST", path, dict(body), account=self.account, idempotency_key=key)
        stored = entry.body if isinstance(entry.body, dict) else dict(body)
        return RequestHandle(entry.idempotency_key, entry.kind, stored, target)

    async def send(self, handle: RequestHandle, call: Callable[[str], Awaitable[Obj]],
                   on_answer: Callable[[Obj], object] | None = None) -> Obj:
        """Make the typed call with the handle's key; the ledger records the answer or the failure.

        ``on_answer(result)`` runs as soon as the answer is read, before the ledger records it (a page shows
        it a few disk syncs sooner); ``send`` itself returns once the answer is recorded. When ``on_answer``
        returns an awaitable (a QR code being encoded), recording waits for it, for ``SHOW_FIRST_S`` at
        most: both need the interpreter, and a customer is waiting for the code. Nothing is lost by showing
        it first: the request was written before it was sent, and an answer not yet recorded is recorded by
        the next reconcile, with the same key.
        """
        try:
            result = await call(handle.key)
        except WooshPayError as exc:
            still_open = await _record_failure(self.ledger, handle.key, exc)
            raise RequestFailed(handle, exc, open=still_open) from exc
        if on_answer is not None:
            try:
                shown = on_answer(result)
            except Exception:  # showing early is a courtesy; the recorded answer still comes back
                log.exception("outbox: on_answer failed")
            else:
                if inspect.isawaitable(shown):
                    await asyncio.wait([asyncio.ensure_future(shown)], timeout=SHOW_FIRST_S)
        await _record_success(self.ledger, handle.kind, handle.key, dict(handle.body), result.raw, self.account)
        if self.changes is not None:
            self.changes.publish(change_from_response(audit_action(handle.kind), result.raw))
        return result

    async def retry(self, handle: RequestHandle, call: Callable[[str], Awaitable[Obj]],
                    read: Callable[[dict[str, object]], Obj]) -> Obj:
        """Send ``handle``'s request again with its key, unless the ledger already knows how it ended.
        Under the request's claim, so no other till re-sends it at the same moment."""
        entry = await asyncio.to_thread(self.ledger.get, handle.key)
        claim = claim_key_of(entry) if entry is not None else entry_key(handle.key)
        async with claimed(self.ledger, claim):
            return await self._retry_claimed(handle, call, read)

    async def _retry_claimed(self, handle: RequestHandle, call: Callable[[str], Awaitable[Obj]],
                             read: Callable[[dict[str, object]], Obj]) -> Obj:
        entry = await asyncio.to_thread(self.ledger.get, handle.key)
        if entry is not None and entry.state == "done" and isinstance(entry.response, dict):
            return read(entry.response)
        if entry is not None and entry.state == "failed":
            raise RequestFailed(handle, WooshPayError(entry.error or "refused"), open=False)
        if entry is not None:
            from merchant_desk.services.late_retry import before_resend

            found = await before_resend(self.client, self.ledger, entry, account=self.account)
            if found is not None:
                return read(found)
        return await self.send(handle, call)

    async def reconcile(self) -> ReconcileReport:
        report = await reconcile_pending(self.client, self.ledger, self.account)
        if self.changes is not None and report.resolved:
            self.changes.publish(Change("outbox", "resolved"))
        return report

    async def pending(self, kind: str | None = None) -> list[OutboxEntry]:
        entries = await asyncio.to_thread(self.ledger.pending, account=self.account)
        return [e for e in entries if kind is None or e.kind == kind]


@dataclass
class ReconcileReport:
    """What one pass over the pending entries did. ``unresolved`` stays pending (network down, 5xx)."""

    resolved: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    # Old requests whose outcome could not be established: not sent, waiting for a person.
    needs_decision: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.unresolved


async def reconcile_pending(client: Client, ledger: Ledger, account: str) -> ReconcileReport:
    """Re-send every pending outbox entry of ``account`` with its original key, oldest first.

    Run at app start and from the "Retry" button. Stops early when the network is down: every later
    request would fail the same way and the entries simply stay pending for the next pass.
    """
    report = ReconcileReport()
    entries = await asyncio.to_thread(ledger.pending, account=account)
    for index, entry in enumerate(entries):
        key = entry.idempotency_key
        try:
            await send_entry(client, ledger, entry, account=account)
        except InProgressElsewhere as exc:
            # Another till is sending it (or something else for its payment): it resolves it, not us.
            report.errors[key] = str(exc)
            report.unresolved.append(key)
        except NetworkError as exc:
            report.errors[key] = str(exc)
            report.unresolved.extend(e.idempotency_key for e in entries[index:])
            log.warning("outbox: network down, %d entries stay pending", len(entries) - index)
            break
        except WooshPayError as exc:
            report.errors[key] = str(exc)
            (report.unresolved if is_retryable(exc) else report.failed).append(key)
        except NeedsDecision:
            report.needs_decision.append(key)
        except SentNotRecorded as exc:
            report.errors[key] = str(exc)
            report.unresolved.append(key)
        else:
            report.resolved.append(key)
    if report.resolved or report.failed:
        log.info("outbox: %d resolved, %d failed, %d pending", len(report.resolved), len(report.failed),
                 len(report.unresolved))
    return report
