"""The one redaction: a key in any of its shapes (raw, masked by others, escaped, base64 at any offset,
Basic credential) never survives it, and ordinary text does."""

from __future__ import annotations

import base64
import json
import random
import secrets
import string
from urllib.parse import quote

import pytest

from merchant_desk.redaction import contains_secret, mask_key, redact_keys
from merchant_desk.wooshpay import keys

URLSAFE = string.ascii_letters + string.digits + "-_"
STANDARD = string.ascii_letters + string.digits + "+/"


def sandbox_key() -> str:
    return "sk_test_" + secrets.token_urlsafe(24)


def random_keys(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    made = []
    for i in range(count):
        prefix = ("sk_test_", "sk_live_", "rk_test_", "rk_live_", "whsec_")[i % 5]
        alphabet = URLSAFE if i % 2 else STANDARD
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(16, 60)))
        # Keys whose body starts with a symbol were missed before: make sure plenty of them are here.
        if i % 3 == 0:
            body = rng.choice("-_+/") + body
        made.append(prefix + body + ("=" * (i % 3) if alphabet is STANDARD else ""))
    return made


def b64_forms(key: str) -> list[str]:
    forms = []
    for pad in ("", "x", "xy", "user:", "Authorization: "):
        raw = (pad + key + ":").encode()
        forms += [base64.b64encode(raw).decode(), base64.b64encode(raw).decode().rstrip("="),
                  base64.urlsafe_b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode().rstrip("=")]
    return forms


def leaked_pieces(key: str) -> list[str]:
    """What must not be found in redacted text: the key, its body minus the four shown characters, and every
    base64 form."""
    prefix_end = key.index("_", 3) + 1 if key.startswith(("sk_", "pk_", "rk_")) else len("whsec_")
    body = key[prefix_end:]
    pieces = [key, body[:-4]]
    for form in b64_forms(key):
        pieces.append(form[4:24])  # any 20 characters from the inside of the encoded text
    return pieces


@pytest.mark.parametrize("key", random_keys(150, seed=7) + [sandbox_key() for _ in range(100)])
def test_every_shape_of_every_key_is_redacted(key):
    texts = [
        f"Invalid API Key provided: {key}",
        json.dumps({"error": {"message": f"bad key {key}"}}),
        json.dumps({"key": key}).replace("/", "\\/"),  # JSON may escape "/"
        f"GET /v1/x?key={quote(key, safe='')} HTTP/1.1",
    ]
    for form in b64_forms(key):
        texts += [f"Authorization: Basic {form}", f"echo={form}&next=1", f'{{"authorization":"Basic {form}"}}']
    for text in texts:
        redacted = redact_keys(text)
        for piece in leaked_pieces(key):
            assert piece not in redacted, (text, redacted)
        assert redact_keys(redacted) == redacted  # stable: redacting twice changes nothing more


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sk_test_****abcd", "sk_test_…abcd"),
        ("sk_live_BQokikJ...2HlWgH4olfQ2", "sk_live_…lfQ2"),
        ("sk_test_•••••abcd", "sk_test_…abcd"),
        ("key sk_test_…abcd shown", "key sk_test_…abcd shown"),
        ("sk_0123456789ABCDEFgh", "sk_…EFgh"),  # a mistyped prefix is still a key
        ("whsec_" + "w" * 32, "whsec_…wwww"),
    ],
)
def test_masked_and_odd_forms_show_no_more_than_four_characters(text, expected):
    assert redact_keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Basic settings saved for desk_profile",
        "pi_1693466278934609920 refunded by re_1575092157281206272 (evt_1593219809108033536)",
        "pi_1646355176136638464_secret_gxkV1LYb76c2nFvtzDmHevyw",
        "https://open-sea.alipayplus.com/api/open/v1/ac/cashier/self/codevalue/checkout.htm?codeValue=281666040092tDht8YNMR2t2u648Mu5v476I",
        "The amount must be at least 1.00 HKD... try again",
        "ask_test_results and task_live_feed",
        "",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact_keys(text) == text


def test_structures_are_redacted_throughout_and_other_values_kept():
    key = sandbox_key()
    data = {"error": {"message": key, "param": None, "n": 3, key: [key, (key, True)]}}
    redacted = redact_keys(data)
    assert key not in json.dumps(redacted)
    assert redacted["error"]["n"] == 3 and redacted["error"]["param"] is None
    assert redact_keys(7) == 7 and redact_keys(None) is None


def test_wooshpay_keys_use_the_same_function():
    assert keys.redact_keys is redact_keys and keys.mask_key is mask_key


@pytest.mark.parametrize("key", random_keys(200, seed=11) + [sandbox_key() for _ in range(200)])
def test_contains_secret_finds_every_secret_shape(key):
    assert contains_secret(key)
    assert contains_secret(f"My shop {key}")
    for form in b64_forms(key):
        assert contains_secret(form)


@pytest.mark.parametrize("text", ["Main shop", "pk_test_" + "p" * 30, "https://api.example.test/v1", "test", "live"])
def test_contains_secret_ignores_names_and_publishable_keys(text):
    assert not contains_secret(text)
