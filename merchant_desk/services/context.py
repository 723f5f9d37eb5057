"""The account session under its earlier name: ``ctx`` as pages receive it."""

from merchant_desk.services.session import AccountSession

AccountContext = AccountSession

__all__ = ["AccountContext", "AccountSession"]
