"""``merchant-desk report``: argument errors in one line, JSON equal to the service's figures, a real PDF."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from merchant_desk.sandbox import start_sandbox
from merchant_desk.sandbox.demo_data import fill_demo_data
from tests.services.reports.expected import DEMO_NOW_MS
from tests.test_keystore import needs_real_keyring

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo():
    with start_sandbox() as handle:
        fill_demo_data(handle.state, 12, seed=7, now=DEMO_NOW_MS)
        yield handle


def report(args: list[str], env: dict[str, str] | None, tmp_path: Path) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WOOSHPAY_")}
    base.update(MERCHANT_DESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "merchant_desk", "report", *args], cwd=ROOT, env=base,
                          capture_output=True, text=True, timeout=120)


def env_for(handle) -> dict[str, str]:
    return {"WOOSHPAY_SECRET_KEY": handle.secret_key, "WOOSHPAY_BASE_URL": handle.base_url}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--day", "2026-02-30", "--format", "json", "--out", "x.json"], "not a day"),
        (["--day", "2026-10-25", "--format", "xml", "--out", "x.json"], "invalid choice"),
        (["--day", "2026-10-25", "--tz", "Mars/Base", "--format", "json", "--out", "x.json"], "unknown time zone"),
        (["--day", "2026-10-25", "--format", "json"], "--out"),
        (["--day", "2026-10-25", "--format", "json", "--out", "/no/such/folder/x.json"], "does not exist"),
        (["--day", "2026-10-25", "--format", "json", "--out", "x.json", "--key", "sk_test_abcdefghijkl1234"],
         "unrecognized arguments"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(args, needle, demo, tmp_path):
    run = report(args, env_for(demo), tmp_path)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and needle in run.stderr, run.stderr
    assert "sk_test_abcdefghijkl1234" not in run.stderr


def test_no_key_anywhere_is_a_usage_error(tmp_path):
    run = report(["--day", "2026-10-25", "--format", "json", "--out", str(tmp_path / "r.json")], None, tmp_path)
    assert run.returncode == 2 and "WOOSHPAY_SECRET_KEY" in run.stderr and run.stderr.count("\n") == 1


def test_a_malformed_key_is_refused(tmp_path):
    run = report(["--day", "2026-10-25", "--format", "json", "--out", str(tmp_path / "r.json")],
                 {"WOOSHPAY_SECRET_KEY": "pk_test_nope"}, tmp_path)
    assert run.returncode == 2 and run.stderr.startswith("merchant-desk report: WOOSHPAY_SECRET_KEY")


def test_json_and_csv_from_the_environment_key(demo, tmp_path):
    out = tmp_path / "day.json"
    run = report(["--day", "2026-10-25", "--tz", "Europe/London", "--format", "json", "--out", str(out)],
                 env_for(demo), tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text())
    assert data["day"] == "2026-10-25" and data["tz"] == "Europe/London" and data["currencies"]
    csv_out = tmp_path / "day.csv"
    run = report(["--day", "2026-10-25", "--tz", "Europe/London", "--format", "csv", "--out", str(csv_out)],
                 env_for(demo), tmp_path)
    assert run.returncode == 0, run.stderr
    assert len(csv_out.read_text().splitlines()) == len(data["payments"]) + 1


def test_pdf_is_written_and_renders(demo, tmp_path):
    out = tmp_path / "day.pdf"
    run = report(["--day", "2026-10-25", "--tz", "Asia/Hong_Kong", "--format", "pdf", "--out", str(out)],
                 env_for(demo), tmp_path)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5000
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed; .ci/run installs it"
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True, timeout=60)
    assert (tmp_path / "page-1.png").stat().st_size > 2000


def test_unreachable_server_is_one_line_exit_1(tmp_path):
    run = report(["--day", "2026-10-25", "--format", "json", "--out", str(tmp_path / "r.json")],
                 {"WOOSHPAY_SECRET_KEY": "sk_test_" + "a" * 24, "WOOSHPAY_BASE_URL": "http://127.0.0.1:9"}, tmp_path)
    assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr


@pytest.mark.keyring
@needs_real_keyring
def test_a_stored_profile_takes_its_key_from_the_keyring(demo, tmp_path, monkeypatch):
    import asyncio

    from merchant_desk.keystore import KeyStore
    from merchant_desk.profiles import Profile, ProfileStore

    monkeypatch.setenv("MERCHANT_DESK_HOME", str(tmp_path / "home"))
    ProfileStore().save(Profile("Till 2", base_url=demo.base_url))
    store = KeyStore()
    asyncio.run(store.set_secret("Till 2", demo.secret_key))
    try:
        out = tmp_path / "till.json"
        run = report(["--day", "2026-10-25", "--profile", "Till 2", "--format", "json", "--out", str(out)], None,
                     tmp_path)
        assert run.returncode == 0, run.stderr
        assert json.loads(out.read_text())["currencies"]
        missing = report(["--day", "2026-10-25", "--profile", "Nobody", "--format", "json", "--out", str(out)], None,
                         tmp_path)
        assert missing.returncode == 2 and "Nobody" in missing.stderr and missing.stderr.count("\n") == 1
    finally:
        asyncio.run(store.delete_secret("Till 2"))
