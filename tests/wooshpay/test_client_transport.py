"""What the client costs before its first request: no TLS set-up for plain http, no httpx command line."""

from __future__ import annotations


def test_a_plain_http_client_sets_up_no_tls_and_https_keeps_verifying(monkeypatch):
    import ssl

    from merchant_desk.wooshpay import Client

    loaded: list[object] = []
    real = ssl.SSLContext.load_verify_locations

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        loaded.append(args or kwargs)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", recording)
    Client("sk_test_" + "a" * 24, base_url="http://127.0.0.1:9")
    assert loaded == []
    Client("sk_test_" + "a" * 24, base_url="https://api.example.com")
    assert loaded, "https clients verify certificates against the CA bundle"


def test_httpx_command_line_is_not_imported():
    import subprocess
    import sys

    code = "import merchant_desk.wooshpay.client, sys; print('rich' in sys.modules, 'httpx._main' in sys.modules " \
           "and sys.modules['httpx._main'] is not None)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"], done.stderr
