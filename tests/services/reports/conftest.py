import pytest

from merchant_desk.sandbox import start_sandbox
from merchant_desk.sandbox.demo_data import fill_demo_data
from tests.services.reports.expected import DEMO_NOW_MS


@pytest.fixture(scope="module")
def demo_sandbox():
    """A sandbox holding 12 days of demo payments up to 2026-11-02 20:00 UTC (London's and New York's
    autumn clock changes fall inside)."""
    with start_sandbox() as handle:
        fill_demo_data(handle.state, 12, seed=7, now=DEMO_NOW_MS)
        yield handle
