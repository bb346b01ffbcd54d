"""`/` keystroke latency at 10,000 models while the list refreshes itself (every second).

Run: .venv/bin/python tests/bench/filter_latency.py [N] [REFRESH]
The local service runs in its own process (seed scale:N); the console runs in-process headless with
`refresh_interval` = REFRESH (default 1 s) so that refresh rounds (10 pages listed, N rows built and
compared in a worker thread) overlap the typing. Each keystroke is sent as a terminal would (no Pilot
waiting); its latency is the time until the table holds the new view and has painted a line of it.
Prints median / p95 / max and how many refresh rounds ran during the typing.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
from pathlib import Path


from tests.bench._keystrokes import CPU, KEYS, percentile, slowest, type_keys
from tests.bench._service import Service
from tui.__main__ import pace_frames

pace_frames()  # Textual's frame cap as `oci-genai-tui` sets it (before Textual is imported)


async def main(count: int, refresh: float) -> None:
    service = Service(f"scale:{count}")
    report: list[str] = []  # printed after the app exits: while it runs, Textual captures stdout
    try:
        from tui.app import ConsoleApp
        from tui.settings import Settings

        settings = Settings(config_file=str(service.config_file), endpoint_template=service.endpoint_template,
                            compartment_id="scale", refresh_interval=refresh)
        app = ConsoleApp(settings)
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.main.current_view
            while view.table.row_count < count:
                await asyncio.sleep(0.01)
            await pilot.pause()
            job = app.refresher.jobs["list"]
            await pilot.press("slash")
            runs_before = job.runs
            latencies, busy_latencies = await type_keys(app, pilot, view, KEYS * 3, job)
            rounds = job.runs - runs_before
            report.append(f"filter_latency: {count} models, refresh every {refresh:g} s, {rounds} refresh rounds "
                          f"during {len(latencies)} keystrokes")
            report.append(f"filter_latency: '/' keystroke to painted view: median {statistics.median(latencies):.1f} ms, "
                          f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms")
            report.append(f"filter_latency: UI-thread CPU per keystroke: median {statistics.median(CPU):.1f} ms, "
                          f"p95 {percentile(CPU, 0.95):.1f} ms; load average "
                          f"{Path('/proc/loadavg').read_text().split()[0]} on {os.cpu_count()} cores")
            report.append(f"filter_latency: slowest: {slowest(5)}")
            if busy_latencies:
                report.append(f"filter_latency: keystrokes while a refresh was in flight: {len(busy_latencies)}, "
                              f"median {statistics.median(busy_latencies):.1f} ms, "
                              f"p95 {percentile(busy_latencies, 0.95):.1f} ms")
    finally:
        service.stop()
    print("\n".join(report) or "filter_latency: no figures (the console did not reach the typing)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
                     float(sys.argv[2]) if len(sys.argv) > 2 else 1.0))
