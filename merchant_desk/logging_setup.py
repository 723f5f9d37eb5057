"""Logging to a rotating file in the user log folder, with anything secret-shaped blotted out.

Redaction happens in a filter on the handlers (not on a logger), so records propagated from any library
(httpx, uvicorn, keyring) pass through it too, exception tracebacks included.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from merchant_desk import paths
from merchant_desk.redaction import redact_keys

LOG_FILE = "merchant-desk.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

def redact(text: str) -> str:
    """The app's one redaction (:func:`merchant_desk.redaction.redact_keys`) applied to a log text."""
    return redact_keys(text)


class RedactingFilter(logging.Filter):
    """Renders the record's message once, redacted, so no formatter ever sees the raw arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_installed: list[logging.Handler] = []


def setup_logging(
    *, level: int = logging.INFO, log_dir: Path | None = None, console: bool = True
) -> Path:
    """Send logging to ``<log_dir>/merchant-desk.log`` (1 MB × 5) and warnings to stderr; return the path.

    Calling it again replaces the handlers it installed before (tests, re-launch in one process).
    """
    folder = log_dir if log_dir is not None else paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        handler.close()
    _installed.clear()

    file_handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.addFilter(RedactingFilter())
    _installed.append(file_handler)
    if console:
        stderr_handler = logging.StreamHandler(sys.stderr)
        stderr_handler.setLevel(logging.WARNING)
        stderr_handler.setFormatter(logging.Formatter("merchant-desk: %(levelname)s %(message)s"))
        stderr_handler.addFilter(RedactingFilter())
        _installed.append(stderr_handler)
    for handler in _installed:
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return log_path


def current_log_file() -> Path | None:
    for handler in _installed:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def install_excepthook() -> None:
    """Log uncaught exceptions (a Qt slot that raises) instead of only printing them."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        logging.getLogger("merchant_desk").error("Uncaught exception", exc_info=(exc_type, exc, tb))

    sys.excepthook = hook
