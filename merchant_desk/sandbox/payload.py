"""What the sandbox accepts as a request payload, checked once before any handler sees it.

The sandbox must never store what it cannot serve: a lone surrogate (``"\\ud800"``) is valid JSON but has
no UTF-8 form, so every later answer holding it would fail; ``NaN`` and ``Infinity`` are not JSON numbers, nor
is a number too large for a float (``1e400``, which Python reads as infinity); and nesting deeper than any API
object needs only costs recursion (Python's own JSON decoder gives up with ``RecursionError`` at about a
thousand levels). Each is a 400 here.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import ApiError

# The deepest API object (checkout line_items[].price_data.product_data.metadata.<key>) is 6 levels.
MAX_DEPTH = 20


def _refuse_constant(name: str) -> Any:
    raise ApiError(400, f"The request body holds {name}, which is not a JSON number.", code="parameter_invalid")


def _finite_float(text: str) -> float:
    # 1e400 is valid JSON but no float: Python reads it as infinity, which no answer can hold.
    value = float(text)
    if math.isinf(value):
        raise ApiError(400, f"The request body holds the number {text[:40]}, which is too large.", code="parameter_invalid")
    return value


# One decoder for every request: json.loads with an option builds a new one each call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)


def decode_object(raw: bytes, what: str = "The request body", *, other_json_as_empty: bool = False) -> dict[str, Any]:
    """A JSON object from ``raw`` (empty → ``{}``), checked by :func:`check`; ``ApiError`` 400 otherwise.
    ``other_json_as_empty``: valid JSON that is not an object counts as no parameters."""
    if not raw.strip():
        return {}
    try:
        # As json.loads reads bytes: UTF-8, -16 or -32 as detected, lone surrogates kept for check() to refuse.
        data = _DECODER.decode(raw.decode(json.detect_encoding(raw), "surrogatepass"))
    except RecursionError:
        raise ApiError(400, f"{what} is nested too deeply.", code="parameter_invalid") from None
    except ValueError:  # also bytes that are not UTF-8
        raise ApiError(400, f"{what} is not valid JSON.", code="parameter_invalid") from None
    if not isinstance(data, dict) and other_json_as_empty:
        return {}
    if not isinstance(data, dict):
        raise ApiError(400, f"{what} must be a JSON object.", code="parameter_invalid")
    # Most bodies can hold neither (no surrogate escapes or bytes, fewer brackets than MAX_DEPTH): skip the walk.
    if b"\\ud" in raw or b"\\uD" in raw or b"\xed" in raw or raw.count(b"{") + raw.count(b"[") > MAX_DEPTH:
        check(data)
    return data


def check(data: Any) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and strings (keys too) that UTF-8 cannot encode."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        node, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            raise ApiError(
                400, f"Parameters are nested more than {MAX_DEPTH} levels deep.", code="parameter_invalid",
                param=_top(path),
            )
        if isinstance(node, str):
            _encodable(node, path)
        elif isinstance(node, dict):
            for key, value in node.items():
                _encodable(str(key), path)
                stack.append((value, depth + 1, f"{path}[{key}]" if path else str(key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                stack.append((value, depth + 1, f"{path}[{index}]"))


def _top(path: str) -> str | None:
    return path.partition("[")[0] or None


def _encodable(text: str, path: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(
            400,
            "A string holds a lone UTF-16 surrogate (such as \\ud800), which is not a character; "
            "send valid Unicode.",
            code="parameter_invalid_string",
            param=_top(path),
        ) from None
