"""The main window on a real X server at 1x and 2x (QT_SCALE_FACTOR): at its default size no button or
label on any page has its text cut, and the payment's QR code still scans from a whole-screen screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.xvfb import codes_in, quit_child, read_line, require, screenshot, xvfb

pytestmark = pytest.mark.xvfb

ROOT = Path(__file__).resolve().parents[3]
SCREEN = (2600, 1700)  # room for the window at twice its size


@pytest.fixture
def big_display():
    with xvfb(*SCREEN) as display:
        yield display


@pytest.mark.timeout(180)
@pytest.mark.parametrize("lang", ["en_US", "zh_CN"])
@pytest.mark.parametrize("scale", ["1", "2"])
def test_nothing_clips_and_the_qr_scans(scale, lang, sandbox, big_display, tmp_path):
    require("import")
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
        assert codes_in(screenshot(big_display, tmp_path / "screen.png")) == [url]
    finally:
        quit_child(child, 15)
