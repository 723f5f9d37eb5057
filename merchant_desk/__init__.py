"""Merchant Desk: a desktop back-office for WooshPay (Alipay+) merchants."""

import sys as _sys

__version__ = "0.1.0"

# httpx imports its command-line client (``httpx._main``) when it is imported, and with rich, click and
# pygments installed that costs tens of milliseconds at every start. A ``None`` entry in ``sys.modules``
# makes that import fail, and httpx then falls back to its stub ``main`` (it catches the ImportError);
# nothing of ours uses httpx's command line. Only set while httpx is not loaded yet.
if "httpx" not in _sys.modules:
    _sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
del _sys
