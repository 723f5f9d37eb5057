"""Who is at this till: the shop's people (name, role, PIN), signing in, and a manager's approval.

Shop mode starts when the first person is added; with nobody configured every check here says yes
and nothing is asked, so a single-till shop works as before. The people, their failed tries and the
manager policy live in the ledger, so every till of a shop shares them.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from merchant_desk.ledger import approved_by
from merchant_desk.services.shop import pins
from merchant_desk.services.shop.policy import SETTING_NAME, ManagerPolicy

if TYPE_CHECKING:
    from merchant_desk.ledger import Ledger, PersonRecord

CASHIER, MANAGER = "cashier", "manager"
ROLES = (CASHIER, MANAGER)
NAME_MAX_LENGTH = 60


@dataclass(frozen=True)
class Person:
    name: str
    role: str

    @property
    def is_manager(self) -> bool:
        return self.role == MANAGER


class PinRefused(Exception):
    """A sign-in or approval was refused. ``reason``: "unknown" (no such person), "wrong" (``tries_left``
    before the lock), "locked" (until ``locked_until``), "not_manager" (right PIN, but not a manager)."""

    def __init__(self, reason: str, *, tries_left: int | None = None, locked_until: datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.tries_left = tries_left
        self.locked_until = locked_until


@dataclass(frozen=True)
class Approval:
    manager: str
    action: str


def _person(record: "PersonRecord") -> Person:
    return Person(record.name, record.role)


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a person: "empty" or "length"; None if it can."""
    if not name.strip():
        return "empty"
    if len(name.strip()) > NAME_MAX_LENGTH:
        return "length"
    return None


# The session of each open ledger: every account context on that ledger shares the one person signed in.
_sessions: "weakref.WeakKeyDictionary[Ledger, ShopSession]" = weakref.WeakKeyDictionary()


def session_of(ledger: "Ledger") -> "ShopSession | None":
    return _sessions.get(ledger)


class ShopSession:
    """One till's view of the shop. Every method touching the ledger or a PIN is async (worker thread)."""

    def __init__(self, ledger: "Ledger", till: str) -> None:
        self.ledger = ledger
        self.till = till
        ledger.till = till
        self.person: Person | None = None
        self.policy = ManagerPolicy()
        self.people: list[Person] = []
        _sessions[ledger] = self

    @property
    def shop_mode(self) -> bool:
        return bool(self.people)

    @property
    def managers(self) -> list[Person]:
        return [p for p in self.people if p.is_manager]

    async def load(self) -> None:
        """Read the people and the policy (at start, and after another till may have changed them)."""
        records = await asyncio.to_thread(self.ledger.people)
        stored = await asyncio.to_thread(self.ledger.shop_setting, SETTING_NAME)
        self.people = [_person(r) for r in records]
        self.policy = ManagerPolicy.from_dict(stored)

    # --- people ---------------------------------------------------------------------------------

    async def save_person(self, name: str, role: str, pin: str | None) -> Person:
        """Add a person (a PIN is needed) or change one's role and, given a PIN, their PIN."""
        name = name.strip()
        if name_problem(name):
            raise ValueError(f"name: {name_problem(name)}")
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        pin_hash = None
        if pin is not None:
            if pins.pin_problem(pin):
                raise ValueError(f"pin: {pins.pin_problem(pin)}")
            pin_hash = await asyncio.to_thread(pins.hash_pin, pin)
        record = await asyncio.to_thread(self.ledger.put_person, name, role, pin_hash)
        await self.load()
        return _person(record)

    async def remove_person(self, name: str) -> None:
        await asyncio.to_thread(self.ledger.remove_person, name)
        await self.load()

    async def save_policy(self, policy: ManagerPolicy) -> None:
        await asyncio.to_thread(self.ledger.put_shop_setting, SETTING_NAME, policy.to_dict())
        self.policy = policy

    # --- PINs -----------------------------------------------------------------------------------

    async def check_pin(self, name: str, pin: str) -> Person:
        """The person, if ``pin`` is theirs; else ``PinRefused``. Every wrong PIN counts, on any till."""
        record = await asyncio.to_thread(self.ledger.person_record, name.strip())
        now = datetime.now(UTC)
        if record is None:
            # Hash anyway: how long a refusal takes does not tell who exists.
            await asyncio.to_thread(pins.hash_pin, pin)
            raise PinRefused("unknown")
        if record.locked_until is not None and record.locked_until > now:
            raise PinRefused("locked", locked_until=record.locked_until)
        ok = await asyncio.to_thread(pins.verify_pin, pin, record.pin_hash)
        policy = self.policy
        updated = await asyncio.to_thread(
            self.ledger.record_pin_try, record.name, ok, lock_after=policy.lock_after_tries,
            locked_until=now + timedelta(minutes=policy.lockout_minutes),
        )
        if ok:
            return _person(record)
        if updated is not None and updated.locked_until is not None and updated.locked_until > now:
            raise PinRefused("locked", locked_until=updated.locked_until)
        tries = updated.failed_tries if updated is not None else 0
        raise PinRefused("wrong", tries_left=max(0, policy.lock_after_tries - tries))

    async def sign_in(self, name: str, pin: str) -> Person:
        person = await self.check_pin(name, pin)
        self.person = person
        self.ledger.person = person.name
        return person

    def sign_out(self) -> None:
        self.person = None
        self.ledger.person = None

    # --- approvals ------------------------------------------------------------------------------

    def needs_approval(self, action: str, amount_minor: int | None = None, currency: str | None = None) -> bool:
        """True when the person signed in must get a manager's PIN before ``action``."""
        if not self.shop_mode:
            return False
        if self.person is not None and self.person.is_manager:
            return False
        return self.policy.needs_manager(action, amount_minor, currency)

    async def approve(self, manager: str, pin: str, action: str) -> Approval:
        """A manager's PIN for one action; wrong PINs count towards the manager's lockout."""
        person = await self.check_pin(manager, pin)
        if not person.is_manager:
            raise PinRefused("not_manager")
        return Approval(person.name, action)


@contextmanager
def approved(approval: Approval | None) -> Iterator[None]:
    """Run an action under an approval: its audit entries name the approving manager."""
    with approved_by(approval.manager if approval is not None else None):
        yield
