"""The built bundle on a real X server: started in sandbox mode, it takes a charge request from a second
launch of itself, shows the QR code (read back from a screenshot), follows the payment to Paid, reports it
to the waiting launcher, and quits cleanly on Ctrl+Q.

Needs the bundle: ``scripts/run-tests`` builds it with ``scripts/build-bundle`` and points
MERCHANT_DESK_BUNDLE at it (``MERCHANT_DESK_SKIP_BUNDLE=1 ./scripts/run-tests`` leaves this out locally).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from PySide6.QtGui import QImage

import merchant_desk
from tests.customer import pay
from tests.xvfb import codes_in, require, screenshot, xvfb

pytestmark = pytest.mark.xvfb

BUNDLE = os.environ.get("MERCHANT_DESK_BUNDLE")
SHOTS = os.environ.get("MERCHANT_DESK_SCREENSHOTS")  # keep the screenshots here for people to look at


SCREEN = (1280, 800)


@pytest.fixture
def x_display():
    with xvfb(*SCREEN) as display:
        yield display


def bundle_program() -> Path:
    if not BUNDLE:
        pytest.skip("MERCHANT_DESK_BUNDLE is not set (scripts/run-tests builds the bundle and sets it)")
    program = Path(BUNDLE) / "merchant-desk"
    assert program.is_file() and os.access(program, os.X_OK), f"no bundle at {BUNDLE}"
    return program


def wait_for(predicate, timeout: float, what: str, interval: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def screen_codes(display: str, path: Path) -> list[str]:
    """Take a screenshot of the whole screen and return the QR texts found in it."""
    return codes_in(screenshot(display, path))


def log_text(home: Path) -> str:
    log = home / "logs" / "merchant-desk.log"
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


def test_bundle_installs_for_the_user_and_runs(tmp_path):
    program = bundle_program()
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    installer = program.parent / "install-user"
    result = subprocess.run([str(installer)], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    installed = home / ".local" / "bin" / "merchant-desk"
    version = subprocess.run([str(installed), "--version"], env=env, capture_output=True, text=True, timeout=60,
                             check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout.split() == ["merchant-desk", merchant_desk.__version__]
    for size in ("48x48", "256x256"):
        icon = QImage(str(home / ".local" / "share" / "icons" / "hicolor" / size / "apps" / "merchant-desk.png"))
        assert f"{icon.width()}x{icon.height()}" == size
    desktop = home / ".local" / "share" / "applications" / "merchant-desk.desktop"
    assert f'Exec="{home}/.local/lib/merchant-desk/merchant-desk" %u' in desktop.read_text()
    removed = subprocess.run([str(installer), "--uninstall"], env=env, capture_output=True, text=True, timeout=60,
                             check=False)
    assert removed.returncode == 0, removed.stderr
    assert not installed.is_symlink() and not desktop.exists()
    assert not (home / ".local" / "lib" / "merchant-desk").exists()


def test_bundle_takes_a_charge_request_to_paid_and_quits_cleanly(x_display, tmp_path):
    program = bundle_program()
    xdotool = require("xdotool", "xdotool")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(DISPLAY=x_display, QT_QPA_PLATFORM="xcb", MERCHANT_DESK_HOME=str(home), LANG="C.UTF-8")
    app = subprocess.Popen([str(program), "--sandbox", "--lang", "en"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    charge = None
    try:
        wait_for(lambda: "Sandbox running at" in log_text(home) and app.poll() is None, 90, "the app to start")
        def main_window() -> str:
            found = subprocess.run([xdotool, "search", "--onlyvisible", "--name", "^Merchant Desk — "], env=env,
                                   capture_output=True, text=True, check=False).stdout.split()
            return found[-1] if found else ""

        def press(keys: str) -> None:
            """Real key presses (XTEST) into the main window, given the input focus first (no window manager)."""
            window = wait_for(main_window, 30, "the main window")
            subprocess.run([xdotool, "windowfocus", "--sync", window], env=env, check=True, timeout=30)
            subprocess.run([xdotool, "key", "--clearmodifiers", keys], env=env, check=True, timeout=30)

        wait_for(main_window, 60, "the main window")

        charge = subprocess.Popen(
            [str(program), "charge", "12.50", "CNY", "--order", "SMOKE-1", "--description", "Smoke test", "--wait"],
            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: "Payment page prefilled for order 'SMOKE-1'" in log_text(home), 60, "the prefilled form")
        plain = subprocess.run([str(program)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert plain.returncode == 0, plain.stderr  # a second plain launch hands over and exits
        assert log_text(home).count("starting (Python") == 1  # one process

        before = screen_codes(x_display, tmp_path / "request.png")
        assert before == []  # prefilled only: no payment, so no code to scan yet
        if SHOTS:
            shutil.copy(tmp_path / "request.png", Path(SHOTS) / "bundle-charge-request.png")
        # The one confirmation: Create payment has the focus.
        press("space")
        shots = iter(range(1000))
        codes = wait_for(lambda: screen_codes(x_display, tmp_path / f"qr-{next(shots)}.png"), 60, "the QR code")
        assert len(codes) == 1 and "/cashier/pi_" in codes[0], codes
        cashier_url = codes[0]
        if SHOTS:
            shutil.copy(sorted(tmp_path.glob("qr-*.png"))[-1], Path(SHOTS) / "bundle-charge-qr.png")
        assert httpx.get(cashier_url, timeout=10).status_code == 200
        pay(cashier_url)

        out, err = charge.communicate(timeout=60)
        assert charge.returncode == 0, err
        outcome = json.loads(out.strip())
        assert outcome["status"] == "succeeded"
        assert outcome["payment_intent"] == cashier_url.rsplit("/", 1)[1].split("?")[0]
        assert (outcome["amount"], outcome["currency"], outcome["order"]) == (1250, "CNY", "SMOKE-1")

        # The code gives way to "Paid": nothing left on the screen to scan.
        wait_for(lambda: not screen_codes(x_display, tmp_path / "paid.png"), 30, "the QR code to go")
        if SHOTS:
            shutil.copy(tmp_path / "paid.png", Path(SHOTS) / "bundle-charge-paid.png")

        if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):  # scripts/run-tests runs gnome-keyring there
            # The frozen app reaches the Secret Service (its backend was bundled): Settings, the last page
            # (Ctrl+8), asks the keyring when it is first shown.
            press("ctrl+8")
            wait_for(lambda: "Keyring in use: keyring.backends.SecretService.Keyring" in log_text(home), 30,
                     "the keyring status")
        press("ctrl+q")
        app_out, app_err = app.communicate(timeout=60)
        assert app.returncode == 0, app_err
        assert "Traceback" not in app_err
        assert log_text(home).rstrip().endswith("Merchant Desk stopped")
    finally:
        for process in (charge, app):
            if process is not None and process.returncode is None:
                if process.poll() is None:
                    process.kill()
                process.communicate(timeout=10)  # also closes its pipes
