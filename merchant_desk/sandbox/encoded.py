"""JSON text made once and reused: an object written to the store, carried by its events and sent as the
answer is encoded a single time.

The encoding is the one Starlette's ``JSONResponse`` uses (compact, UTF-8 as is, no NaN), so an answer
sent from stored text is byte for byte what encoding the object afresh would send.
"""

from __future__ import annotations

import json
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"), check_circular=False)
# What ``_ENCODER.encode`` sets up on every call (the C encoder with these options), set up once: the same
# text, less than half the time for the small objects every event carries. None where CPython's C
# accelerator is missing.
_C_ENCODE = (
    None if c_make_encoder is None
    else c_make_encoder(None, _ENCODER.default, encode_basestring, None, ":", ",", False, False, False)
)


def to_json(obj: Any) -> str:
    if _C_ENCODE is None or isinstance(obj, str):
        return _ENCODER.encode(obj)
    return "".join(_C_ENCODE(obj, 0))


class Encoded(dict):  # type: ignore[type-arg]
    """An API object with its JSON text. The handler that made it must not change it afterwards."""

    __slots__ = ("text",)

    def __init__(self, obj: dict[str, Any], text: str) -> None:
        super().__init__(obj)
        self.text = text


def text_of(body: dict[str, Any]) -> str:
    """The JSON text of an answer body, reusing the encoding an :class:`Encoded` body carries."""
    return body.text if isinstance(body, Encoded) else to_json(body)
