"""The all-regions view at scale: time to the complete list, `/` keystroke latency, memory, with
and without auto-refresh, and how each grows with the number of regions.

Run: .venv/bin/python tests/bench/scale.py [NxR ...] [--refresh SECONDS]
Default: 2000x1 2000x4 2000x13 (goals: `/` p95 <= 50 ms, RSS <= 400 MB for 10000x13 = 130,000 rows).
For each point the local service runs in its own process (seed scale:NxR: N custom models in each
of R regions); the console runs in-process headless, switches to compartment "scale" and (R > 1)
to all regions, and prints:
  load      time from the switch to every row on screen
  keys      `/` keystroke to painted view, median / p95 / max (refresh off)
  rss       the console's RSS once loaded (the service's memory is not counted)
  refresh   the same typing while auto-refresh runs every SECONDS (default 1: a round is nearly
            always in flight), rounds completed, and the peak RSS (VmHWM: old and new rows coexist)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path


from tests.bench._service import Service
from tests.bench._keystrokes import CPU, SLOWEST, percentile, slowest, type_keys
from tui.__main__ import pace_frames

pace_frames()  # Textual's frame cap as `oci-genai-tui` sets it (before Textual is imported)


def memory_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def figures(latencies: list[float]) -> str:
    return (f"median {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
            f"max {max(latencies):.1f} ms over {len(latencies)} keystrokes")


async def measure(spec: str, refresh: float) -> dict[str, float]:
    per_region, _, regions_text = spec.lower().partition("x")
    regions = int(regions_text or 1)
    count = int(per_region) * regions
    service = Service(f"scale:{spec}")
    out: dict[str, float] = {}
    report: list[str] = []
    try:
        from tui.app import ConsoleApp
        from tui.settings import Settings

        settings = Settings(config_file=str(service.config_file), endpoint_template=service.endpoint_template,
                            refresh_interval=0)
        app = ConsoleApp(settings)
        started = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.compartments:
                await asyncio.sleep(0.01)
            scale_id = next(c.id for c in app.compartments.values() if c.name == "scale")
            view = app.main.current_view
            while not view.loaded:
                await asyncio.sleep(0.01)
            t0 = time.perf_counter()
            app.switch_compartment(scale_id)
            if regions > 1:
                app.switch_region("all")
            while view.table.row_count < count or view.in_flight:
                await asyncio.sleep(0.005)
            await pilot.pause()  # painted
            out["load"] = time.perf_counter() - t0
            out["rss"] = memory_mb()
            report.append(f"scale {spec}: {view.table.row_count} rows ({per_region} in each of {regions} region(s)) "
                          f"listed and shown in {out['load']:.2f} s (start-up before that {t0 - started:.2f} s); "
                          f"RSS {out['rss']:.0f} MB")
            await pilot.press("slash")
            latencies, _ = await type_keys(app, pilot, view)
            out["p95"] = percentile(latencies, 0.95)
            report.append(f"scale {spec}: '/' keystroke, refresh off: {figures(latencies)}; UI-thread CPU p95 {percentile(CPU, 0.95):.1f} ms; slowest {slowest()}")
            SLOWEST.clear()
            CPU.clear()
            # the same typing while the list refreshes itself
            await pilot.press("escape")
            job = app.refresher.jobs["list"]
            app.settings.refresh_interval = refresh
            runs = job.runs
            while not job.busy:
                await asyncio.sleep(0.01)
            round_started = time.perf_counter()
            while job.runs == runs or job.busy:
                await asyncio.sleep(0.01)
            out["round"] = time.perf_counter() - round_started
            await pilot.press("slash")
            runs = job.runs
            latencies, busy = await type_keys(app, pilot, view, job=job)
            out["p95_refresh"] = percentile(latencies, 0.95)
            out["p95_busy"] = percentile(busy, 0.95) if busy else float("nan")
            out["hwm"] = memory_mb("VmHWM")
            report.append(f"scale {spec}: '/' keystroke, refresh every {refresh:g} s: {figures(latencies)}; "
                          f"{len(busy)} while a round was in flight (p95 {out['p95_busy']:.1f} ms); "
                          f"{job.runs - runs} rounds, one round {out['round']:.2f} s; "
                          f"RSS {memory_mb():.0f} MB, peak {out['hwm']:.0f} MB; UI-thread CPU p95 {percentile(CPU, 0.95):.1f} ms; slowest {slowest()}")
            app.settings.refresh_interval = 0
    finally:
        service.stop()
    print("\n".join(report), flush=True)
    return out


def main(argv: list[str]) -> None:
    refresh = 1.0
    if "--refresh" in argv:
        i = argv.index("--refresh")
        refresh = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    specs = argv or ["2000x1", "2000x4", "2000x13"]
    results = []
    for spec in specs:
        # one process per point: the RSS of one must not include the last one's
        import subprocess

        if len(specs) > 1:
            proc = subprocess.run([sys.executable, __file__, spec, "--refresh", str(refresh)],
                                  capture_output=True, text=True)
            print(proc.stdout, end="", flush=True)
            if proc.returncode:
                print(proc.stderr[-2000:], file=sys.stderr)
            results.append((spec, proc.stdout))
        else:
            asyncio.run(measure(spec, refresh))
    if len(specs) > 1:
        print("scale: growth (load s / p95 off ms / p95 refreshing ms / RSS MB / peak MB):")
        for spec, text in results:
            print(f"  {spec}: " + summary(text))


def summary(text: str) -> str:
    import re

    def find(pattern: str) -> str:
        m = re.search(pattern, text)
        return m.group(1) if m else "?"

    return " / ".join((find(r"shown in ([\d.]+) s"), find(r"refresh off: median [\d.]+ ms, p95 ([\d.]+)"),
                       find(r"refresh every [\d.]+ s: median [\d.]+ ms, p95 ([\d.]+)"),
                       find(r"RSS (\d+) MB\n"), find(r"peak (\d+) MB")))


if __name__ == "__main__":
    main(sys.argv[1:])
