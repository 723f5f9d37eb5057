"""Every example names the page it was taken from, and is what that page documents (a JSON object)."""

from __future__ import annotations

import pytest

from .examples import all_examples

EXAMPLES = all_examples()


def test_the_documented_examples_are_all_here():
    names = {e.name for e in EXAMPLES}
    assert {
        "payment_intent_alipayplus.json", "payment_intent_gcash.json", "payment_intent_dana.json", "refund.json",
        "webhook_endpoint_create.json", "webhook_endpoint_create_reference.json", "webhook_endpoint_retrieve.json",
        "webhook_endpoint_list.json", "event.json", "checkout_session_create.json", "checkout_session_retrieve.json",
    } <= names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_each_example_names_its_source_page(example):
    assert example.source["title"].strip()
    assert example.source["url"].startswith(("https://docs.wooshpay.com/", "https://wooshpay.com/"))
    assert example.request["method"] in ("GET", "POST") and example.request["path"].startswith("/v1/")
    assert isinstance(example.response, dict) and example.response
