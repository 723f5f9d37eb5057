"""Words for the outcomes that are neither success nor refusal, and for the refusals of the late-retry and
wallet-rule work: never "unexpected error" for a refund that was made, never a raw code."""

from __future__ import annotations

from datetime import UTC, datetime

from merchant_desk.ledger import OutboxEntry
from merchant_desk.services.outcomes import NeedsDecision, SentNotRecorded
from merchant_desk.services.refunds import RefundRefused
from merchant_desk.services.wallet_rules import WalletRuleRefusal
from merchant_desk.ui import words
from merchant_desk.wallets import refund_rule


def parked_entry() -> OutboxEntry:
    now = datetime.now(UTC)
    return OutboxEntry("k", "refund", "POST", "/v1/refunds", {}, "Sandbox", "needs_decision", None, None, None,
                       1, now, now, {"amount": 300})


def test_a_made_but_unrecorded_request_is_said_to_be_made():
    text = words.failure(SentNotRecorded("k", "refund", {"id": "re_1"}, OSError("database is locked")))
    assert "WooshPay made it" in text and "Do not repeat it" in text


def test_a_request_needing_a_decision_points_to_the_refunds_page():
    text = words.failure(NeedsDecision(parked_entry()))
    assert "not sent again" in text and "Refunds page" in text


def test_the_new_refusal_codes_have_words():
    assert "needs your decision" in words.refund_refusal(RefundRefused("needs_decision", "log"))
    rule = refund_rule("dana")
    assert rule is not None
    assert words.refund_refusal(WalletRuleRefusal(rule, 1)) == (
        "DANA allows one refund per payment, and this payment has already been refunded.")
