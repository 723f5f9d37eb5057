"""The version comes from one place, merchant_desk.__version__: the installed metadata, --version and About
say the same (the metainfo's release is checked with the desktop files)."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import merchant_desk

ROOT = Path(__file__).resolve().parents[2]


def test_metadata_and_command_line_agree():
    assert metadata.version("merchant-desk") == merchant_desk.__version__
    result = subprocess.run([sys.executable, "-m", "merchant_desk", "--version"], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.split() == ["merchant-desk", merchant_desk.__version__]


def test_about_shows_it():
    from merchant_desk.ui.frame.about_dialog import version_rows

    assert ("Merchant Desk", merchant_desk.__version__) in version_rows(None)


def test_pyproject_reads_it_from_the_package():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in text
    assert 'version = { attr = "merchant_desk.__version__" }' in text

