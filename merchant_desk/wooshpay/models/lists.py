"""One page of a list (``{"object": "list", "url", "has_more", "data"}``, §8) or of a search result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..errors import ModelError
from .reading import decoded, read_bool, read_str, require_object

T = TypeVar("T")


@dataclass
class ListPage(Generic[T]):
    """One page of a list (``{"object": "list", "url", "has_more", "data"}``, §8) or a search result."""

    data: list[T]
    has_more: bool = False
    url: str | None = None
    # Search results may paginate by ``next_page`` instead (likely as Stripe, §3.9).
    next_page: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_dict(cls, data: Any, item_type: Any) -> ListPage[Any]:
        """Read a list whose items are ``item_type`` (a model class with ``from_dict``)."""
        try:
            body = require_object(cls, data)
            items = decoded(body.get("data"))
            if items is None:
                items = []
            if not isinstance(items, list):
                raise ModelError(f"List: 'data' is {type(items).__name__}, not a list.")
            return cls(
                data=[item_type.from_dict(item) for item in items],
                has_more=bool(read_bool(body.get("has_more"))),
                url=read_str(body.get("url")),
                next_page=read_str(body.get("next_page")),
                raw=dict(body),
            )
        except ModelError:
            raise
        except Exception as exc:  # the contract is "ModelError and nothing else"
            raise ModelError(f"List: could not read the page ({type(exc).__name__}).") from exc
