"""How a sandbox is started: its options as one value (``SandboxOptions``) or as keywords, which win."""

from __future__ import annotations

import pytest

from merchant_desk.sandbox import SandboxHandle, SandboxOptions, start_sandbox

from .conftest import alipayplus_intent, api_client


def test_options_as_one_value_and_keywords_that_replace_them(tmp_path):
    options = SandboxOptions(public_url="http://192.0.2.10:8790", db=str(tmp_path / "first.db"))
    with start_sandbox(options, public_url="http://192.0.2.11:8791/") as handle, api_client(handle) as api:
        assert handle.public_url == "http://192.0.2.11:8791"
        pi = alipayplus_intent(api, amount=100, currency="HKD")
        assert pi["next_action"]["alipayplus_handle_redirect"]["normalUrl"].startswith("http://192.0.2.11:8791/")
        assert handle.store.path == str(tmp_path / "first.db")


def test_an_unknown_option_is_refused_before_anything_listens():
    with pytest.raises(TypeError):
        SandboxHandle(prot=8080)
