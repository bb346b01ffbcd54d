"""Work requests as table rows: operation, the resource by name, status, progress, times, region.

A text bar (`█████░░░░░  50%`) rather than a ProgressBar widget per row: it renders in the virtual
table like any other cell and costs nothing over SSH. The resource is named from the lists the
console already holds (OCID when unknown), and each row knows which view its resource lives in, so
`enter` can jump there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

from tui.facts.work_requests import TERMINAL_STATUSES
from tui.cloud.resources import kind_of_ocid
from tui.ui.data.columns import Column
from tui.ui.data.presentation import presentation
from tui.ui.data.rows import Row, _sort_key, format_value
from tui.ui.text import clean

WR_COLUMNS = [
    Column("operation_type", "Operation", 22, priority=0),
    Column("label", "Resource", 24, priority=0, flex=True),
    Column("status", "Status", 11, priority=0, kind="state"),
    Column("percent_complete", "Progress", 16, priority=1, kind="progress"),
    Column("time_accepted", "Accepted", 16, priority=2, kind="datetime"),
    Column("duration", "Duration", 8, priority=3),
    Column("region", "Region", 14, priority=2),
]
#: the column a new list is sorted by (newest accepted first)
ACCEPTED_COLUMN = next(i for i, c in enumerate(WR_COLUMNS) if c.key == "time_accepted")

SETTLED = frozenset(TERMINAL_STATUSES)


@dataclass(frozen=True)
class WorkRequestFilters:
    """The work-request list's server filters: status (sent to the API), operation type (on the rows)."""

    status: str | None = None
    operation_type: str | None = None

    def keeps(self, wr: Any) -> bool:
        return not self.operation_type or (getattr(wr, "operation_type", "") or "") == self.operation_type

    def describe(self) -> str:
        return " ".join(f"{k}={v}" for k, v in (("status", self.status), ("op", self.operation_type)) if v)


def progress_bar(percent: float | None, width: int = 10) -> str:
    value = max(0.0, min(100.0, float(percent or 0)))
    filled = int(round(value / 100 * width))
    return "█" * filled + "░" * (width - filled) + f" {value:3.0f}%"


def format_duration(seconds: float | None) -> str:
    """`45s`, `2m05s`, `1h02m`: how long a work request ran (or has been running)."""
    if seconds is None or seconds < 0:
        return ""
    s = int(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def duration_seconds(wr: Any, now: datetime | None = None) -> float | None:
    """Finished minus started (or accepted); a running one counts up to `now`."""
    start = getattr(wr, "time_started", None) or getattr(wr, "time_accepted", None)
    end = getattr(wr, "time_finished", None) or (now if (getattr(wr, "status", "") or "").upper() not in SETTLED
                                                 else None)
    if start is None or end is None:
        return None
    return (end - start).total_seconds()


def resource_of(wr: Any) -> str | None:
    """The OCID of the resource a work request acts on (its first resource with an identifier)."""
    for res in getattr(wr, "resources", None) or []:
        ident = getattr(res, "identifier", None)
        if ident:
            return str(ident)
    return None


def view_of(ocid: str | None) -> str | None:
    """Which view lists `ocid` (models, imported, clusters, endpoints), from its OCID type."""
    kind = kind_of_ocid(ocid)
    return presentation(kind).view_id if kind is not None else None


MAX_NAME_LOOKUPS = 20  # unknown resources named per list round (one GET each); the rest show the OCID


def resolve_resource_names(genai: Any, items: list[tuple[Any, str]], known: Callable[[str], str | None]) -> dict[str, str]:
    """In the list worker: names of the work requests' resources that `known` (the console's lists
    and earlier lookups) does not have, one bounded GET each. A gone resource (404) maps to "" so it
    is not asked again; any other failure only costs the name."""
    from tui.cloud.errors import CloudError

    wanted: dict[str, str] = {}
    for wr, region in items:
        ocid = resource_of(wr)
        if ocid and ocid not in wanted and known(ocid) is None and kind_of_ocid(ocid):
            wanted[ocid] = region
    names: dict[str, str] = {}
    for ocid, region in list(wanted.items())[:MAX_NAME_LOOKUPS]:
        try:
            obj = genai.get(kind_of_ocid(ocid), ocid, region=region).data
        except CloudError as exc:
            if exc.status == 404:
                names[ocid] = ""
            continue
        names[ocid] = clean(getattr(obj, "display_name", None) or "")
    return names


def resource_label(wr: Any, label: str | None, name_of: Callable[[str], str | None] | None = None) -> str:
    """The operator's own label, else the resource's display name when the console has it listed,
    else its OCID."""
    if label:
        return label
    ident = resource_of(wr)
    if ident:
        return (name_of(ident) if name_of else None) or ident
    return ""


def failed_recently(rows: list[Row], now: datetime, window: timedelta = timedelta(hours=1)) -> int:
    """How many work requests FAILED within `window` before `now` (finished, else accepted, time)."""
    count = 0
    for row in rows:
        if row.state != "FAILED":
            continue
        when = getattr(row.obj, "time_finished", None) or getattr(row.obj, "time_accepted", None)
        if when is not None and now - window <= when <= now + timedelta(minutes=5):
            count += 1
    return count


def build_wr_row(wr: Any, region: str, label: str | None = None,
                 name_of: Callable[[str], str | None] | None = None, now: datetime | None = None) -> Row:
    values: list[Any] = []
    for col in WR_COLUMNS:
        if col.key == "region":
            values.append(region)
        elif col.key == "label":
            values.append(resource_label(wr, label, name_of))
        elif col.key == "duration":
            values.append(duration_seconds(wr, now))
        else:
            values.append(getattr(wr, col.key, None))
    cells = []
    for col, value in zip(WR_COLUMNS, values, strict=False):
        if col.kind == "progress":
            cells.append(progress_bar(value))
        elif col.key == "duration":
            cells.append(format_duration(value))
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
        search=" ".join(cells).lower(),  # the visible columns only
        obj=wr,
    )
