"""Keep Python's cyclic garbage collector off the keystroke path when a list holds 10,000+ rows.

A full (generation 2) collection walks every container object the process holds. A listing of
10,000 models is ~100,000 of them (rows, their cell tuples, the service's JSON items), 130,000 rows
over 13 regions more than a million: measured in tests/bench/filter_latency.py, full collections
triggered by a refresh's allocations paused the UI thread for 50-450 ms, the worst `/` keystrokes.

Rows are acyclic (reference counting frees them the moment a newer listing replaces them), so
once a listing is on screen its objects are moved to the collector's permanent generation
(`gc.freeze`): later collections walk only what was made since. Frozen objects that later become
*cyclic* garbage are not collected until `gc.unfreeze`; to keep that to nothing of size, the list
freezes only while no dialog or wizard is open (a closed screen is cyclic garbage), and every
`UNFREEZE_EVERY` freezes everything is handed back to the collector once.
"""

from __future__ import annotations

import gc

#: freezes between two `gc.unfreeze()` (a refresh every 15 s: about once an hour)
UNFREEZE_EVERY = 240

_freezes = 0


def freeze_long_lived() -> None:
    """The objects alive now are long-lived: later collections skip them (see the module docstring)."""
    global _freezes
    _freezes += 1
    if _freezes % UNFREEZE_EVERY == 0:
        gc.unfreeze()  # the next automatic full collection sees (and frees) any cyclic garbage among them
        return
    gc.freeze()
