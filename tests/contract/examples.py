"""WooshPay's published example responses (``examples/*.json``, each naming its source page) and the one
rule the sandbox is held to: the documented keys, with the documented JSON types."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent / "examples"
# Fields whose WooshPay examples are milliseconds (docs/wooshpay-api.md §2.2): the sandbox must use ms too.
MS_FIELDS = ("created", "expires_at", "updated")


@dataclass(frozen=True)
class Example:
    name: str
    source: dict[str, str]
    model: str
    request: dict[str, Any]
    response: dict[str, Any]
    expect: dict[str, Any]
    sandbox: dict[str, Any]

    @property
    def exempt(self) -> dict[str, str]:
        return dict(self.sandbox.get("exempt") or {})


def load(name: str) -> Example:
    data = json.loads((HERE / name).read_text(encoding="utf-8"))
    return Example(name, data["source"], data["model"], data["request"], data["response"], data.get("expect", {}),
                   data.get("sandbox", {}))


def all_examples() -> list[Example]:
    return [load(path.name) for path in sorted(HERE.glob("*.json"))]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return {str: "string", dict: "object", list: "array", float: "number"}.get(type(value), type(value).__name__)


def shape_differences(documented: Any, answered: Any, exempt: dict[str, str], path: str = "") -> list[str]:
    """Where ``answered`` lacks a documented key or has another JSON type. ``null`` on either side means the
    field is nullable and matches any type; list items are compared by their first element."""
    if path in exempt or documented is None or answered is None:
        return []
    if _kind(documented) != _kind(answered):
        return [f"{path or '<top>'}: documented {_kind(documented)}, answered {_kind(answered)}"]
    found: list[str] = []
    if isinstance(documented, dict):
        for key, value in documented.items():
            where = f"{path}.{key}" if path else key
            if where in exempt:
                continue
            if key not in answered:
                found.append(f"{where}: missing")
                continue
            found += shape_differences(value, answered[key], exempt, where)
            if key in MS_FIELDS and isinstance(value, int) and len(str(value)) >= 13 and isinstance(answered[key], int) \
                    and len(str(answered[key])) < 13:
                found.append(f"{where}: documented in milliseconds, answered {answered[key]}")
    elif isinstance(documented, list) and documented and answered:
        found += shape_differences(documented[0], answered[0], exempt, f"{path}[]")
    return found
