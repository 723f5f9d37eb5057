"""The base of every service whose mutating calls go through the outbox (payments, refunds, checkout,
webhook endpoints): a request is claimed and written in one worker trip, then sent with its key."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Generic

from merchant_desk.ledger import claim_key_for
from merchant_desk.services.changes import ChangeFeed
from merchant_desk.services.outbox import Obj, Outbox, RequestHandle, claimed

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger
    from merchant_desk.wooshpay import Client


class OutboxService(Generic[Obj]):
    """A service whose mutating calls go through one account's outbox: ``_request`` writes the request and
    makes its typed call (``_call``); ``retry(handle)`` sends a request whose answer was lost again."""

    def __init__(self, client: Client, ledger: Ledger, account: str) -> None:
        self._outbox = Outbox(client, ledger, account)
        self.ledger = ledger
        self.account = account

    @property
    def client(self) -> Client:
        return self._outbox.client

    @client.setter
    def client(self, client: Client) -> None:
        self._outbox.client = client

    @property
    def changes(self) -> ChangeFeed | None:
        """The account's change feed, told of every request of this service that succeeded."""
        return self._outbox.changes

    @changes.setter
    def changes(self, feed: ChangeFeed | None) -> None:
        self._outbox.changes = feed

    def _read(self, response: dict[str, object]) -> Obj:
        """The answer the ledger recorded, as the service's model."""
        raise NotImplementedError

    def _call(self, handle: RequestHandle) -> Callable[[str], Awaitable[Obj]]:
        """The typed call that sends ``handle``'s request with the key it is given."""
        raise NotImplementedError

    @staticmethod
    def _create_call(create: Callable[..., Awaitable[Obj]], handle: RequestHandle) -> Callable[[str], Awaitable[Obj]]:
        """``_call`` for a create: the resource's ``create`` with the handle's body and the key given."""
        body = dict(handle.body)

        async def call(key: str) -> Obj:
            return await create(idempotency_key=key, **body)

        return call

    async def _request(self, kind: str, path: str, body: Mapping[str, object], *, key: str | None = None,
                       target: str | None = None, on_answer: Callable[[Obj], object] | None = None) -> Obj:
        # The claim comes first (another till cancelling or refunding this payment right now refuses it
        # with InProgressElsewhere), so a refused request is not even written and never sent later.
        key = key or str(uuid.uuid4())
        write = functools.partial(self._outbox.write, kind, path, body, key=key, target=target)
        async with claimed(self.ledger, claim_key_for(kind, path, body, key), then=write) as handle:
            if handle is None:  # never: ``claimed`` gives what ``write`` returned
                raise RuntimeError("the request was not written")
            return await self._outbox.send(handle, self._call(handle), on_answer)

    async def retry(self, handle: RequestHandle) -> Obj:
        """Send a request whose answer was lost again, with its key: the server acts at most once."""
        return await self._outbox.retry(handle, self._call(handle), self._read)
