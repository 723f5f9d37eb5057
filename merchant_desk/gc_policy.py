"""The garbage collector's policy for the running app (no Qt).

CPython's cyclic collector stops the thread that triggers it while it walks the generation it collects;
a full (generation 2) pass walks every tracked object, which after start-up means every module, class,
function and Qt wrapper loaded: 25-35 ms on the GUI thread, two frames, whenever the list pages in rows.
Almost all of those objects live as long as the app, so once the first account is shown they are moved
out of the collector's sight (``gc.freeze``): later passes walk only what was made since. The young
generation's threshold is raised so that paging in a few thousand rows triggers a handful of cheap young
passes rather than hundreds.
"""

from __future__ import annotations

import gc

# Allocations (minus deallocations) of tracked objects between young collections; CPython's default is
# 700. Higher means fewer, slightly longer young passes (each still well under a millisecond).
GEN0_THRESHOLD = 10_000


def freeze_after_startup() -> None:
    """Call once the window shows its first account: what exists now is kept for the app's life."""
    gc.collect(0)
    gc.freeze()
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GEN0_THRESHOLD, gen1, gen2)
