"""The migration steps that shipped stay exactly what ledgers in the field ran, whichever way they are
written down: each step's text is pinned by its SHA-256."""

from __future__ import annotations

import hashlib
import re

import pytest

from merchant_desk.ledger import migrations

SHIPPED = {
    "SQLITE": (
        "31d54863762567671390e298359fe69c02b73f25c8cd722105a2dc347bb662c0",
        "2b307fcbee3bfd817189b015b1538f91c694eadd379a7271c4694f75e8885904",
        "32fd7dc5745ac93031ac22f6c8d0a510b10b700143d0475658faa387770c7b87",
    ),
    "POSTGRESQL": (
        "1f8f4c96c3310e1f0d4fb10a32007f7991b932b95014904c8c792d2d7844b90f",
        "21e848ab4f7c96c67fdde87471f75a97def1ac45e4a63cce2cf8b3e85099ceed",
        "c93a2c7f6117c689d245f178aa6dcb8ef8b58214e5c1421d8ecce48eb4276829",
    ),
}


@pytest.mark.parametrize("engine", sorted(SHIPPED))
def test_shipped_steps_are_unchanged(engine):
    steps = getattr(migrations, engine)
    assert len(steps) == migrations.SCHEMA_VERSION
    digests = tuple(hashlib.sha256(step.encode()).hexdigest() for step in steps[: len(SHIPPED[engine])])
    assert digests == SHIPPED[engine]


def test_both_engines_end_with_the_same_tables():
    def created(steps):
        return {m[1] for step in steps for m in re.finditer(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", step)}

    tables = {"outbox", "audit", "claims", "people", "shop_settings"}
    assert created(migrations.SQLITE) == tables | {"outbox_v3"}  # renamed to outbox by the same step
    assert created(migrations.POSTGRESQL) == tables
