"""A scripted fake API for client tests: httpx.MockTransport answering from a queue, recording requests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from merchant_desk.wooshpay import Client

SECRET = "sk_test_" + "Q7" * 12
LIVE_SECRET = "sk_live_" + "Z4" * 12

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers={"Content-Type": "application/json", **(headers or {})})


def error_response(status: int, type_: str | None = "invalid_request_error", **fields: Any) -> httpx.Response:
    headers = fields.pop("headers", None)
    envelope = {"type": type_, "code": None, "message": f"error {status}", "param": None, **fields}
    return json_response(status, {"error": envelope}, headers)


class FakeAPI:
    """Answers requests in order from ``answers``; the last one repeats. Every request is kept."""

    def __init__(self, *answers: Answer) -> None:
        self.answers: list[Answer] = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


class FakeClock:
    """Stands in for asyncio.sleep: records each delay instead of waiting."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.sleeps.append(delay)


def make_client(api: FakeAPI, *, clock: FakeClock | None = None, random_value: float = 0.5, **options: Any) -> Client:
    options.setdefault("base_url", "https://api.example.test")
    return Client(
        options.pop("secret", SECRET),
        transport=httpx.MockTransport(api),
        sleep=clock or FakeClock(),
        random=lambda: random_value,
        **options,
    )


def pi(id_: str = "pi_1693466278934609920", **fields: Any) -> dict[str, Any]:
    return {"id": id_, "object": "payment_intent", "amount": 200, "currency": "IDR", "status": "requires_action", **fields}


def page(items: list[dict[str, Any]], has_more: bool, url: str = "/v1/x") -> dict[str, Any]:
    return {"object": "list", "url": url, "has_more": has_more, "data": items}
