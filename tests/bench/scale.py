"""10,000 models in one compartment: time to load and show them, `/` keystroke latency, RSS.

Run: .venv/bin/python tests/bench/scale.py [N | NxR]
`NxR` (seed scale:NxR) puts N models in each of R regions and measures the all-regions view
(goals: `/` p95 <= 50 ms, RSS <= 400 MB for 10000x13 = 130,000 rows).
The local service runs in its own process (seed scale:N); the console runs in-process headless so
the script can see when the rows are on screen and when each keystroke's view has landed.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._service import Service  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main(spec: str) -> None:
    per_region, _, regions_text = spec.lower().partition("x")
    regions = int(regions_text or 1)
    count = int(per_region) * regions
    service = Service(f"scale:{spec}")
    try:
        from tui.app import ConsoleApp
        from tui.settings import Settings

        settings = Settings(config_file=str(service.config_file), endpoint_template=service.endpoint_template)
        app = ConsoleApp(settings)
        started = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            # the compartment the scale seed fills is named "scale"
            while not app.compartments:
                await asyncio.sleep(0.01)
            scale_id = next(c.id for c in app.compartments.values() if c.name == "scale")
            t0 = time.perf_counter()
            app.switch_compartment(scale_id)
            if regions > 1:
                app.switch_region("all")
            view = app.main.current_view
            while view.table.row_count < count:
                await asyncio.sleep(0.005)
            await pilot.pause()  # painted
            load_s = time.perf_counter() - t0
            print(f"scale: {count} models ({per_region} in each of {regions} region(s)) loaded and shown in {load_s:.2f} s "
                  f"(startup+connect before that {t0 - started:.2f} s)")
            await pilot.press("slash")
            table = view.table
            painted = [0]
            original = table.render_line

            def counting_render_line(y):  # a line of the table painted = the new view is on screen
                painted[0] += 1
                return original(y)

            table.render_line = counting_render_line
            from textual import events

            latencies = []
            for ch in "model-12" + "\b" * 4 + "~md9" + "\b" * 4 + "!7" + "\b\b" + "ab" + "\b\b":
                await pilot.pause(0.05)
                before = table.rows
                key = "backspace" if ch == "\b" else ("exclamation_mark" if ch == "!" else
                                                       "tilde" if ch == "~" else "minus" if ch == "-" else ch)
                event = events.Key(key, None if ch == "\b" else ch)
                event.set_sender(app)
                t = time.perf_counter()
                app._driver.send_message(event)  # what a terminal keystroke does; no Pilot waiting
                while table.rows is before:
                    await asyncio.sleep(0.0005)
                count = painted[0]
                deadline = time.perf_counter() + 2.0  # a view whose visible lines are unchanged paints none
                while painted[0] == count and time.perf_counter() < deadline:
                    await asyncio.sleep(0.0005)
                latencies.append((time.perf_counter() - t) * 1000)
            latencies.sort()
            p95 = latencies[int(len(latencies) * 0.95) - 1]
            print(f"scale: '/' keystroke to updated view: median {statistics.median(latencies):.1f} ms, "
                  f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms over {len(latencies)} keystrokes")
            print(f"scale: console RSS {rss_mb():.0f} MB (service runs in its own process)")
    finally:
        service.stop()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "10000"))
