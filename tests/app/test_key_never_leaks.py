"""Run the app, store a key through the Settings page, exit; the key must be nowhere but the keyring.

Searched: the QSettings files, the profile JSON, the log files, every other file the app wrote under its
home and config folders, and the running process's argv and environment.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "app" / "app_driver.py"
IN_DBUS = bool(os.environ.get("CI") or os.environ.get("MERCHANT_DESK_IN_DBUS"))


def make_secret() -> str:
    alphabet = string.ascii_letters + string.digits
    return "sk_test_" + "".join(secrets.choice(alphabet) for _ in range(32))


def forms_of(secret: str) -> list[bytes]:
    tail = secret[len("sk_test_"):]
    return [
        secret.encode(),
        tail.encode(),
        base64.b64encode((secret + ":").encode()),  # the Basic auth credential
        base64.b64encode(secret.encode()),
    ]


def run_and_store(tmp_path, secret: str, extra_env: dict[str, str] | None = None):
    env = dict(os.environ)
    env.update(
        MERCHANT_DESK_HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        QT_QPA_PLATFORM="offscreen",
        DRIVER_SCENARIO="store-key",
    )
    env.update(extra_env or {})
    # ``with``: the pipes are closed however the test ends.
    with subprocess.Popen(
        [sys.executable, str(DRIVER), "--sandbox"],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:
        try:
            proc.stdin.write((secret + "\n").encode())
            proc.stdin.flush()
            answer = proc.stdout.readline().decode()
            cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{proc.pid}/environ").read_bytes()
            proc.stdin.write(b"quit\n")
            proc.stdin.flush()
            _out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return answer, cmdline + b"\0" + environ, err.decode(), proc.returncode


def assert_nowhere(tmp_path, secret: str, process_text: bytes, stderr: str) -> list[Path]:
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    for form in forms_of(secret):
        assert form not in process_text
        assert form.decode() not in stderr
        for path in files:
            assert form not in path.read_bytes(), f"the key was found in {path}"
    return files


@pytest.mark.keyring
@pytest.mark.skipif(not IN_DBUS, reason="needs the real Secret Service (scripts/run-tests or CI)")
def test_a_stored_key_is_only_in_the_keyring(tmp_path):
    import keyring
    import keyring.errors

    secret = make_secret()
    answer, process_text, stderr, status = run_and_store(tmp_path, secret)
    try:
        assert answer.strip() == "SAVED", (answer, stderr)
        assert status == 0, stderr
        assert type(keyring.get_keyring()).__module__.endswith("SecretService")
        assert keyring.get_password("merchant-desk", "Shop") == secret
    finally:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password("merchant-desk", "Shop")
    files = assert_nowhere(tmp_path, secret, process_text, stderr)
    names = {p.name for p in files}
    # The places searched exist, so the search above was not vacuous.
    assert {"profiles.json", "merchant-desk.log", "merchant-desk.ini"} <= names, names
    profiles = (tmp_path / "home" / "config" / "profiles.json").read_text()
    assert '"Shop"' in profiles
    log = (tmp_path / "home" / "logs" / "merchant-desk.log").read_text()
    assert "Saved profile 'Shop'" in log and "sk_test_…" in log  # logged, but masked


def test_without_a_keyring_the_key_is_refused_and_written_nowhere(tmp_path):
    secret = make_secret()
    answer, process_text, stderr, status = run_and_store(
        tmp_path, secret, {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    assert answer.startswith("NOT-SAVED"), (answer, stderr)
    assert "Keys cannot be stored" in answer
    assert status == 0, stderr
    assert_nowhere(tmp_path, secret, process_text, stderr)
    assert not (tmp_path / "home" / "config" / "profiles.json").exists()
