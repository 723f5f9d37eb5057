"""QR codes masked by whole-row scoring: the same codes segno makes on its own, in less time."""

from __future__ import annotations

import random
import string

import pytest
import segno
from segno import encoder

from merchant_desk import qr_codes

ALPHABETS = (
    string.ascii_letters + string.digits + ":/._-?=&",  # URLs: byte mode
    string.digits,  # numeric mode
    string.ascii_uppercase + " $%*+-./:",  # alphanumeric mode
    "中文字符¥€",  # UTF-8 bytes
)


def _samples(count: int, seed: int) -> list[str]:
    """Data of every mode and of lengths from one character to symbols with version information (7+)."""
    rng = random.Random(seed)
    samples = [f"http://127.0.0.1:{rng.randint(1024, 65535)}/cashier/pi_{rng.randint(10**18, 10**19 - 1)}"
               for _ in range(count // 4)]
    while len(samples) < count:
        length = rng.choice((1, 7, 20, 53, 80, 150, 300, 600))
        alphabet = rng.choice(ALPHABETS)
        data = "".join(rng.choice(alphabet) for _ in range(length))
        try:
            segno.make_qr(data, error="m", boost_error=True, mask=0)
        except segno.DataOverflowError:
            continue
        samples.append(data)
    return samples


def _segno_scores(data: str) -> tuple[segno.QRCode, list[int]]:
    """segno's own code for ``data`` and the penalty it gave each mask while choosing."""
    scores: list[int] = []
    evaluate = encoder.evaluate_mask

    def recording(matrix, width, height):  # type: ignore[no-untyped-def]
        scores.append(evaluate(matrix, width, height))
        return scores[-1]

    encoder.evaluate_mask = recording
    try:
        code = segno.make_qr(data, error="m", boost_error=True)
    finally:
        encoder.evaluate_mask = evaluate
    assert len(scores) == qr_codes.MASKS
    return code, scores


@pytest.mark.parametrize("seed", [1, 2])
def test_every_mask_scores_as_segno_scores_it(seed):
    for data in _samples(40, seed):
        code, scores = _segno_scores(data)
        for mask in (0, 5, code.mask):  # read back from a code made with any mask
            made = segno.make_qr(data, error="m", boost_error=True, mask=mask)
            assert qr_codes.mask_scores(made) == scores, data


def test_the_codes_are_segnos_codes():
    versions = set()
    for data in _samples(60, 3):
        ours = qr_codes.make_qr(data)
        theirs = segno.make_qr(data, error="m", boost_error=True)
        assert (ours.matrix, ours.mask, ours.version, ours.error) == (theirs.matrix, theirs.mask, theirs.version, theirs.error)
        versions.add(ours.version)
    assert min(versions) <= 2 and max(versions) >= 7  # with and without version information


def test_short_data_still_makes_a_qr_code_not_a_micro_one():
    assert not qr_codes.make_qr("1").is_micro


def test_the_first_try_follows_the_last_winner(monkeypatch):
    made: list[int | None] = []
    make = segno.make_qr

    def counting(data, **options):  # type: ignore[no-untyped-def]
        made.append(options.get("mask"))
        return make(data, **options)

    monkeypatch.setattr(qr_codes.segno, "make_qr", counting)
    url = "http://127.0.0.1:45555/cashier/pi_1234567890123456789"
    winner = qr_codes.make_qr(url).mask
    made.clear()
    assert qr_codes.make_qr(url).mask == winner
    assert made == [winner]  # encoded once: the last winner was tried first and won again
