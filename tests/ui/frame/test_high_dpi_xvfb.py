"""The main window on a real X server at 1x and 2x (QT_SCALE_FACTOR): at its default size no button or
label on any page has its text cut, and the payment's QR code still scans from a whole-screen screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QImage

from tests.ui.payments.test_customer_display_xvfb import read_line, require

pytestmark = pytest.mark.xvfb

ROOT = Path(__file__).resolve().parents[3]
SCREEN = (2600, 1700)  # room for the window at twice its size


@pytest.fixture
def big_display():
    xvfb = require("Xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb", buffering=0) as numbers:
            yield ":" + read_line(numbers, 15)
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


@pytest.mark.timeout(180)
@pytest.mark.parametrize("lang", ["en_US", "zh_CN"])
@pytest.mark.parametrize("scale", ["1", "2"])
def test_nothing_clips_and_the_qr_scans(scale, lang, sandbox, big_display, tmp_path):
    import_bin = require("import")
    env = dict(
        os.environ,
        DISPLAY=big_display,
        QT_QPA_PLATFORM="xcb",
        QT_SCALE_FACTOR=scale,
        MD_LANG=lang,
        MERCHANT_DESK_HOME=str(tmp_path / "home"),
        MERCHANT_DESK_THEME="light",
        MD_BASE_URL=sandbox.base_url,
        MD_SECRET_KEY=sandbox.secret_key,  # through the environment, never argv
        MD_LEDGER=str(tmp_path / "ledger.sqlite3"),
        PYTHONPATH=str(ROOT),
    )
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("window_on_screen.py"))],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )
    try:
        clipped: list[str] = []
        while True:
            try:
                line = read_line(child.stdout, 60)
            except (TimeoutError, EOFError) as exc:
                child.kill()
                raise AssertionError(f"the window did not come up: {exc}\n{child.stderr.read().decode()}") from exc
            if line.startswith("CLIPPED"):
                clipped.append(line)
            elif line.startswith("READY"):
                url = line.split()[1]
                break
        assert not clipped, "\n".join(clipped)
        shot = tmp_path / "screen.png"
        subprocess.run([import_bin, "-display", big_display, "-window", "root", str(shot)], check=True, timeout=30)
        image = QImage(str(shot))
        results = zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))
        assert [r.text for r in results] == [url]
    finally:
        if child.poll() is None:
            child.stdin.write(b"quit\n")
            child.stdin.close()
            try:
                child.wait(15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(5)
        for stream in (child.stdout, child.stderr):
            stream.close()
