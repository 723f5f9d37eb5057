"""The wheel is complete: built from the committed sources alone (as from a clean clone), installed into a
fresh virtual environment, ``merchant-desk --version`` works and the translations and icon are found in
the installed package, not in the source tree.

To stay quick and offline, the fresh environment gets only the wheel itself (``--no-deps``); its
dependencies are lent by this environment's site-packages through PYTHONPATH. PYTHONPATH entries are not
site folders, so this checkout's editable install (a .pth hook) stays inactive and ``merchant_desk`` can only
come from the wheel; the test asserts that too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

import merchant_desk

ROOT = Path(__file__).resolve().parents[2]

CHECK_RESOURCES = """
import sys
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QGuiApplication, QIcon
import merchant_desk
from merchant_desk.ui.i18n import install_translator, resources_dir
app = QGuiApplication([])
folder = resources_dir()
print("package", merchant_desk.__file__)
print("resources", folder)
installed = install_translator(app, "zh_CN")
print("translated", QCoreApplication.translate("MainWindow", "Payments"))
icon = QIcon(str(folder / "icons" / "merchant-desk.svg"))
print("icon", not icon.isNull() and not icon.pixmap(64, 64).isNull())
"""


def committed_sources(target: Path) -> Path:
    """The files a clean clone has: everything git tracks (as they are in the work tree)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = committed_sources(tmp_path_factory.mktemp("clone"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True, timeout=600)
    (built,) = out.glob("merchant_desk-*.whl")
    return built


def test_the_wheel_carries_the_resources_and_the_version(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("merchant_desk/py.typed", "merchant_desk/resources/i18n/merchant_desk_zh_CN.qm",
                 "merchant_desk/resources/i18n/merchant_desk_en.qm", "merchant_desk/resources/icons/merchant-desk.svg",
                 "merchant_desk/sandbox/cashier.py"):
        assert name in names, name
    assert not any(name.startswith(("tests/", "scripts/", "packaging/")) for name in names)
    assert wheel.name.startswith(f"merchant_desk-{merchant_desk.__version__}-")
    entry_points = zipfile.ZipFile(wheel).read(
        f"merchant_desk-{merchant_desk.__version__}.dist-info/entry_points.txt").decode()
    assert "merchant-desk = merchant_desk.app:main" in entry_points


def test_installed_wheel_runs_and_finds_its_translations_and_icon(wheel, tmp_path):
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    lent = sysconfig.get_paths()["purelib"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": lent, "QT_QPA_PLATFORM": "offscreen",
           "MERCHANT_DESK_HOME": str(tmp_path / "home"), "HOME": str(tmp_path)}

    version = subprocess.run([str(env_dir / "bin" / "merchant-desk"), "--version"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120, check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"merchant-desk {merchant_desk.__version__}"

    check = subprocess.run([str(python), "-c", CHECK_RESOURCES], env=env, cwd=tmp_path, capture_output=True,
                           text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stderr
    lines = dict(line.split(" ", 1) for line in check.stdout.splitlines())
    site = str(env_dir / "lib")
    assert lines["package"].startswith(site), lines  # the wheel's copy, not this checkout
    assert lines["resources"].startswith(site), lines
    assert lines["translated"] == "收款"  # "Payments" in the zh_CN catalogue
    assert lines["icon"] == "True"
