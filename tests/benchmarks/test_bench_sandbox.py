"""The sandbox benchmark still runs at tiny sizes and returns its rows; its figures are judged by
scripts/bench, never here (shared machines make timings noisy)."""

from __future__ import annotations

from benchmarks import bench_sandbox
from benchmarks.table import format_table


def test_bench_sandbox_quick_returns_rows() -> None:
    rows = bench_sandbox.results(quick=True)
    whats = [r["what"] for r in rows]
    assert any("POST /v1/payment_intents" in w for w in whats)
    assert any("Idempotency-Key" in w for w in whats)
    assert any("merchant_order_id" in w for w in whats)
    for r in rows:
        assert set(r) == {"what", "measured", "baseline", "ratio", "goal", "met"}
        assert r["ratio"] > 0 and r["goal"].split()[0] in ("<=", ">=")
        assert isinstance(r["met"], bool)
    assert len(format_table(rows).splitlines()) == 2 + len(rows)
