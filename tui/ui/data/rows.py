"""One table row per resource: display strings cleaned once, sort keys and a search key precomputed.

Building rows happens in the loading worker, never per keystroke: a `/` filter then only compares
precomputed lower-case strings, and rendering only pads strings that are already safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tui.ui.data.columns import Column
from tui.ui.data.sorting import version_key
from tui.ui.text import clean

_CELL_LIMIT = 200  # a cell never needs more than a screen width; the detail pane shows the rest


@dataclass(slots=True)
class Row:
    key: str  # unique within a list: "<region>/<ocid>"
    ocid: str
    region: str
    name: str
    state: str
    cells: tuple[str, ...]
    sort_keys: tuple[Any, ...]
    search: str  # lower-case haystack for `/`
    obj: Any  # the service layer's summary object (for the detail pane before the `get` returns)


def format_value(value: Any, kind: str = "text") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        return ",".join(clean(v, limit=_CELL_LIMIT) for v in value)
    return clean(value, limit=_CELL_LIMIT)


def _sort_key(value: Any) -> Any:
    """Sort keys that compare across rows (None last, strings case-insensitive, dates by instant)."""
    if value is None:
        return (1, "")
    if isinstance(value, datetime):
        return (0, value.timestamp())
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, (list, tuple)):
        return (0, ",".join(str(v) for v in value).lower())
    return (0, str(value).lower())


def build_row(obj: Any, columns: list[Column], region: str, names: Mapping[str, str] | None = None) -> Row:
    values = [region if c.key == "region" else getattr(obj, c.key, None) for c in columns]
    cells = tuple(format_value(v, c.kind) for v, c in zip(values, columns, strict=False))
    if any(c.render is not None for c in columns):  # computed cells (tui/ui/data/presentation.py)
        cell_list, value_list = list(cells), list(values)
        for i, c in enumerate(columns):
            if c.render is not None:
                cell_list[i], value_list[i] = c.render(obj, names or {})
        cells, values = tuple(cell_list), value_list
    ocid = getattr(obj, "id", "") or ""
    name = getattr(obj, "display_name", None) or ""
    state = (getattr(obj, "lifecycle_state", None) or getattr(obj, "status", None) or "").upper()
    return Row(
        key=f"{region}/{ocid}",
        ocid=ocid,
        region=region,
        name=clean(name),
        state=state,
        cells=cells,
        sort_keys=tuple(version_key(v) if c.key == "version" else _sort_key(v)
                        for v, c in zip(values, columns, strict=False)),
        search=" ".join((*cells, ocid)).lower(),
        obj=obj,
    )


def build_rows(objs: list[Any], columns: list[Column], region: str,
               names: Mapping[str, str] | None = None) -> list[Row]:
    return [build_row(o, columns, region, names) for o in objs]
