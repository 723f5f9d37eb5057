"""How the interpreter is tuned so that the GUI thread answers within a frame (no Qt).

Garbage collection. CPython's cyclic collector stops the thread that triggers it while it walks the
generation it collects; a full (generation 2) pass walks every tracked object, which after start-up means
every module, class, function and Qt wrapper loaded: 25-35 ms on the GUI thread, two frames, whenever the
list pages in rows. Almost all of those objects live as long as the app, so once the first account is shown
they are moved out of the collector's sight (``gc.freeze``): later passes walk only what was made since.
The app collects on the GUI thread only (``ui.frame.gui_thread_collector``, automatic collection off), so
these thresholds are what that timer follows. The young generation's threshold is raised so that paging in thousands of rows triggers a few cheap young
passes rather than hundreds.

The GIL. Work moved off the GUI thread (the embedded sandbox, the ledger's SQLite calls, QR encoding) is
still Python and holds the GIL while it runs; a thread that wants the GIL back waits until the holder's
switch interval (5 ms by default) has passed, and the GUI thread gives the GIL up at every blocking call,
so one frame's worth of its work could wait several intervals. A 0.5 ms interval bounds each such wait.
"""

from __future__ import annotations

import gc
import sys

# Allocations (minus deallocations) of tracked objects between young collections; CPython's default is
# 700. Higher means fewer, slightly longer young passes (each still a few milliseconds at most).
GEN0_THRESHOLD = 10_000
SWITCH_INTERVAL_S = 0.0005


def share_the_gil() -> None:
    """Call before starting worker threads: the GUI thread gets the GIL back within ``SWITCH_INTERVAL_S``."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def freeze_after_startup() -> None:
    """Call once the window shows its first account: what exists now is kept for the app's life."""
    gc.collect(0)
    gc.freeze()
    _, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GEN0_THRESHOLD, gen1, gen2)
