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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._service import Service  # noqa: E402

KEYS = ("model-12" + "\b" * 4 + "~md9" + "\b" * 4 + "!7" + "\b\b" + "ab" + "\b\b") * 3


def shows_new_lines(table, before) -> bool:  # noqa: ANN001
    """Whether the table's visible lines differ from those `before` painted (a keystroke whose
    view starts with the same rows, e.g. a backspace, repaints nothing and must not wait for a paint)."""
    from tui.ui.widgets.virtual_table import same_row

    top, height = int(table.scroll_y), table._body_height()
    rows = table.rows
    return any(not same_row(before[i] if i < len(before) else None, rows[i] if i < len(rows) else None)
               for i in range(top, top + height))


async def main(count: int, refresh: float) -> None:
    service = Service(f"scale:{count}")
    report: list[str] = []  # printed after the app exits: while it runs, Textual captures stdout
    try:
        from textual import events

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
            table = view.table
            painted = [0]
            original = table.render_line

            def counting_render_line(y: int):  # noqa: ANN202 - a line painted = the view is on screen
                painted[0] += 1
                return original(y)

            table.render_line = counting_render_line  # type: ignore[method-assign]
            runs_before = job.runs
            latencies: list[float] = []
            busy_latencies: list[float] = []
            by_query: list[tuple[float, str, bool]] = []
            cpu_ms: list[float] = []  # the UI thread's own CPU per keystroke (immune to other load)
            for ch in KEYS:
                await pilot.pause(0.05)
                before = table.rows
                key = "backspace" if ch == "\b" else ("exclamation_mark" if ch == "!" else
                                                       "tilde" if ch == "~" else "minus" if ch == "-" else ch)
                event = events.Key(key, None if ch == "\b" else ch)
                event.set_sender(app)
                refreshing = job.busy
                t, cpu = time.perf_counter(), time.thread_time()
                app._driver.send_message(event)  # type: ignore[union-attr]  # a terminal keystroke
                while table.rows is before:
                    await asyncio.sleep(0.0005)
                if shows_new_lines(table, before):  # else the screen already shows the new view
                    seen = painted[0]
                    while painted[0] == seen:
                        await asyncio.sleep(0.0005)
                ms = (time.perf_counter() - t) * 1000
                cpu_ms.append((time.thread_time() - cpu) * 1000)
                latencies.append(ms)
                by_query.append((ms, view.query_text, refreshing or job.busy))
                if refreshing or job.busy:
                    busy_latencies.append(ms)
            rounds = job.runs - runs_before
            latencies.sort()
            p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
            report.append(f"filter_latency: {count} models, refresh every {refresh:g} s, {rounds} refresh rounds "
                  f"during {len(latencies)} keystrokes")
            report.append(f"filter_latency: '/' keystroke to painted view: median {statistics.median(latencies):.1f} ms, "
                  f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
            cpu_ms.sort()
            report.append(f"filter_latency: UI-thread CPU per keystroke: median {statistics.median(cpu_ms):.1f} ms, "
                          f"p95 {cpu_ms[max(0, int(len(cpu_ms) * 0.95) - 1)]:.1f} ms; load average "
                          f"{Path('/proc/loadavg').read_text().split()[0]} on {os.cpu_count()} cores")
            slowest = sorted(by_query, reverse=True)[:5]
            report.append("filter_latency: slowest: " + ", ".join(
                f"/{q} {ms:.0f} ms{' (refreshing)' if busy else ''}" for ms, q, busy in slowest))
            if busy_latencies:
                busy_latencies.sort()
                bp95 = busy_latencies[max(0, int(len(busy_latencies) * 0.95) - 1)]
                report.append(f"filter_latency: keystrokes while a refresh was in flight: {len(busy_latencies)}, "
                      f"median {statistics.median(busy_latencies):.1f} ms, p95 {bp95:.1f} ms")
    finally:
        service.stop()
    print("\n".join(report) or "filter_latency: no figures (the console did not reach the typing)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
                     float(sys.argv[2]) if len(sys.argv) > 2 else 1.0))
