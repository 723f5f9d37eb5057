"""The customer's side: a small, self-contained HTML page that plays the wallet at ``normalUrl`` (and the
hosted checkout page at a session's ``url``). No external assets, so a phone on the LAN can open it."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

from babel.numbers import format_currency, get_currency_precision

# Which Alipay+ wallets the page offers for each presentment currency. WooshPay says the currency decides
# the wallets (§0, §11.1) but gives no table; this one is a sandbox convention: each wallet under its home
# currency, and every wallet for CNY and GBP, which cross-border shoppers pay in.
ALL_WALLETS = ("AlipayHK", "DANA", "TNG", "BPI", "Rabbit LINE Pay", "GCash", "Boost", "Akulaku PayLater")
WALLETS_BY_CURRENCY: dict[str, tuple[str, ...]] = {
    "CNY": ALL_WALLETS,
    "GBP": ALL_WALLETS,
    "HKD": ("AlipayHK",),
    "IDR": ("DANA", "Akulaku PayLater"),
    "MYR": ("TNG", "Boost"),
    "PHP": ("GCash", "BPI"),
    "THB": ("Rabbit LINE Pay",),
}
METHOD_NAMES = {
    "card": "Test card", "gcash": "GCash", "dana": "DANA", "alipay": "Alipay", "alipay_hk": "AlipayHK",
    "boost": "Boost", "touchngo": "TNG", "rabbit_line_pay": "Rabbit LINE Pay", "bpi": "BPI",
    "wechat_pay": "WeChat Pay", "truemoney": "TrueMoney", "kakaopay": "KakaoPay",
}


def wallets_for(currency: str, method_type: str | None = None) -> tuple[str, ...]:
    if method_type in (None, "alipayplus"):
        return WALLETS_BY_CURRENCY.get(currency.upper(), ())
    return (METHOD_NAMES.get(method_type, method_type),)


def format_amount(amount: int, currency: str) -> str:
    try:
        # The app's own table of minor units, so the page and the desk agree on IDR and friends.
        from merchant_desk.money import format_minor

        return format_minor(amount, currency)
    except Exception:
        digits = get_currency_precision(currency)
        return format_currency(Decimal(amount).scaleb(-digits), currency, locale="en_US")


_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f3f5f9;color:#1d2433}
main{max-width:28rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:14px;padding:1.25rem;box-shadow:0 1px 4px rgba(0,0,0,.08);margin-bottom:1rem}
.badge{display:inline-block;font-size:.75rem;background:#ffe9b3;color:#6b4d00;border-radius:99px;padding:.15rem .6rem}
.amount{font-size:2.2rem;font-weight:700;margin:.4rem 0}
.muted{color:#5d6679;font-size:.9rem;word-break:break-all}
form.wallet{display:flex;align-items:center;gap:.5rem;border-top:1px solid #eef0f4;padding:.7rem 0}
form.wallet span{flex:1;font-weight:600}
button{font:inherit;border:0;border-radius:10px;padding:.6rem .9rem;min-height:44px;cursor:pointer}
button.pay{background:#1677ff;color:#fff}
button.decline{background:#eef0f4;color:#1d2433}
.result{font-size:1.3rem;font-weight:700}
.ok{color:#137333}.bad{color:#b3261e}
a{color:#1677ff}
table{width:100%;border-collapse:collapse;font-size:.9rem}td{padding:.25rem 0}td.r{text-align:right}
"""


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<div class=\"card\"><span class=\"badge\">WooshPay sandbox · test mode</span>{body}</div>"
        "</main></body></html>"
    )


def _wallet_forms(wallets: tuple[str, ...]) -> str:
    if not wallets:
        return "<p class=\"bad\">No wallet takes this currency.</p>"
    forms = []
    for wallet in wallets:
        w = escape(wallet, quote=True)
        forms.append(
            f"<form class=\"wallet\" method=\"post\"><input type=\"hidden\" name=\"wallet\" value=\"{w}\">"
            f"<span>{escape(wallet)}</span>"
            f"<button class=\"pay\" name=\"action\" value=\"pay\" aria-label=\"Pay with {w}\">Pay</button>"
            f"<button class=\"decline\" name=\"action\" value=\"decline\" aria-label=\"Decline in {w}\">Decline</button>"
            "</form>"
        )
    return "<p class=\"muted\">Choose a wallet to pay with:</p>" + "".join(forms)


def _return_link(url: str | None, label: str) -> str:
    if not url:
        return ""
    href = url if "://" in url else f"https://{url}"
    return f"<p><a href=\"{escape(href, quote=True)}\">{escape(label)}</a></p>"


def intent_page(intent: dict[str, Any], method_type: str | None, notice: str | None = None) -> str:
    amount = format_amount(intent["amount"], intent["currency"])
    head = (
        f"<h1 class=\"amount\" data-amount=\"{intent['amount']}\" data-currency=\"{escape(intent['currency'])}\">"
        f"{escape(amount)}</h1>"
        f"<p class=\"muted\">{escape(intent.get('description') or 'Payment')} · {escape(intent['id'])}</p>"
    )
    status = intent["status"]
    if status == "succeeded":
        body = "<p class=\"result ok\" data-status=\"succeeded\">Paid. Thank you!</p>" + _return_link(
            intent.get("return_url"), "Back to the shop"
        )
    elif status == "requires_capture":
        body = "<p class=\"result ok\" data-status=\"requires_capture\">Authorised; the merchant will capture it.</p>"
    elif status == "canceled":
        body = "<p class=\"result bad\" data-status=\"canceled\">This payment was cancelled.</p>"
    elif status == "processing":
        body = "<p class=\"result\" data-status=\"processing\">Processing…</p>"
    else:
        failed = ""
        if intent.get("last_payment_error"):
            failed = f"<p class=\"bad\">{escape(intent['last_payment_error'].get('message') or 'Declined.')}</p>"
        body = failed + _wallet_forms(wallets_for(intent["currency"], method_type))
    if notice:
        body = f"<p class=\"muted\">{escape(notice)}</p>" + body
    return _page(f"Pay {amount}", head + body)


def session_page(session: dict[str, Any], intent: dict[str, Any], method_type: str | None) -> str:
    amount = format_amount(session["amount_total"], session["currency"])
    rows = "".join(
        f"<tr><td>{escape(str(item['description']))} × {item['quantity']}</td>"
        f"<td class=\"r\">{escape(format_amount(item['amount_total'], item['currency']))}</td></tr>"
        for item in session["line_items"]["data"]
    )
    head = (
        f"<h1 class=\"amount\" data-amount=\"{session['amount_total']}\" "
        f"data-currency=\"{escape(session['currency'])}\">{escape(amount)}</h1><table>{rows}</table>"
    )
    if session["status"] == "complete":
        body = "<p class=\"result ok\" data-status=\"complete\">Paid. Thank you!</p>" + _return_link(
            session.get("success_url"), "Back to the shop"
        )
    elif session["status"] == "expired":
        body = "<p class=\"result bad\" data-status=\"expired\">This checkout has expired.</p>"
    else:
        failed = ""
        if intent.get("last_payment_error"):
            failed = f"<p class=\"bad\">{escape(intent['last_payment_error'].get('message') or 'Declined.')}</p>"
        body = failed + _wallet_forms(wallets_for(session["currency"], method_type)) + _return_link(
            session.get("cancel_url"), "Cancel and go back"
        )
    return _page(f"Checkout {amount}", head + body)


def message_page(title: str, message: str) -> str:
    return _page(title, f"<p class=\"result bad\">{escape(message)}</p>")
