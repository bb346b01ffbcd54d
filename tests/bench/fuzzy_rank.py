"""`~` fuzzy filter cost per keystroke at N rows: the subsequence prefilter plus Textual's scorer.

Run: .venv/bin/python tests/bench/fuzzy_rank.py [N]
Builds N rows shaped like the model list (name, state, type, vendor, version, capabilities, date),
then times `RowSet.view` (what the filter worker runs per keystroke) for a few queries, from ones
every row matches (the worst case: every row is scored) to selective ones. Prints ms per query and
how many rows matched.
"""

from __future__ import annotations

import statistics
import sys
import time


from tui.ui.data.rows import Row
from tui.ui.data.rowset import RowSet, SortState

VENDORS = ("cohere", "meta", "google", "xai", "openai")
QUERIES = ("~m", "~md9", "~cmd", "~gem25fl", "~model-12", "~zzz")


def rows(count: int) -> list[Row]:
    out = []
    for i in range(count):
        vendor = VENDORS[i % len(VENDORS)]
        cells = (f"model-{i}-{vendor}-tuned", "ACTIVE", "CUSTOM", vendor, f"{i % 15}.{i % 7}", "CHAT,TEXT_EMBEDDINGS",
                 f"2026-{1 + i % 12:02d}-{1 + i % 28:02d} 00:00")
        ocid = f"ocid1.generativeaimodel.oc1.us-chicago-1.amaaaaaa{i:040d}"
        out.append(Row(f"r/{ocid}", ocid, "us-chicago-1", cells[0], "ACTIVE", cells,
                       tuple((0, c) for c in cells), " ".join((*cells, ocid)).lower(), None))
    return out


def main(count: int) -> None:
    rowset = RowSet(rows(count))
    sort = SortState()
    rowset.view("", sort)
    print(f"~ fuzzy at {count} rows (RowSet.view, median of 5)")
    for query in QUERIES:
        times, matched = [], 0
        for _ in range(5):
            started = time.perf_counter()
            matched = len(rowset.view(query, sort))
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {query:12} {statistics.median(times):7.1f} ms  {matched} rows")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
