"""Listing 10,000 models: the SDK's deserialisation vs the raw JSON path, and the rows built from each.

Run: .venv/bin/python tests/bench/list_path.py [N] [REPEATS]
The local service runs in its own process (seed scale:N). Prints the median over REPEATS (default 3) of:
  sdk     `GenAI.list_resources` (every item deserialised into an SDK ModelSummary) + `build_rows` (the rows)
  raw     `GenAI.list_resources(raw=True)` (the SDK's own `skip_deserialization` client: JSON dicts) + `build_raw_rows`
and how much of each is the listing (HTTP + parsing) and how much the rows, and the console's CPU
for both (the wall time also holds the service's, which no client path changes). Both keep the Result's
etag / opc-request-id (printed, so a regression that loses them shows).
"""

from __future__ import annotations

import statistics
from functools import partial
import sys
import time


from tests.bench._service import Service


def main(count: int, repeats: int) -> None:
    service = Service(f"scale:{count}")
    try:
        from tui.cloud import CloudSession, GenAI, load_profile
        from tui.cloud.resources import MODEL
        from tui.ui.data.presentation import list_columns
        from tui.ui.data.rows import build_raw_rows, build_rows

        session = CloudSession(load_profile(config_file=str(service.config_file)),
                               endpoint_template=service.endpoint_template)
        genai = GenAI(session)
        compartment = next(c.id for c in genai.list_compartments(service.tenancy_id).data if c.name == "scale")
        columns = list_columns(MODEL)
        region = session.default_region.id
        figures: dict[str, list[tuple[float, float]]] = {"sdk": [], "raw": []}
        cpu: dict[str, list[float]] = {"sdk": [], "raw": []}  # this process only (not the service's)
        last: dict[str, object] = {}
        for _ in range(repeats):
            for path in ("sdk", "raw"):
                c0 = time.process_time()
                t0 = time.perf_counter()
                result = genai.list_resources(MODEL, compartment, page_size=1000, raw=path == "raw")
                t1 = time.perf_counter()
                rows = (build_raw_rows(result.data, columns, region, MODEL, partial(genai.summary_from_raw, MODEL)) if path == "raw"
                        else build_rows(result.data, columns, region))
                t2 = time.perf_counter()
                assert len(rows) >= count, (path, len(rows))  # plus the BASE models
                figures[path].append((t1 - t0, t2 - t1))
                cpu[path].append(time.process_time() - c0)
                last[path] = result
        for path, runs in figures.items():
            listing = statistics.median(a for a, _ in runs)
            building = statistics.median(b for _, b in runs)
            result = last[path]
            print(f"list_path: {path:3s} {count} models: list {listing * 1000:.0f} ms + rows {building * 1000:.0f} ms "
                  f"= {(listing + building) * 1000:.0f} ms (median of {repeats}; pages {result.pages}, "  # type: ignore[attr-defined]
                  f"request id {'kept' if result.opc_request_id else 'LOST'}); "  # type: ignore[attr-defined]
                  f"console CPU {statistics.median(cpu[path]) * 1000:.0f} ms")
        sdk = sum(statistics.median(x) for x in zip(*figures["sdk"], strict=True))
        raw = sum(statistics.median(x) for x in zip(*figures["raw"], strict=True))
        print(f"list_path: raw / sdk = {raw / sdk:.2f} wall (the service's own time is in both), "
              f"{statistics.median(cpu['raw']) / statistics.median(cpu['sdk']):.2f} console CPU")
    finally:
        service.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
