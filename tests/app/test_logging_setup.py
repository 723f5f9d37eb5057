"""Log file in the log dir with anything secret-shaped redacted, tracebacks included."""

from __future__ import annotations

import base64
import logging

import pytest

from merchant_desk import logging_setup
from merchant_desk.logging_setup import redact, setup_logging


@pytest.fixture
def log_path(tmp_path):
    path = setup_logging(log_dir=tmp_path / "logs", console=False)
    yield path
    for handler in list(logging_setup._installed):
        logging.getLogger().removeHandler(handler)
        handler.close()
    logging_setup._installed.clear()


def _read(path) -> str:
    for handler in logging_setup._installed:
        handler.flush()
    return path.read_text()


def test_log_goes_to_the_log_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MERCHANT_DESK_HOME", str(tmp_path / "home"))
    try:
        path = setup_logging(console=False)
        assert path == tmp_path / "home" / "logs" / "merchant-desk.log"
        assert logging_setup.current_log_file() == path
    finally:
        for handler in list(logging_setup._installed):
            logging.getLogger().removeHandler(handler)
            handler.close()
        logging_setup._installed.clear()


@pytest.mark.parametrize(
    "secret",
    [
        "sk_test_" + "A1b2" * 6,
        "sk_live_" + "Z9" * 12,
        "pk_test_" + "Q" * 30,
        "whsec_" + "w" * 32,
    ],
)
def test_keys_are_redacted_in_messages_args_and_tracebacks(log_path, secret):
    log = logging.getLogger("merchant_desk.test")
    log.info("plain %s", secret)
    log.warning("in message " + secret)
    try:
        raise ValueError(f"bad key {secret}")
    except ValueError:
        log.exception("failed")
    text = _read(log_path)
    assert secret not in text
    assert secret[secret.index("_") + 1 :] not in text
    # The one redaction masks a key the way the app shows keys: its prefix and at most its last four.
    assert secret[: secret.index("_", 3) + 1] + "…" in text and "plain" in text and "failed" in text


def test_basic_auth_header_and_base64_key_are_redacted(log_path):
    secret = "sk_test_" + "k" * 24
    token = base64.b64encode((secret + ":").encode()).decode()
    logging.getLogger("httpx").info("headers {'authorization': 'Basic %s'}", token)
    logging.getLogger("x").info("raw %s", token)
    text = _read(log_path)
    assert token not in text and token[:16] not in text
    assert "Basic [REDACTED]" in text


def test_redact_keeps_ordinary_text():
    assert redact("Basic settings saved for desk_profile") == "Basic settings saved for desk_profile"
    assert redact("mask sk_test_…abcd") == "mask sk_test_…abcd"
