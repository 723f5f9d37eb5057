"""Reading request parameters: form-encoded bodies into nested dicts, and the value checks every
resource shares (amounts, currencies, booleans, string maps)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import parse_qsl

from babel.core import get_global
from babel.numbers import get_territory_currencies

from .errors import ApiError, invalid, missing
from .payload import MAX_DEPTH

MAX_AMOUNT = 99_999_999_999
_KEY_PART = re.compile(r"\[([^\]]*)\]")
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_DIGITS = re.compile(r"-?[0-9]+")  # ASCII only: str.isdigit and int() also take ٣ and other scripts' digits
# Stripe's metadata limits (likely as WooshPay, which documents none).
METADATA_KEYS = 50
METADATA_KEY_CHARS = 40
METADATA_VALUE_CHARS = 500


@cache
def iso_currencies() -> frozenset[str]:
    """ISO 4217 codes in use as legal tender somewhere today (CLDR, through babel): no XYZ, no DEM, no XXX."""
    return frozenset(
        code for territory in get_global("territory_currencies") for code in get_territory_currencies(territory)
    )


def parse_form(body: str) -> dict[str, Any]:
    """``a[b][0][c]=1&tags[]=x`` → ``{"a": {"b": [{"c": "1"}]}, "tags": ["x"]}`` (Stripe's form encoding)."""
    root: dict[str, Any] = {}
    for raw_key, value in parse_qsl(body, keep_blank_values=True):
        head, _, rest = raw_key.partition("[")
        parts = [head] + (_KEY_PART.findall("[" + rest) if rest else [])
        if not head:
            raise ApiError(400, f"A parameter has no name: {raw_key[:40]!r}.", code="parameter_invalid")
        if len(parts) > MAX_DEPTH:
            raise ApiError(
                400, f"Parameters are nested more than {MAX_DEPTH} levels deep.", code="parameter_invalid", param=head
            )
        _assign(root, parts, value)
    # The top level is always an object, even when its keys look like "0", "1", ...
    return {key: _lists(value) for key, value in root.items()}


def _assign(node: dict[str, Any], parts: list[str], value: str) -> None:
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "":
            part = str(len(node))  # "tags[]": append
        if last:
            node[part] = value
        else:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ApiError(400, f"Invalid array/object syntax in parameter {parts[0]}.", param=parts[0])


def _lists(node: Any) -> Any:
    """Dicts whose keys are 0..n-1 were arrays."""
    if not isinstance(node, dict):
        return node
    converted = {k: _lists(v) for k, v in node.items()}
    if converted and all(k.isdigit() for k in converted):
        keys = sorted(converted, key=int)
        if [int(k) for k in keys] == list(range(len(keys))):
            return [converted[k] for k in keys]
    return converted


def amount(value: Any, param: str, *, required: bool = True) -> int | None:
    """A positive integer in minor units; digit strings are accepted (form bodies, refund ``amount``)."""
    if value is None or value == "":
        if required:
            raise missing(param)
        return None
    if isinstance(value, bool):
        raise invalid(param, f"Invalid integer: {value}", "parameter_invalid_integer")
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()) and len(value.strip()) <= 20:
        value = int(value.strip())
    if not isinstance(value, int):
        raise invalid(param, f"Invalid integer: {value}", "parameter_invalid_integer")
    if value <= 0:
        raise ApiError(400, f"The {param} must be a positive integer (got {value}).", code="amount_too_small", param=param)
    if value > MAX_AMOUNT:
        raise ApiError(400, f"The {param} must be at most {MAX_AMOUNT}.", code="amount_too_large", param=param)
    return value


def currency(value: Any, param: str = "currency", *, required: bool = True) -> str | None:
    """Either case in, uppercase out (§2.3)."""
    if value is None or value == "":
        if required:
            raise missing(param)
        return None
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise invalid(param, f"Invalid currency: {value}. Use a three-letter ISO code.", "parameter_invalid")
    if value.upper() not in iso_currencies():
        raise invalid(param, f"Invalid currency: {value}. Use an ISO 4217 currency code such as HKD.", "parameter_invalid")
    return value.upper()


def boolean(value: Any, param: str, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise invalid(param, f"Invalid boolean: {value}", "parameter_invalid_boolean")


def string(value: Any, param: str, *, required: bool = False, max_length: int = 5000) -> str | None:
    if value is None:
        if required:
            raise missing(param)
        return None
    if not isinstance(value, str):
        raise invalid(param, f"Invalid string: {param} must be a string.", "parameter_invalid_string")
    if required and not value.strip():
        raise missing(param)
    if len(value) > max_length:
        raise invalid(param, f"{param} is longer than {max_length} characters.", "parameter_invalid_string")
    return value


def mapping(value: Any, param: str) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if not isinstance(value, dict):
        raise invalid(param, f"Invalid object: {param} must be an object.", "parameter_invalid")
    return value


def metadata(value: Any, param: str = "metadata", base: dict[str, Any] | None = None) -> dict[str, str] | None:
    """A string map; as Stripe, an empty value deletes a key when merging into ``base``."""
    if value is None:
        return base
    if value == "":
        return {}
    if not isinstance(value, dict):
        raise invalid(param, "metadata must be an object of string keys and values.")
    result = dict(base or {})
    for key, item in value.items():
        key = str(key)
        if not key or len(key) > METADATA_KEY_CHARS:
            raise invalid(
                f"{param}[{key[:METADATA_KEY_CHARS]}]",
                f"Metadata keys must be 1 to {METADATA_KEY_CHARS} characters long.",
            )
        if item is None or item == "":
            result.pop(key, None)
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = str(item)
            if len(text) > METADATA_VALUE_CHARS:
                raise invalid(f"{param}[{key}]", f"Metadata values can be at most {METADATA_VALUE_CHARS} characters long.")
            result[key] = text
        else:
            raise invalid(f"{param}[{key}]", "metadata values must be strings.")
    if len(result) > METADATA_KEYS:
        raise invalid(param, f"Metadata can have at most {METADATA_KEYS} keys.")
    return result


def string_list(value: Any, param: str, *, required: bool = False) -> list[str] | None:
    if value is None or value == "":
        if required:
            raise missing(param)
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise invalid(param, f"{param} must be an array of strings.")
    if required and not value:
        raise missing(param)
    return list(value)
