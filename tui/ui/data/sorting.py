"""Sort keys that order values the way an operator reads them, not the way `str` compares them.

Versions are the case in point: as strings `14.2 < 1.7 < 2.5`; read as versions `1.7 < 2.5 < 14.2`.
`version_key` splits a version into runs of digits (compared as numbers) and of other text
(compared case-insensitively), so `v1.10` follows `v1.9` and `1.0-beta` sorts beside `1.0`.
"""

from __future__ import annotations

import re
from typing import Any

_RUNS = re.compile(r"(\d+)")


def version_key(value: Any) -> tuple[Any, ...]:
    """A key ordering versions numerically per component (`1.7 < 2.5 < 14.2`); None/empty last.

    Every component is `(0, number, "")` or `(1, 0, text)`, so any two keys compare without a
    TypeError whatever the strings hold."""
    if value is None or str(value).strip() == "":
        return (1,)
    parts: list[tuple[int, int, str]] = []
    for index, run in enumerate(_RUNS.split(str(value).strip().lower())):
        if index % 2:
            parts.append((0, int(run), ""))
        elif run:
            parts.append((1, 0, run))
    return (0, tuple(parts))


def next_sort_column(visible: list[int], current: int | None) -> int | None:
    """The column `s` sorts by next: the visible one after `current` (wrapping), or the first one
    when `current` is hidden or unset; None when no column is visible."""
    if not visible:
        return None
    return visible[0] if current not in visible else visible[(visible.index(current) + 1) % len(visible)]
