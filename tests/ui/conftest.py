import pytest

from merchant_desk.ui.payments.payments_page import PaymentsPage
from tests.qt_support import (  # noqa: F401  (fixtures)
    gui_thread_collector,
    isolated_settings,
    qasync_loop,
    widgets_deleted_after_each_test,
)
from tests.ui.helpers import open_context, shown


@pytest.fixture
def ctx_sandbox(fresh_sandbox):
    """The server ``ctx`` talks to: a test's own by default. A module whose tests don't count objects on
    the server overrides this with the session-wide ``sandbox``."""
    return fresh_sandbox


@pytest.fixture
def ctx(ctx_sandbox):
    """An account context on the sandbox (in-memory ledger); its client is closed afterwards."""
    with open_context(ctx_sandbox) as context:
        yield context


@pytest.fixture
def payments_page(qtbot, ctx):
    """The payments page on screen, watching a created payment with short pauses."""
    page = PaymentsPage(ctx)
    page.watch_timing = (0.05, 0.2, 1.5)
    with shown(qtbot, page, 1100, 760):
        yield page
