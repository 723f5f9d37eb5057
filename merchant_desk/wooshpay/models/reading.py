"""How every model is read from a JSON object: the tolerant field readers, and one ``from_dict`` for all.

A model is a dataclass whose fields name their reader (``amount: int | None = parsed(read_int)``); reading
an object applies each field's reader to the value under the field's name, keeps the whole object as
``raw``, and turns whatever goes wrong into ``ModelError`` (callers catch one type only).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import MISSING, field, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, Self, cast

from ..errors import ModelError

__all__ = [
    "Model",
    "decoded",
    "embedded",
    "parse_timestamp",
    "parsed",
    "read_bool",
    "read_currency",
    "read_dict",
    "read_dict_or_empty",
    "read_int",
    "read_livemode",
    "read_ref_id",
    "read_str",
    "read_str_list",
    "require_object",
]

# A decoded JSON string deeper than this is not something the API sends; refusing it keeps json.loads
# away from the recursion limit.
_MAX_DECODE_LENGTH = 1_000_000

Reader = Callable[[Any], Any]
# Whether a model's id is required, and (name, reader, key, whole) for each of its other fields.
_Plan = tuple[bool, list[tuple[str, Reader, str, bool]]]


# --- field readers -------------------------------------------------------------------------------


def parse_timestamp(value: Any) -> datetime | None:
    """An aware UTC ``datetime`` from seconds or milliseconds since the epoch, else ``None``.

    A value of 13 or more digits is milliseconds, fewer is seconds (docs/wooshpay-api.md §2.2). Strings of
    digits are accepted; anything else (``""``, null, negative, out of range) gives ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 20:
            return None
        number: int | float = int(text)
        digits = len(text.lstrip("0")) or 1
    elif isinstance(value, int):
        if abs(value) >= 10**20:
            return None
        number = value
        digits = len(str(abs(value)))
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e20:
            return None
        number = value
        digits = len(str(int(abs(value))))
    else:
        return None
    if number < 0:
        return None
    seconds = number / 1000 if digits >= 13 else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def decoded(value: Any) -> Any:
    """A field that may arrive JSON-encoded: ``"[...]"``/``"{...}"`` are decoded, ``""`` is null."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if text[0] in "[{" and len(text) <= _MAX_DECODE_LENGTH:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return None  # looked encoded but is not: as unreadable as null
    return value


def read_str(value: Any) -> str | None:
    """Strings as they are, numbers as text (numeric IDs); ``""`` and everything else as ``None``."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def read_int(value: Any) -> int | None:
    """Integers, integral floats and strings of digits (refund ``amount`` is typed as a string, §4)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        body = text[1:] if text[:1] in "+-" else text
        if body.isascii() and body.isdigit() and len(body) <= 30:
            return int(text)
    return None


def read_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    return None


def read_dict(value: Any) -> dict[str, Any] | None:
    value = decoded(value)
    return value if isinstance(value, dict) else None


def read_dict_or_empty(value: Any) -> dict[str, Any]:
    return read_dict(value) or {}


def read_str_list(value: Any) -> list[str]:
    value = decoded(value)
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def read_currency(value: Any) -> str | None:
    # Uppercase in WooshPay's examples, lowercase in Stripe-copied text (§2.3).
    text = read_str(value)
    return text.upper() if text else None


def read_livemode(data: dict[str, Any]) -> bool | None:
    # ``livemode`` is the documented name; ``live_mode`` is a stray duplicate that once disagreed (§2.4).
    value = read_bool(data.get("livemode"))
    return value if value is not None else read_bool(data.get("live_mode"))


def read_ref_id(value: Any) -> str | None:
    """An ID that may also arrive as the embedded object it names."""
    if isinstance(value, dict):
        return read_str(value.get("id"))
    return read_str(value)


def require_object(cls: type, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ModelError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}.")
    return data


# --- the model machinery ---------------------------------------------------------------------------


def parsed(
    read: Reader,
    *,
    key: str | None = None,
    whole: bool = False,
    default: Any = None,
    factory: Callable[[], Any] | None = None,
    repr: bool = True,
) -> Any:
    """A model field read by ``read`` from the object's value of the same name (or of ``key``; ``whole``:
    from the whole object). The default is ``default``, or what ``factory`` makes (an empty container)."""
    metadata = {"read": read, "key": key, "whole": whole}
    if factory is not None:
        return field(default_factory=factory, repr=repr, metadata=metadata)
    return field(default=default, repr=repr, metadata=metadata)


class Model:
    """Base of the API objects. ``raw`` is the object as received, unknown fields included."""

    raw: dict[str, Any]
    # Some references arrive as the bare ID instead of the embedded object (Stripe's default).
    accepts_bare_id: ClassVar[bool] = False
    _reading_plan: ClassVar[_Plan | None] = None

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """Read ``data`` (the JSON object, or a bare ID where ``accepts_bare_id``); raises only ``ModelError``."""
        try:
            return cls._read(data)
        except ModelError:
            raise
        except Exception as exc:  # the contract is "ModelError and nothing else"
            raise ModelError(f"{cls.__name__}: could not read the object ({type(exc).__name__}).") from exc

    @classmethod
    def _read(cls, data: Any) -> Self:
        build = cast(Callable[..., Self], cls)
        if cls.accepts_bare_id and isinstance(data, str):
            return build(id=data or None, raw={"id": data})
        data = require_object(cls, data)
        id_required, plan = cls._plan()
        values: dict[str, Any] = {"id": cls._id(data, required=id_required)}
        for name, read, key, whole in plan:
            values[name] = read(data if whole else data.get(key))
        return build(**values, raw=dict(data))

    @classmethod
    def _plan(cls) -> _Plan:
        """Whether the id is required, and each other field's (name, reader, key, whole): worked out from
        the dataclass fields once per class, as objects are read by the hundred."""
        plan = cls.__dict__.get("_reading_plan")
        if plan is None:
            id_required = False
            steps: list[tuple[str, Reader, str, bool]] = []
            for spec in fields(cast(Any, cls)):
                if spec.name == "id":
                    id_required = spec.default is MISSING and spec.default_factory is MISSING
                elif spec.name != "raw":
                    meta = spec.metadata
                    steps.append((spec.name, meta["read"], meta["key"] or spec.name, meta["whole"]))
            plan = cls._reading_plan = (id_required, steps)
        return plan

    @classmethod
    def _id(cls, data: dict[str, Any], *, required: bool) -> str | None:
        object_id = read_str(data.get("id"))
        if object_id is None and required:
            raise ModelError(f"{cls.__name__}: the object has no id.")
        return object_id


def embedded(model: type[Model]) -> Reader:
    """A reader for a field holding another model (or its bare ID, where the model accepts one)."""

    def read(value: Any) -> Model | None:
        return model.from_dict(value) if isinstance(value, (dict, str)) and value else None

    return read
