"""One open account: its client and ledger, and the services every page calls (the front door)."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from merchant_desk.services.audit import AuditService
from merchant_desk.services.changes import ChangeFeed
from merchant_desk.services.checkout import CheckoutService
from merchant_desk.services.events import EventService
from merchant_desk.services.outbox import Outbox, ReconcileReport
from merchant_desk.services.outbox_service import OutboxService
from merchant_desk.services.payments import PaymentService
from merchant_desk.services.refunds import RefundService
from merchant_desk.services.reports.balance import Balance, fetch_balance
from merchant_desk.services.reports.cache import DayCache
from merchant_desk.services.reports.overview import Overview, OverviewLoader
from merchant_desk.services.reports.service import DayReports, account_key
from merchant_desk.services.webhook_endpoints import WebhookEndpointService
from merchant_desk.services.webhook_inspector import WebhookInspector
from merchant_desk.wooshpay import WooshPayError

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.services.shop.session import ShopSession
    from merchant_desk.wooshpay import Client


class AccountSession:
    """Pages receive this as ``ctx`` and call only its services. The composition root (``app``) makes it
    and closes its client; switching account makes a new one."""

    def __init__(self, name: str, mode: str, base_url: str, client: Client, ledger: Ledger,
                 sandbox_public_url: str | None = None) -> None:
        self.name = name  # profile name, or "Sandbox"
        self.mode = mode  # "sandbox" | "test" | "live"
        self.base_url = base_url
        self.ledger = ledger
        # The address a phone must reach to open sandbox cashier pages; None outside sandbox mode.
        self.sandbox_public_url = sandbox_public_url
        self._client = client

    @property
    def client(self) -> Client:
        return self._client

    @client.setter
    def client(self, client: Client) -> None:
        # Services built so far follow the new client (tests swap in one with other retry settings).
        self._client = client
        for name in ("payments", "refunds", "checkout", "webhooks", "events", "outbox"):
            service = self.__dict__.get(name)
            if service is not None:
                service.client = client
        loader = self.__dict__.get("_overview")
        if loader is not None:
            loader.forget()

    @property
    def is_sandbox(self) -> bool:
        return self.mode == "sandbox"

    @cached_property
    def changes(self) -> ChangeFeed:
        """What changed on this account (requests that succeeded, webhooks received): pages subscribe."""
        return ChangeFeed()

    @cached_property
    def payments(self) -> PaymentService:
        return _told(self.changes, PaymentService(self.client, self.ledger, self.name))

    @cached_property
    def refunds(self) -> RefundService:
        from merchant_desk.services.shop.guard import gate_for

        service = RefundService(self.client, self.ledger, self.name)
        shop = self.shop
        if shop is not None:
            service.gate = gate_for(shop)
        return _told(self.changes, service)

    @property
    def shop(self) -> ShopSession | None:
        """Shop mode's session of this ledger (till, person signed in, policy), if the app started one."""
        from merchant_desk.services.shop.session import session_of

        return session_of(self.ledger)

    @cached_property
    def checkout(self) -> CheckoutService:
        return _told(self.changes, CheckoutService(self.client, self.ledger, self.name))

    @cached_property
    def webhooks(self) -> WebhookEndpointService:
        return _told(self.changes, WebhookEndpointService(self.client, self.ledger, self.name))

    @cached_property
    def events(self) -> EventService:
        return EventService(self.client)

    @cached_property
    def audit(self) -> AuditService:
        return AuditService(self.ledger, self.name)

    @cached_property
    def outbox(self) -> Outbox:
        return Outbox(self.client, self.ledger, self.name, self.changes)

    @cached_property
    def inspector(self) -> WebhookInspector | None:
        """The local webhook receiver the sandbox's endpoints point at; None for a real account."""
        return WebhookInspector() if self.is_sandbox else None

    # -- reports (read-only: straight to the client) -----------------------------------------------------

    async def overview(self, zone: ZoneInfo, *, now: datetime) -> Overview:
        """Today's and this week's takings, the daily chart and the latest payments (see ``reports``)."""
        return await self._overview.load(self.client, zone, now=now)

    @cached_property
    def _overview(self) -> OverviewLoader:
        return OverviewLoader()

    async def balance(self) -> Balance | None:
        """The account's balance; None where the server has none to show."""
        return await fetch_balance(self.client)

    def day_reports(self, cache: DayCache | None) -> DayReports:
        """End-of-day reports of this account, with days already closed read from ``cache``."""
        return DayReports(self.client, cache, account_key(self.name, self.base_url))

    async def reconcile(self) -> ReconcileReport:
        """Re-send every request of this account the outbox still holds open, each with its own key."""
        return await self.outbox.reconcile()

    async def check_connection(self) -> WooshPayError | TimeoutError | None:
        """One cheap authenticated call (list one payment): None when key and network both work, else the
        failure (``problems.classify`` names its kind)."""
        try:
            await self.client.payment_intents.list(limit=1)
        except (WooshPayError, TimeoutError) as exc:
            return exc
        return None


Service = TypeVar("Service", bound="OutboxService[Any]")


def _told(changes: ChangeFeed, service: Service) -> Service:
    """``service`` with the account's change feed attached."""
    service.changes = changes
    return service
