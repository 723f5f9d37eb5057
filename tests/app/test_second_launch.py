"""Real processes only: ``merchant-desk charge`` with no instance running starts the app and hands the
request to it; a plain second launch exits at once while the first goes on; the app quits cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from merchant_desk.ui.frame.single_instance import connect, instance_name, read_line

ROOT = Path(__file__).resolve().parents[2]


def env_for(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MERCHANT_DESK_HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "merchant_desk", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


def instance_pid(name: str) -> int:
    sock = connect(name, 2000)
    assert sock is not None
    sock.write(b'{"kind": "activate"}\n')
    sock.waitForBytesWritten(2000)
    answer = read_line(sock, 10_000)
    sock.abort()
    assert answer["ok"] is True
    return int(answer["pid"])


def gone(pid: int, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_charge_starts_the_app_then_a_second_launch_only_hands_over(tmp_path):
    env = env_for(tmp_path)
    name = instance_name(env)
    assert connect(name, 200) is None
    started = run(["--sandbox", "charge", "4.20", "HKD", "--order", "ORD-9"], env)
    assert started.returncode == 0, started.stderr
    pid = instance_pid(name)
    try:
        again = run([], env, timeout=60)
        assert again.returncode == 0, again.stderr
        assert instance_pid(name) == pid  # still the one process
        log_text = (tmp_path / "home" / "logs" / "merchant-desk.log").read_text()
        assert log_text.count("starting (Python") == 1
        assert "Charge request for order 'ORD-9'" in log_text
    finally:
        os.kill(pid, signal.SIGTERM)
    assert gone(pid)
    assert "Merchant Desk stopped" in (tmp_path / "home" / "logs" / "merchant-desk.log").read_text()
    assert connect(name, 200) is None


def test_charge_with_no_instance_and_no_display_is_one_line(tmp_path):
    assert connect(instance_name(env_for(tmp_path)), 200) is None
    result = run(["charge", "1", "CNY", "--order", "A"], {**env_for(tmp_path), "QT_QPA_PLATFORM": "xcb",
                                                        "DISPLAY": ""}, timeout=60)
    assert result.returncode == 2
    assert "no display" in result.stderr and len(result.stderr.strip().splitlines()) == 1
