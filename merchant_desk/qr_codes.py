"""QR codes for cashier URLs: the code ``segno.make_qr(data, error="m", boost_error=True)`` makes, in about a
quarter of its time.

A QR symbol is masked with one of eight patterns, and the encoder picks the one whose result scores lowest
under the penalty rules of ISO/IEC 18004 §7.8.3 (long runs, 2×2 blocks, finder-like patterns, dark
balance). segno scores the eight module by module in pure Python: four fifths of its time for a cashier
URL. Here the code is made once with the mask the last code chose, the unmasked symbol is read back from
it, the eight masks are scored with operations on the whole symbol at once (its rows, and its columns, as
the bits of one integer; the same rules and the same arithmetic as segno's ``mask_scores``, so the same
choice, which the tests check against segno itself), and the code is made again with the winner unless
the first one was it already.

The mask only decides how easily a code scans, never what it holds: should segno's layout ever change
under this scoring, the codes would still be valid, merely masked differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import segno
from segno import encoder as _layout_of_segno

ERROR_LEVEL = "m"
MASKS = 8
FINDER_LIKE = "1011101"  # N3: dark-light-dark-dark-dark-light-dark, as "1"s and "0"s
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

# The mask the last code scored best with: the next cashier URL is much like the last (the same server,
# the same length), so it is likely to win again, and the first encoding is then the only one.
_last_best = 0


def make_qr(data: str) -> segno.QRCode:
    """The QR code (never a Micro QR code: many wallets cannot read those) of ``data``, error correction
    level M or higher when that fits in the same version, masked as segno would mask it."""
    global _last_best
    first = segno.make_qr(data, error=ERROR_LEVEL, boost_error=True, mask=_last_best)
    best = _last_best = best_mask(first)
    if best == first.mask:
        return first
    return segno.make_qr(data, error=ERROR_LEVEL, boost_error=True, mask=best)


def best_mask(code: segno.QRCode) -> int:
    """The mask whose symbol scores lowest (the first such), for the data ``code`` holds."""
    scores = mask_scores(code)
    return min(range(MASKS), key=scores.__getitem__)


def mask_scores(code: segno.QRCode) -> list[int]:
    """The penalty of each of the eight masks for the data of ``code`` (masked with any of them)."""
    layout = _layout(len(code.matrix))
    rows = _packed(code.matrix)
    columns = _packed([bytes(column) for column in zip(*code.matrix, strict=True)])
    own = code.mask
    # The symbol before masking: the data modules with the code's own mask taken off, everything else as
    # scored (function patterns as they are, the format and version areas still blank).
    unmasked = ((rows ^ layout.flips[own]) & layout.data) | layout.fixed
    unmasked_t = ((columns ^ layout.flips_t[own]) & layout.data_t) | layout.fixed_t
    return [
        _penalty(unmasked ^ flip, unmasked_t ^ flip_t, layout)
        for flip, flip_t in zip(layout.flips, layout.flips_t, strict=True)
    ]


def _packed(lines: Sequence[bytes | bytearray]) -> int:
    """Lines of modules (bytes 0 and 1) as one integer: the first module is the highest bit, and a 0 bit
    stands between lines, so one shift moves every module onto its neighbour at once."""
    return int(b"\x00".join(lines).translate(_DIGITS), 2)


class _Layout:
    """What masking a symbol of one size needs, as packed integers (``_packed``), rows and (``_t``) columns."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.stride = size + 1
        self.bits = size * self.stride - 1
        # segno's own layout (its encoder is untyped): the timing pattern in, the format and version areas 0.
        template = _layout_of_segno.make_matrix(size, size)  # type: ignore[no-untyped-call]
        _layout_of_segno.add_finder_patterns(template, size, size)  # type: ignore[no-untyped-call]
        _layout_of_segno.add_alignment_patterns(template, size, size)  # type: ignore[no-untyped-call]
        is_data = [bytes(value == 0x2 for value in row) for row in template]  # 0x2: part of no pattern
        fixed = [bytes(0 if value == 0x2 else value for value in row) for row in template]
        patterns = _layout_of_segno.get_data_mask_functions(False)  # type: ignore[no-untyped-call]
        flips = [[bytes(data and pattern(i, j) for j, data in enumerate(row)) for i, row in enumerate(is_data)]
                 for pattern in patterns]
        self.data, self.data_t = _both(is_data)
        self.fixed, self.fixed_t = _both(fixed)
        pairs = [_both(flip) for flip in flips]
        self.flips = [rows for rows, _ in pairs]
        self.flips_t = [columns for _, columns in pairs]
        # Where a module has a left neighbour in its line; and a left neighbour and one above as well.
        self.has_left = _packed([bytes(j > 0 for j in range(size))] * size)
        self.has_left_and_above = _packed([bytes(size)] + [bytes(j > 0 for j in range(size))] * (size - 1))


def _both(rows: list[bytes]) -> tuple[int, int]:
    return _packed(rows), _packed([bytes(column) for column in zip(*rows, strict=True)])


@lru_cache(maxsize=16)
def _layout(size: int) -> _Layout:
    return _Layout(size)


def _penalty(rows: int, columns: int, layout: _Layout) -> int:
    """ISO/IEC 18004 §7.8.3 penalty of a masked symbol (packed by rows and by columns), computed as segno's
    ``mask_scores`` does."""
    n1 = _runs(rows, layout.has_left) + _runs(columns, layout.has_left)
    # A 2x2 block of one colour ends here: the module equals the one above it, and it and the one above
    # each equal their left neighbours.
    above = rows >> layout.stride
    same = ~(rows ^ above) & ~(rows ^ (rows >> 1)) & ~(above ^ (above >> 1)) & layout.has_left_and_above
    n2 = 3 * same.bit_count()
    n3 = _finder_like(format(rows, f"0{layout.bits}b"), layout) + _finder_like(format(columns, f"0{layout.bits}b"), layout)
    percent = float(rows.bit_count()) / (layout.size**2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def _runs(lines: int, has_left: int) -> int:
    """N1: 3 for each run of five modules of one colour in a line, plus 1 for each module more."""
    same_as_left = ~(lines ^ (lines >> 1)) & has_left
    # Bits that start four "same as left" in a row: a run of n >= 5 modules leaves n - 4 of them, in one group.
    fours = same_as_left & (same_as_left >> 1) & (same_as_left >> 2) & (same_as_left >> 3)
    return fours.bit_count() + 2 * (fours & ~(fours >> 1)).bit_count()


def _finder_like(text: str, layout: _Layout) -> int:
    """N3 of every line of ``text`` (lines of "0" and "1", a "0" between them): 40 for each 1:1:3:1:1 pattern
    with four light modules on either side or the edge there, found left to right in each line as segno
    finds them."""
    size, stride = layout.size, layout.stride
    count = 0
    index = text.find(FINDER_LIKE)
    while index != -1:
        start = index - index % stride  # where its line starts
        local = index - start
        if local > size - 7:  # across the gap between two lines: not in either
            index = text.find(FINDER_LIKE, index + 1)
            continue
        end = start + size
        offset = index + 7
        if (local in (0, size - 7) or "1" not in text[max(index - 4, start):index]
                or "1" not in text[offset:min(offset + 4, end)]):
            count += 40
        else:
            offset = index + 4
        index = text.find(FINDER_LIKE, offset)
    return count
