"""Table columns, derived from a kind's summary fields (its presentation entry) rather than written per screen.

A column knows how wide it likes to be and how expendable it is (`priority`: higher goes first when
the terminal is narrow), so the same list stays usable at 80 columns and rich at 200.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any



@dataclass(frozen=True)
class Field:
    """One attribute shown in a table column or the detail pane (``attr`` is the SDK snake_case name)."""

    attr: str
    label: str
    kind: str = "text"  # text | ocid | datetime | list | tags | state | nested


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int  # preferred width in cells; the flexible column takes what is left
    priority: int = 0  # 0 = never hidden; higher numbers are hidden first when narrow
    kind: str = "text"  # text | state | datetime | list | progress
    flex: bool = False
    # a computed cell (tui/ui/data/presentation.py): (obj, names) -> (text, sort value)
    render: Callable[[Any, Any], tuple[str, Any]] | None = field(default=None, compare=False)


_WIDTHS = {"display_name": 24, "lifecycle_state": 10, "type": 7, "vendor": 9, "version": 9,
           "capabilities": 22, "time_created": 16, "time_deprecated": 16}
_PRIORITY = {"display_name": 0, "lifecycle_state": 0, "type": 2, "vendor": 1, "version": 3,
             "capabilities": 2, "time_created": 4, "time_deprecated": 5}

REGION_COLUMN = Column("region", "Region", 14, priority=1)


def columns_for(fields: tuple[Field, ...], *, with_region: bool = False,
                custom: tuple[Column, ...] = ()) -> list[Column]:
    """The list columns of a resource kind (plus the region tag in the all-regions view).

    `fields` and `custom` come from the kind's presentation entry (tui/ui/data/presentation.py
    `list_columns` passes them; presentation imports this module, so this one must not import it
    back): the custom columns when there are any, else one column per summary field."""
    cols = list(custom) if custom else [_column(f) for f in fields]
    if with_region:
        cols.insert(2, REGION_COLUMN)
    return cols


def _column(f: Field) -> Column:
    return Column(
        key=f.attr,
        label=f.label,
        width=_WIDTHS.get(f.attr, 12),
        priority=_PRIORITY.get(f.attr, 3),
        kind=f.kind,
        flex=f.attr == "display_name",
    )


def fit_columns(columns: list[Column], width: int, gap: int = 1) -> list[tuple[Column, int]]:
    """Drop the most expendable columns until the rest fit `width`; the flex column takes the slack."""
    shown = list(columns)
    min_flex = 30 if width >= 110 else 22 if width >= 70 else 12

    def needed(cols: list[Column]) -> int:
        return sum(min_flex if c.flex else c.width for c in cols) + gap * max(0, len(cols) - 1)

    while needed(shown) > width and any(c.priority > 0 for c in shown):
        worst = max((c for c in shown if c.priority > 0), key=lambda c: (c.priority, shown.index(c)))
        shown.remove(worst)
    fixed = sum(c.width for c in shown if not c.flex) + gap * max(0, len(shown) - 1)
    flex_cols = [c for c in shown if c.flex]
    spare = max(0, width - fixed)
    out: list[tuple[Column, int]] = []
    for c in shown:
        if c.flex:
            out.append((c, max(1, spare // max(1, len(flex_cols)))))
        else:
            out.append((c, c.width))
    return out
