"""Desktop integration: the desktop entry and the AppStream metainfo pass their validators, and
scripts/install-user installs into a home of its own and removes exactly what it installed."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import merchant_desk

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "packaging" / "merchant-desk.desktop"
METAINFO = ROOT / "packaging" / "merchant-desk.metainfo.xml"
ICON_SIZES = ("16x16", "22x22", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: {package})")
    return path


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_validates_and_handles_merchant_desk_links():
    result = subprocess.run([tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entry = desktop_entry(DESKTOP)
    assert "x-scheme-handler/merchant-desk" in entry["MimeType"].split(";")
    assert entry["Exec"] == "merchant-desk %u"  # %u: the link is handed over as one argument
    assert entry["Icon"] == "merchant-desk"


def test_metainfo_validates_and_describes_this_release():
    result = subprocess.run([tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("releases/release").get("version") == merchant_desk.__version__
    assert root.find("releases/release/description") is not None
    assert len(root.findall("screenshots/screenshot/image")) >= 2


@pytest.fixture
def fake_bundle(tmp_path) -> Path:
    """A bundle folder shaped like scripts/build-bundle's, with a stand-in program (the real bundle is
    installed by the bundle smoke test)."""
    bundle = tmp_path / "bundle" / "merchant-desk"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "merchant-desk"
    program.write_text("#!/bin/sh\necho merchant-desk stand-in \"$@\"\n")
    program.chmod(0o755)
    share = bundle / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP, share / "applications" / DESKTOP.name)
    (share / "metainfo").mkdir()
    shutil.copy(METAINFO, share / "metainfo" / "com.example.merchantdesk.MerchantDesk.metainfo.xml")
    for size in ICON_SIZES:
        (share / "icons" / "hicolor" / size / "apps").mkdir(parents=True)
        (share / "icons" / "hicolor" / size / "apps" / "merchant-desk.png").write_bytes(b"\x89PNG")
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(ROOT / "merchant_desk" / "resources" / "icons" / "merchant-desk.svg",
                share / "icons" / "hicolor" / "scalable" / "apps")
    return bundle


def install_user(home: Path, *args: str, data_home: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    if data_home is not None:
        env["XDG_DATA_HOME"] = str(data_home)
    return subprocess.run([str(ROOT / "scripts" / "install-user"), *args], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.mark.parametrize("custom_data_home", [False, True])
def test_install_user_and_uninstall(tmp_path, fake_bundle, custom_data_home):
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "xdg-data" if custom_data_home else home / ".local" / "share"
    user_data = data / "merchant-desk" / "ledger.sqlite3"  # the app's own files must survive
    user_data.parent.mkdir(parents=True)
    user_data.write_text("ledger")

    result = install_user(home, "--bundle", str(fake_bundle), data_home=data if custom_data_home else None)
    assert result.returncode == 0, result.stderr
    lib = home / ".local" / "lib" / "merchant-desk"
    desktop = data / "applications" / "merchant-desk.desktop"
    installed = [
        lib / "merchant-desk",
        desktop,
        data / "metainfo" / "com.example.merchantdesk.MerchantDesk.metainfo.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / "merchant-desk.svg",
        *(data / "icons" / "hicolor" / size / "apps" / "merchant-desk.png" for size in ICON_SIZES),
    ]
    for path in installed:
        assert path.is_file(), path
    command = home / ".local" / "bin" / "merchant-desk"
    assert subprocess.run([str(command), "--version"], capture_output=True, text=True, check=True).stdout \
        == "merchant-desk stand-in --version\n"
    entry = desktop_entry(desktop)
    assert entry["Exec"] == f'"{lib / "merchant-desk"}" %u'
    validate = shutil.which("desktop-file-validate")
    if validate:
        check = subprocess.run([validate, str(desktop)], capture_output=True, text=True, check=False)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    again = install_user(home, "--bundle", str(fake_bundle), data_home=data if custom_data_home else None)
    assert again.returncode == 0, again.stderr  # installing over an install works

    removed = install_user(home, "--uninstall", data_home=data if custom_data_home else None)
    assert removed.returncode == 0, removed.stderr
    for path in [*installed, command, lib]:
        assert not path.exists() and not path.is_symlink(), path
    assert user_data.read_text() == "ledger"


def test_install_user_without_a_bundle_says_so(tmp_path):
    result = install_user(tmp_path, "--bundle", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "build-bundle" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert install_user(tmp_path, "--frobnicate").returncode == 2
