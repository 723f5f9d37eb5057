"""Where Merchant Desk keeps its files: platformdirs, or one folder named by ``MERCHANT_DESK_HOME``.

The override exists so tests, demos and portable installs never touch the user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

APP_NAME = "merchant-desk"


def _home() -> Path | None:
    value = os.environ.get("MERCHANT_DESK_HOME")
    return Path(value) if value else None


def _platformdirs() -> ModuleType:
    # Imported when first needed: the window is painted before any folder is looked up.
    import platformdirs

    return platformdirs


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    home = _home()
    return _ensure(home / "data" if home else Path(_platformdirs().user_data_dir(APP_NAME, appauthor=False)))


def log_dir() -> Path:
    home = _home()
    return _ensure(home / "logs" if home else Path(_platformdirs().user_log_dir(APP_NAME, appauthor=False)))


def config_dir() -> Path:
    home = _home()
    return _ensure(home / "config" if home else Path(_platformdirs().user_config_dir(APP_NAME, appauthor=False)))
