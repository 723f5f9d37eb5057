"""The locale amounts are shown in when a caller names none: the app sets it to its interface language.

Kept apart from ``money`` (which loads babel's locale data) so that choosing the interface language at
start-up, before the window is painted, does not load babel; ``money`` reads it when it formats.
"""

from __future__ import annotations

_name = "en_US"


def set_name(name: str) -> None:
    global _name
    _name = name


def name() -> str:
    return _name
