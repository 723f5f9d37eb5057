"""The customer display on a real X server: a whole-screen screenshot must scan to the intent's URL.

Xvfb is started here, the display runs in a child process on the xcb platform (this test process stays
offscreen), and the screenshot is taken with ImageMagick's ``import -window root``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.qt_support import run_async
from tests.ui.helpers import open_context
from tests.xvfb import codes_in, quit_child, read_line, require, screenshot, xvfb

pytestmark = pytest.mark.xvfb

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1280, 800)

DISPLAY_SCRIPT = textwrap.dedent(
    """
    import asyncio, os, sys
    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    from merchant_desk import money
    from merchant_desk.ui.payments.customer_display import CustomerDisplay
    from merchant_desk.wooshpay import Client

    async def fetch(intent_id):
        async with Client(os.environ["MD_SECRET_KEY"], base_url=os.environ["MD_BASE_URL"]) as client:
            return await client.payment_intents.retrieve(intent_id)

    intent = asyncio.run(fetch(sys.argv[1]))
    app = QApplication([])
    display = CustomerDisplay(money.format_minor(intent.amount, intent.currency), intent.cashier_url)
    display.show_on_customer_screen()

    def report():
        g = display.geometry()
        print("SHOWN", g.x(), g.y(), g.width(), g.height(), int(display.isFullScreen()), flush=True)

    QTimer.singleShot(700, report)
    # The test writes a line when its screenshot is taken; closing stdin also ends the script.
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(app.quit)
    QTimer.singleShot(30000, app.quit)
    app.exec()
    """
)




@pytest.fixture
def x_display():
    with xvfb(*SCREEN) as display:
        yield display


def test_customer_display_screenshot_scans_to_the_cashier_url(sandbox, x_display, tmp_path):
    require("import")
    with open_context(sandbox) as ctx:
        intent = run_async(ctx.payments.create_payment(4321, "HKD", description="Xvfb"))
    assert intent.cashier_url

    script = tmp_path / "show_display.py"
    script.write_text(DISPLAY_SCRIPT)
    env = dict(
        os.environ,
        DISPLAY=x_display,
        QT_QPA_PLATFORM="xcb",
        MD_BASE_URL=sandbox.base_url,
        MD_SECRET_KEY=sandbox.secret_key,  # through the environment, never argv
        PYTHONPATH=str(ROOT),
    )
    child = subprocess.Popen(
        [sys.executable, str(script), intent.id],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        try:
            line = read_line(child.stdout, 30)
        except (TimeoutError, EOFError) as exc:
            child.kill()
            raise AssertionError(f"display did not come up: {exc}\n{child.stderr.read().decode()}") from exc
        words = line.split()
        assert words[0] == "SHOWN"
        x, y, width, height, full = map(int, words[1:])
        assert (x, y, width, height) == (0, 0, *SCREEN) and full == 1, line

        image = screenshot(x_display, tmp_path / "screen.png")
        assert (image.width(), image.height()) == SCREEN
        assert codes_in(image) == [intent.cashier_url]
        # Only the amount and the code: the rest of the screen is the window's white.
        assert image.pixelColor(5, SCREEN[1] - 5).name() == "#ffffff"
    finally:
        quit_child(child, 10)
