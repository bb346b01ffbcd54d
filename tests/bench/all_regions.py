"""The all-regions view with 150 ms injected latency per request: fan-out time vs one region.

Run: .venv/bin/python tests/bench/all_regions.py [latency_seconds]
Target: the fan-out over all 13 Generative AI regions takes at most 1.5x one region.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tui.__main__ import pace_frames

pace_frames()  # Textual's frame cap as `oci-genai-tui` sets it (before Textual is imported)


async def timed_load(app, pilot, region: str) -> float:
    view = app.main.current_view
    before = view._listing
    t = time.perf_counter()
    app.switch_region(region)
    while view._listing is before:
        await asyncio.sleep(0.002)
    await pilot.pause()
    return time.perf_counter() - t


async def main(latency: float) -> None:
    from tui.app import ConsoleApp
    from tui.emulator import Emulator, RealClock, make_identity
    from tui.settings import Settings

    identity = make_identity(Path(tempfile.mkdtemp(prefix="bench-")))
    emu = Emulator(seed="demo", tenancy_id=identity.tenancy_id, clock=RealClock(1.0))
    emu.add_key(identity.key_id, identity.public_key_pem)
    emu.start()
    try:
        settings = Settings(config_file=str(identity.config_file), endpoint_template=emu.endpoint_template,
                            compartment_id=emu.seed_info.extras["models_compartment_id"])
        app = ConsoleApp(settings)
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.main.current_view
            while not view.loaded:
                await asyncio.sleep(0.01)
            emu.faults.inject("*", latency=latency)
            one, fan = [], []
            for _ in range(3):
                one.append(await timed_load(app, pilot, "us-chicago-1"))
                fan.append(await timed_load(app, pilot, "all"))
            rows = view.table.row_count
            regions = len({r.region for r in view.table.rows})
            o, f = statistics.median(one), statistics.median(fan)
            print(f"all regions: {latency * 1000:.0f} ms injected latency per request; one region "
                  f"{o:.2f} s, all 13 regions {f:.2f} s ({f / o:.2f}x; {rows} rows from {regions} regions, "
                  f"{len(view.failures)} failures)")
    finally:
        emu.stop()


if __name__ == "__main__":
    asyncio.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 0.150))
