"""Typing into the `/` prompt the way a terminal does (no Pilot waiting) and timing each keystroke.

A keystroke's latency is the time from the key reaching the driver until the table holds the new
view and, when that view changes a visible line, has painted a line of it (a backspace whose
view starts with the same rows repaints nothing and is done when the table holds it)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

#: narrowing, widening, inverse and fuzzy queries (the same mix as filter_latency.py)
KEYS = "model-12" + "\b" * 4 + "~md9" + "\b" * 4 + "!7" + "\b\b" + "ab" + "\b\b"


#: (ms, query, whether a refresh was in flight) of every keystroke typed, for `slowest()`
SLOWEST: list[tuple[float, str, bool]] = []
#: UI-thread CPU ms of every keystroke: what the console itself spent, whatever else the machine ran
CPU: list[float] = []


def slowest(n: int = 4) -> str:
    return ", ".join(f"/{q} {ms:.0f} ms{' (refreshing)' if busy else ''}"
                     for ms, q, busy in sorted(SLOWEST, reverse=True)[:n])


def shows_new_lines(table: Any, before: list[Any]) -> bool:
    from tui.ui.widgets.virtual_table import same_row

    top, height = int(table.scroll_y), table._body_height()
    rows = table.rows
    return any(not same_row(before[i] if i < len(before) else None, rows[i] if i < len(rows) else None)
               for i in range(top, top + height))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * q) - 1)] if ordered else float("nan")


async def type_keys(app: Any, pilot: Any, view: Any, keys: str = KEYS, job: Any = None
                    ) -> tuple[list[float], list[float]]:
    """Type `keys` into the open `/` prompt; (every latency in ms, those while `job` was busy)."""
    from textual import events

    table = view.table
    painted = [0]
    original = table.render_line

    def counting_render_line(y: int) -> Any:
        painted[0] += 1
        return original(y)

    table.render_line = counting_render_line
    latencies: list[float] = []
    busy: list[float] = []
    try:
        for ch in keys:
            await pilot.pause(0.05)
            before = table.rows
            key = "backspace" if ch == "\b" else ("exclamation_mark" if ch == "!" else
                                                   "tilde" if ch == "~" else "minus" if ch == "-" else ch)
            event = events.Key(key, None if ch == "\b" else ch)
            event.set_sender(app)
            refreshing = job is not None and job.busy
            t, cpu = time.perf_counter(), time.thread_time()
            app._driver.send_message(event)  # what a terminal keystroke does
            while table.rows is before:
                await asyncio.sleep(0.0005)
            if shows_new_lines(table, before):
                seen = painted[0]
                while painted[0] == seen:
                    await asyncio.sleep(0.0005)
            ms = (time.perf_counter() - t) * 1000
            CPU.append((time.thread_time() - cpu) * 1000)
            latencies.append(ms)
            in_flight = refreshing or (job is not None and job.busy)
            SLOWEST.append((ms, view.query_text, in_flight))
            if in_flight:
                busy.append(ms)
    finally:
        del table.render_line  # the class's method again
    return latencies, busy
