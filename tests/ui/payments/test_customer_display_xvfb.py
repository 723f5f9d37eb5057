"""The customer display on a real X server: a whole-screen screenshot must scan to the intent's URL.

Xvfb is started here, the display runs in a child process on the xcb platform (this test process stays
offscreen), and the screenshot is taken with ImageMagick's ``import -window root``.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QImage

from tests.qt_support import run_async
from tests.ui.helpers import open_context

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




def require(binary: str) -> str:
    path = shutil.which(binary)
    if path:
        return path
    reason = f"{binary} is not installed (Debian: xvfb imagemagick)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run this test")
    pytest.skip(reason)


def read_line(stream, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise TimeoutError(f"no line within {timeout}s (got {data!r})")
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            raise EOFError(f"stream closed (got {data!r})")
        data += chunk
    return data.decode().strip()


@pytest.fixture
def x_display():
    xvfb = require("Xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb", buffering=0) as numbers:
            display = ":" + read_line(numbers, 15)
        yield display
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def test_customer_display_screenshot_scans_to_the_cashier_url(sandbox, x_display, tmp_path):
    import_bin = require("import")
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

        shot = tmp_path / "screen.png"
        subprocess.run([import_bin, "-display", x_display, "-window", "root", str(shot)], check=True, timeout=30)
        image = QImage(str(shot))
        assert (image.width(), image.height()) == SCREEN
        results = zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))
        assert [r.text for r in results] == [intent.cashier_url]
        # Only the amount and the code: the rest of the screen is the window's white.
        assert image.pixelColor(5, SCREEN[1] - 5).name() == "#ffffff"
    finally:
        if child.poll() is None:
            child.stdin.write(b"quit\n")
            child.stdin.close()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(5)
        for pipe in (child.stdin, child.stdout, child.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()
