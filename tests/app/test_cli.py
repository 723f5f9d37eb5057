"""The command line: --help, --version, the one-line answer without a display, and a full launch."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

import pytest

from merchant_desk.app import (
    NO_DISPLAY_MESSAGE,
    display_problem,
    is_loopback_url,
    lan_ipv4,
)

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "app" / "app_driver.py"


def run(args, env=None, timeout=60, **kwargs):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
        **kwargs,
    )


def base_env(tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    env["MERCHANT_DESK_HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_help_documents_the_options():
    result = run(["-m", "merchant_desk", "--help"])
    assert result.returncode == 0, result.stderr
    for option in ("--sandbox", "--sandbox-lan", "--profile NAME", "--lang", "--version"):
        assert option in result.stdout
    assert "keyring" in result.stdout  # says where keys go, since they are never taken from argv


def test_version():
    import merchant_desk

    result = run(["-m", "merchant_desk", "--version"])
    assert result.returncode == 0
    assert merchant_desk.__version__ in result.stdout


def test_no_display_gives_one_line_and_status_2(tmp_path):
    env = base_env(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    result = run(["-m", "merchant_desk"], env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY_MESSAGE
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, False),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":1"}, True),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}, False),
    ],
)
def test_display_problem(env, problem):
    assert (display_problem(env, "linux") is not None) is problem


def test_display_is_not_checked_off_linux():
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None


def test_lan_address_is_an_ipv4_address():
    address = ipaddress.ip_address(lan_ipv4())
    assert address.version == 4


def test_loopback_detection():
    assert is_loopback_url("http://127.0.0.1:8000") and is_loopback_url("http://localhost:1")
    assert is_loopback_url("http://[::1]:5/")
    assert not is_loopback_url("https://apitest.wooshpay.com") and not is_loopback_url("http://192.168.1.4:80")


def test_unknown_profile_is_a_one_line_error(tmp_path):
    result = run(["-m", "merchant_desk", "--profile", "Nope"], env=base_env(tmp_path))
    assert result.returncode == 2
    assert "no account named 'Nope'" in result.stderr
    assert "Traceback" not in result.stderr


def test_launch_in_sandbox_shows_window_and_quits_cleanly(tmp_path):
    env = base_env(tmp_path)
    env["DRIVER_SCENARIO"] = "quit"
    result = run([str(DRIVER), "--sandbox"], env=env, timeout=90)
    assert result.returncode == 0, result.stderr
    assert "SHOWN Merchant Desk — Sandbox" in result.stdout
    assert "Traceback" not in result.stderr
    log = (tmp_path / "home" / "logs" / "merchant-desk.log").read_text()
    assert "Sandbox running at http://127.0.0.1:" in log
    assert "Merchant Desk stopped" in log
    assert (tmp_path / "home" / "data" / "sandbox.db").exists()


def test_sigterm_quits_cleanly_and_saves_the_window_settings(tmp_path):
    import signal
    import time

    env = base_env(tmp_path)
    env["DRIVER_SCENARIO"] = "wait"
    with subprocess.Popen(
        [sys.executable, str(DRIVER), "--sandbox"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as proc:
        try:
            assert proc.stdout.readline().startswith("SHOWN")
            time.sleep(0.2)
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    ini = tmp_path / "home" / "config" / "MerchantDesk" / "merchant-desk.ini"
    assert "geometry" in ini.read_text()
    assert "Merchant Desk stopped" in (tmp_path / "home" / "logs" / "merchant-desk.log").read_text()
