"""Work requests as table rows: status, operation, a text progress bar, times and the resource.

A text bar (`█████░░░░░  50%`) rather than a ProgressBar widget per row: it renders in the virtual
table like any other cell and costs nothing over SSH.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from tui.ui.data.columns import Column
from tui.ui.data.rows import Row, _sort_key, format_value
from tui.ui.text import clean

WR_COLUMNS = [
    Column("operation_type", "Operation", 22, priority=0, flex=True),
    Column("status", "Status", 11, priority=0, kind="state"),
    Column("percent_complete", "Progress", 16, priority=0, kind="progress"),
    Column("time_accepted", "Accepted", 16, priority=2, kind="datetime"),
    Column("time_finished", "Finished", 16, priority=3, kind="datetime"),
    Column("region", "Region", 14, priority=1),
    Column("label", "Resource", 24, priority=2),
]

SETTLED = {"SUCCEEDED", "FAILED", "CANCELED"}


def progress_bar(percent: float | None, width: int = 10) -> str:
    value = max(0.0, min(100.0, float(percent or 0)))
    filled = int(round(value / 100 * width))
    return "█" * filled + "░" * (width - filled) + f" {value:3.0f}%"


def resource_label(wr: Any, label: str | None, name_of: Callable[[str], str | None] | None = None) -> str:
    """The operator's own label, else the resource's display name when the console has it listed,
    else its OCID."""
    if label:
        return label
    resources = getattr(wr, "resources", None) or []
    for res in resources:
        ident = getattr(res, "identifier", None)
        if ident:
            return (name_of(ident) if name_of else None) or ident
    return ""


def build_wr_row(wr: Any, region: str, label: str | None = None,
                 name_of: Callable[[str], str | None] | None = None) -> Row:
    values: list[Any] = []
    for col in WR_COLUMNS:
        if col.key == "region":
            values.append(region)
        elif col.key == "label":
            values.append(resource_label(wr, label, name_of))
        else:
            values.append(getattr(wr, col.key, None))
    cells = []
    for col, value in zip(WR_COLUMNS, values, strict=False):
        if col.kind == "progress":
            cells.append(progress_bar(value))
        elif isinstance(value, datetime):
            cells.append(value.strftime("%Y-%m-%d %H:%M"))
        else:
            cells.append(format_value(value))
    status = (getattr(wr, "status", "") or "").upper()
    return Row(
        key=f"{region}/{wr.id}",
        ocid=wr.id,
        region=region,
        name=clean(resource_label(wr, label, name_of)),
        state=status,
        cells=tuple(cells),
        sort_keys=tuple(_sort_key(v) for v in values),
        search=" ".join((*cells, wr.id)).lower(),
        obj=wr,
    )
