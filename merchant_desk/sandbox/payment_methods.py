"""Payment methods of a PaymentIntent (§3.1, §3.5): which types exist, which a currency allows, the method
attached to an intent, and where its customer is sent to pay."""

from __future__ import annotations

from typing import Any

from .errors import invalid, missing
from .ids import new_id
from .state import ALIPAYPLUS_CURRENCIES, SandboxState

DEFAULT_METHOD_TYPES = ["alipay", "wechat_pay", "card", "alipayplus"]
PAYMENT_METHOD_TYPES = (
    "card alipayplus alipay wechat_pay sepa_debit alipay_hk boost truemoney gcash kakaopay touchngo "
    "rabbit_line_pay dana klarna ideal giropay sofort eps trustly bancontact p24 unionpay fpx mcash grabpay "
    "bank_transfer_id qris promptpay ovo shopeepay upi boleto paynow pix 9pay stitch bpi"
).split()
# A Stripe-style test card that declines; a sandbox convention, not WooshPay behaviour (§13).
DECLINE_CARD = "4000000000000002"


def requested_type(method_data: dict[str, Any] | None) -> str | None:
    """The type named by ``payment_method_data`` (None without it); unknown types are refused."""
    if method_data is None:
        return None
    method_type = method_data.get("type")
    if not method_type:
        raise missing("payment_method_data[type]")
    if method_type not in PAYMENT_METHOD_TYPES:
        raise invalid("payment_method_data[type]", f"Unknown payment method type: {method_type}.", "parameter_invalid_enum")
    return method_type


def check_types(types: list[str]) -> None:
    for t in types:
        if t not in PAYMENT_METHOD_TYPES:
            raise invalid("payment_method_types", f"Unknown payment method type: {t}.", "parameter_invalid_enum")


def check_currency(currency: str, method_type: str | None) -> None:
    if method_type == "alipayplus" and currency not in ALIPAYPLUS_CURRENCIES:
        raise invalid(
            "currency",
            f"Alipay+ does not present {currency}; use one of {', '.join(ALIPAYPLUS_CURRENCIES)}.",
            "currency_not_supported",
        )


def attach_method(intent: dict[str, Any], method_type: str, method_data: dict[str, Any] | None) -> None:
    intent["payment_method"] = new_id("pm")
    intent["_sandbox"]["method_type"] = method_type
    card = (method_data or {}).get("card")
    intent["_sandbox"]["card_number"] = str(card.get("number", "")) if isinstance(card, dict) else None


def redirect(state: SandboxState, intent_id: str, method_type: str) -> dict[str, Any]:
    url = state.cashier_url(intent_id)
    if method_type == "alipayplus":
        # §0 shows only normalUrl; `url` is what other wallets carry (§3.5), so clients find either.
        return {"type": "redirect_to_url", "alipayplus_handle_redirect": {"normalUrl": url, "url": url}}
    if method_type == "card":
        return {"type": "challenge_redirect", "challenge_redirect": {"url": url, "return_url": None}}
    return {"type": "redirect_to_url", f"{method_type}_handle_redirect": {"url": url}}
