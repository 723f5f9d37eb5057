"""A local, stateful WooshPay-compatible server: the API of docs/wooshpay-api.md, a wallet cashier page,
signed webhooks with retries, and faults on demand. No Qt. See docs/sandbox.md."""

from .runner import SandboxHandle, SandboxOptions, start_sandbox

__all__ = ["SandboxHandle", "SandboxOptions", "start_sandbox"]
