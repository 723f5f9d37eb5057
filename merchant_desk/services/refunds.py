"""Refund a payment exactly once: check the amount against what is left, write the request to the ledger
with its idempotency key, send it, record the answer and audit it.

A refund is money leaving the merchant: the amount is checked before anything is sent, and a request
whose answer was lost is re-sent with the same key (see ``outbox``), never as a second refund.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from merchant_desk import money
from merchant_desk.ledger import payment_key
from merchant_desk.services.outbox import InProgressElsewhere, RequestFailed, RequestHandle, claimed
from merchant_desk.services.outbox_service import OutboxService
from merchant_desk.services.outcomes import NeedsDecision
from merchant_desk.wooshpay import ModelError, NotFoundError, Refund

if TYPE_CHECKING:
    from merchant_desk.ledger import OutboxEntry
    from merchant_desk.wooshpay import PaymentIntent

log = logging.getLogger(__name__)

REFUND_KIND = "refund"  # the ledger's kind for refund requests (see Ledger.refunds_known)
# The reasons a merchant may give (docs/wooshpay-api.md §4); "expired_uncaptured_charge" is set by the server only.
REFUND_REASONS: tuple[str, ...] = ("requested_by_customer", "duplicate", "fraudulent", "resolved_dispute")
DEFAULT_REASON = "requested_by_customer"
# Refund statuses (likely as Stripe, §4) under which the money is gone or on its way out.
_RELEASED_STATUSES = frozenset({"failed", "canceled"})
NOTE_MAX_LENGTH = 500


class RefundRefused(ValueError):
    """The refund was refused before any refund request was sent.

    ``code`` says why, with the numbers a sentence needs; the interface makes the sentence (the text of
    the exception is for logs). Codes: ``not_succeeded`` (``status``), ``earlier_unresolved``,
    ``fully_refunded``, ``not_whole`` , ``not_positive``, ``over_remainder`` (``remainder_minor``,
    ``currency``), ``bad_reason``, ``note_too_long`` (``limit``), ``needs_decision`` (an earlier refund waits
    for a person, see services.decisions), ``wallet_rule`` (``services.wallet_rules.WalletRuleRefusal``).
    """

    def __init__(self, code: str, log_text: str, *, status: str | None = None, remainder_minor: int | None = None,
                 currency: str | None = None, limit: int | None = None) -> None:
        super().__init__(log_text)
        self.code = code
        self.status = status
        self.remainder_minor = remainder_minor
        self.currency = currency
        self.limit = limit


RefundNotAllowed = RefundRefused  # the earlier name


class RefundInProgress(RefundRefused):
    """Code ``in_progress``: another till (``till``) is refunding or cancelling this payment right now;
    nothing was sent."""

    def __init__(self, payment_intent: str, till: str) -> None:
        super().__init__("in_progress", f"A refund of this payment is in progress at {till or 'another till'}.")
        self.payment_intent = payment_intent
        self.till = till


@dataclass(frozen=True)
class RefundSummary:
    """What has been refunded from one payment and what is left to refund."""

    refunded_minor: int
    remainder_minor: int
    refunds: list[Refund]
    intent: "PaymentIntent | None" = None
    # True when the server has no refunds list: ``refunds`` are the ones this app's ledger knows.
    from_ledger: bool = False
    # Refund requests of this payment still unresolved in the outbox; their amounts are kept out of
    # the remainder until they are resolved, so that the remainder never over-promises.
    pending_minor: int = 0
    pending_keys: tuple[str, ...] = field(default=())
    # Of those, the old requests whose outcome could not be established: a person decides them
    # (services.decisions), nothing is sent for this payment until then.
    decision_keys: tuple[str, ...] = field(default=())

    @property
    def currency(self) -> str | None:
        return self.intent.currency.upper() if self.intent and self.intent.currency else None


def counts_as_refunded(refund: Refund) -> bool:
    return (refund.status or "") not in _RELEASED_STATUSES


def refundable_total(intent: "PaymentIntent") -> int:
    """The amount the customer actually paid; ``amount_received`` when the server reports it."""
    received = getattr(intent, "amount_received", None)
    return int(received) if received else int(intent.amount or 0)


def summarize(
    intent: "PaymentIntent",
    refunds: list[Refund],
    *,
    from_ledger: bool = False,
    pending: tuple[tuple[str, int], ...] = (),
) -> RefundSummary:
    refunded = sum(int(r.amount or 0) for r in refunds if counts_as_refunded(r))
    pending_minor = sum(amount for _, amount in pending)
    remainder = max(0, refundable_total(intent) - refunded - pending_minor)
    if intent.status != "succeeded":
        remainder = 0
    newest_first = sorted(refunds, key=lambda r: (r.created is not None, r.created), reverse=True)
    return RefundSummary(
        refunded_minor=refunded,
        remainder_minor=remainder,
        refunds=newest_first,
        intent=intent,
        from_ledger=from_ledger,
        pending_minor=pending_minor,
        pending_keys=tuple(key for key, _ in pending),
    )


def refusal(summary: RefundSummary, amount_minor: int | None) -> RefundRefused | None:
    """Why ``amount_minor`` (None = everything left) cannot be refunded now; None if it can."""
    intent = summary.intent
    if intent is not None and intent.status != "succeeded":
        return RefundRefused("not_succeeded", f"Only succeeded payments can be refunded; this one is “{intent.status}”.",
                             status=intent.status)
    if summary.decision_keys:
        return RefundRefused("needs_decision", "An earlier refund of this payment needs a decision first.")
    if summary.pending_keys:
        return RefundRefused("earlier_unresolved", "An earlier refund of this payment is still unresolved.")
    if summary.remainder_minor <= 0:
        return RefundRefused("fully_refunded", "This payment has been refunded in full.")
    if amount_minor is None:
        return None
    return amount_refusal(summary, amount_minor)


def amount_refusal(summary: RefundSummary, amount_minor: int) -> RefundRefused | None:
    """Why this amount cannot be refunded from what is left (the amount alone, not the payment's state)."""
    if isinstance(amount_minor, bool) or not isinstance(amount_minor, int):
        return RefundRefused("not_whole", "The refund amount must be a whole number of minor units.")
    if amount_minor <= 0:
        return RefundRefused("not_positive", "The refund amount must be more than zero.")
    if amount_minor > summary.remainder_minor:
        currency = summary.currency
        left = money.format_minor(summary.remainder_minor, currency) if currency else str(summary.remainder_minor)
        return RefundRefused("over_remainder", f"At most {left} is left to refund.",
                             remainder_minor=summary.remainder_minor, currency=currency)
    return None


def build_refund_body(payment_intent: str, amount_minor: int, reason: str, note: str | None) -> dict[str, Any]:
    # The amount is always explicit, even for a full refund: the server then refunds exactly what the
    # user confirmed, never a remainder that changed in between.
    body: dict[str, Any] = {"payment_intent": payment_intent, "amount": amount_minor, "reason": reason}
    note = (note or "").strip()
    if note:
        body["metadata"] = {"note": note}
    return body


REFUND_STATUSES: tuple[str, ...] = ("pending", "succeeded", "failed", "canceled", "requires_action")


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _ms(value: datetime) -> int:
    return int(_aware(value).timestamp() * 1000)


@dataclass(frozen=True)
class RefundFilter:
    """What the refunds page shows: ``created_from`` inclusive, ``created_before`` exclusive."""

    status: str | None = None
    created_from: datetime | None = None
    created_before: datetime | None = None
    payment_intent: str | None = None

    def server_params(self) -> dict[str, Any]:
        """Filters GET /v1/refunds understands (likely as Stripe, §8: ``created`` bounds in ms).

        Status is not a list filter there, so it is applied here; every filter is applied here again
        in ``matches`` anyway, so a server that ignores one still yields the right rows.
        """
        params: dict[str, Any] = {}
        if self.payment_intent:
            params["payment_intent"] = self.payment_intent
        if self.created_from is not None:
            params["created[gte]"] = _ms(self.created_from)
        if self.created_before is not None:
            params["created[lt]"] = _ms(self.created_before)
        return params

    def matches(self, refund: Refund) -> bool:
        if self.status and (refund.status or "") != self.status:
            return False
        if self.payment_intent and refund.payment_intent != self.payment_intent:
            return False
        if self.created_from is not None or self.created_before is not None:
            if refund.created is None:
                return False
            created = _aware(refund.created)
            if self.created_from is not None and created < _aware(self.created_from):
                return False
            if self.created_before is not None and created >= _aware(self.created_before):
                return False
        return True


@dataclass(frozen=True)
class RefundListPage:
    refunds: list[Refund]
    has_more: bool
    last_id: str | None  # where the next page starts (the last object the server sent, matched or not)
    from_ledger: bool = False


class RefundService(OutboxService[Refund]):
    """Refunds of one account. ``refund`` raises ``RefundRefused`` before sending anything, and
    ``RequestFailed`` (with the handle for ``retry``) when the request failed."""

    # Shop mode: called with ("refund", amount, currency) before a refund is written and sent; raises
    # when the policy wants a manager's approval that this action does not have (services.shop.guard).
    gate: Callable[[str, int | None, str | None], None] | None = None

    def _read(self, response: dict[str, object]) -> Refund:
        return Refund.from_dict(response)

    # -- reading ---------------------------------------------------------------------------------

    async def refund_summary(self, intent: "PaymentIntent | str") -> RefundSummary:
        """The payment as the server has it now, its refunds, and what is left to refund."""
        intent_id = intent if isinstance(intent, str) else intent.id
        latest = await self.client.payment_intents.retrieve(intent_id)
        from_ledger = False
        try:
            refunds = [r async for r in self.client.refunds.list_all(payment_intent=intent_id)]
        except NotFoundError:
            # GET /v1/refunds is not in WooshPay's docs (§4, "likely as Stripe"); without it we know
            # the refunds this app made.
            from_ledger = True
            refunds = await self.known_refunds(payment_intent=intent_id)
        pending = await self._pending_refunds(intent_id)
        summary = summarize(latest, refunds, from_ledger=from_ledger, pending=pending)
        parked = await asyncio.to_thread(self.ledger.awaiting_decision, self.account)
        decision_keys = tuple(e.idempotency_key for e in parked if e.idempotency_key in summary.pending_keys)
        return dataclasses.replace(summary, decision_keys=decision_keys) if decision_keys else summary

    async def known_refunds(self, payment_intent: str | None = None) -> list[Refund]:
        """Refunds this app created on this account (completed outbox entries), newest first."""
        raw = await asyncio.to_thread(self.ledger.refunds_known, self.account)
        found: dict[str, Refund] = {}
        for data in raw:
            try:
                refund = Refund.from_dict(data)
            except ModelError:
                continue
            if refund.id not in found and (payment_intent is None or refund.payment_intent == payment_intent):
                found[refund.id] = refund
        return sorted(found.values(), key=lambda r: (r.created is not None, r.created), reverse=True)

    async def _pending_refunds(self, intent_id: str) -> tuple[tuple[str, int], ...]:
        entries = await asyncio.to_thread(self.ledger.pending, account=self.account)
        entries += await asyncio.to_thread(self.ledger.awaiting_decision, self.account)
        found = []
        for entry in entries:
            body = entry.body if isinstance(entry.body, dict) else {}
            if entry.kind == REFUND_KIND and body.get("payment_intent") == intent_id:
                found.append((entry.idempotency_key, int(body.get("amount") or 0)))
        return tuple(found)

    async def list_page(
        self, refund_filter: RefundFilter, starting_after: str | None = None, limit: int = 25
    ) -> RefundListPage:
        """One page of the account's refunds, newest first, filtered.

        Where the server has no refunds list (404), the refunds this app made are returned in one page
        with ``from_ledger`` set, so the page can say where they came from.
        """
        try:
            params = refund_filter.server_params()
            if starting_after:
                params["starting_after"] = starting_after
            page = await self.client.refunds.list(limit=limit, **params)
        except NotFoundError:
            if starting_after:
                return RefundListPage([], False, None, from_ledger=True)
            known = await self.known_refunds(payment_intent=refund_filter.payment_intent or None)
            return RefundListPage([r for r in known if refund_filter.matches(r)], False, None, from_ledger=True)
        last_id = page.data[-1].id if page.data else None
        matched = [r for r in page.data if refund_filter.matches(r)]
        return RefundListPage(matched, bool(page.has_more) and last_id is not None, last_id)

    async def iter_refunds(self, refund_filter: RefundFilter, page_size: int = 100) -> AsyncIterator[Refund]:
        """Every refund matching the filter, newest first, following the pages (for exports)."""
        starting_after: str | None = None
        while True:
            page = await self.list_page(refund_filter, starting_after, limit=page_size)
            for refund in page.refunds:
                yield refund
            if not page.has_more:
                return
            starting_after = page.last_id

    # -- refunding ------------------------------------------------------------------------------

    async def refund(
        self,
        intent: "PaymentIntent | str",
        amount_minor: int | None,
        reason: str = DEFAULT_REASON,
        note: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> Refund:
        """Refund ``amount_minor`` (None = everything left) of ``intent``.

        Pass the same ``idempotency_key`` to retry after a network error: an entry already in the ledger
        under that key is re-sent exactly as first written (or its recorded answer returned), whatever
        the other arguments say. Raises ``RefundInProgress`` when another till is refunding or cancelling the
        payment, ``RefundNotAllowed`` before any refund request when the amount
        or the payment does not allow it, and the client's errors when sending fails.
        """
        intent_id = intent if isinstance(intent, str) else intent.id
        # The payment is claimed for the whole decision (what is left, what to send, sending it), so two
        # tills refunding it at the same moment cannot both see the full remainder: the second one is
        # refused here, before anything is sent, and told which till is at it.
        try:
            async with claimed(self.ledger, payment_key(intent_id)):
                return await self._refund_claimed(intent_id, amount_minor, reason, note, idempotency_key)
        except InProgressElsewhere as busy:
            raise RefundInProgress(intent_id, busy.till) from None

    async def _refund_claimed(self, intent_id: str, amount_minor: int | None, reason: str, note: str | None,
                              idempotency_key: str | None) -> Refund:
        if idempotency_key:
            existing = await asyncio.to_thread(self.ledger.get, idempotency_key)
            if existing is not None:
                return await self._resume(existing)
        if reason not in REFUND_REASONS:
            raise RefundRefused("bad_reason", f"Choose a reason: {', '.join(REFUND_REASONS)}.")
        if note and len(note) > NOTE_MAX_LENGTH:
            raise RefundRefused("note_too_long", f"The note is longer than {NOTE_MAX_LENGTH} characters.",
                                limit=NOTE_MAX_LENGTH)
        # An unresolved earlier refund of this payment is settled first, so the remainder below is true.
        await self._settle_pending(intent_id)
        summary = await self.refund_summary(intent_id)
        problem = refusal(summary, amount_minor)
        if problem:
            raise problem
        from merchant_desk.services.wallet_rules import wallet_refusal  # it builds on this module

        wallet_problem = wallet_refusal(summary)
        if wallet_problem is not None:
            raise wallet_problem
        amount = summary.remainder_minor if amount_minor is None else amount_minor
        if self.gate is not None:
            self.gate("refund", amount, summary.currency)
        body = build_refund_body(intent_id, amount, reason, note)
        return await self._request(REFUND_KIND, self.client.refunds.path, body, key=idempotency_key)

    def _call(self, handle: RequestHandle) -> Callable[[str], Awaitable[Refund]]:
        return self._create_call(self.client.refunds.create, handle)

    async def _resume(self, entry: OutboxEntry) -> Refund:
        if entry.kind != REFUND_KIND:
            raise ValueError(f"idempotency key {entry.idempotency_key} belongs to a {entry.kind} request")
        body = entry.body if isinstance(entry.body, dict) else {}
        return await self.retry(RequestHandle(entry.idempotency_key, entry.kind, body))

    async def _settle_pending(self, intent_id: str) -> None:
        entries = await asyncio.to_thread(self.ledger.pending, account=self.account)
        for entry in entries:
            body = entry.body if isinstance(entry.body, dict) else {}
            if entry.kind != REFUND_KIND or body.get("payment_intent") != intent_id:
                continue
            try:
                await self._resume(entry)
            except NeedsDecision:
                continue  # parked for a person; the summary below refuses a new refund until decided
            except RequestFailed as exc:
                if exc.open:
                    raise
                log.info("earlier refund %s was refused: %s", entry.idempotency_key, exc)

    async def pending_refunds(self) -> list[OutboxEntry]:
        """This account's refund requests still unresolved in the outbox."""
        return await self._outbox.pending(REFUND_KIND)
