"""Fixtures shared by every test run. No Qt here: the Qt loop lives in tests/qt_support.py."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def sandbox():
    """One real sandbox server on a free loopback port for the whole run."""
    from merchant_desk.sandbox import start_sandbox

    handle = start_sandbox(webhook_time_factor=0.001)
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
def fresh_sandbox():
    """A sandbox of a test's own, for tests that count objects on the server."""
    from merchant_desk.sandbox import start_sandbox

    handle = start_sandbox(webhook_time_factor=0.001)
    try:
        yield handle
    finally:
        handle.stop()


from tests.postgres import pg_url  # noqa: E402,F401 - a fixture for every test package
