"""One table row per resource: display strings cleaned once, sort keys and a search key precomputed.

Building rows happens in the loading worker, never per keystroke: a `/` filter then only compares
precomputed lower-case strings, and rendering only pads strings that are already safe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from tui.ui.data.columns import Column
from tui.ui.data.sorting import version_key
from tui.ui.data.stored_pages import StoredPage
from tui.ui.text import clean

_CELL_LIMIT = 200  # a cell never needs more than a screen width; the detail pane shows the rest


@dataclass(slots=True, init=False)
class Row:
    key: str  # unique within a list: "<region>/<ocid>"
    ocid: str
    region: str
    name: str
    state: str
    cells: tuple[str, ...]
    sort_keys: tuple[Any, ...]
    search: str  # lower-case haystack for `/`
    #: a row of a raw listing: the page holding the service's JSON item, and its place there
    #: (tui/ui/data/stored_pages.py: ~110 bytes a model compressed, instead of ~1.1 KB of JSON a row)
    page: StoredPage | None
    at: int
    _obj: Any
    _load: Callable[[Any], Any] | None

    def __init__(self, key: str, ocid: str, region: str, name: str, state: str, cells: tuple[str, ...],
                 sort_keys: tuple[Any, ...], search: str, obj: Any, load: Callable[[Any], Any] | None = None,
                 page: StoredPage | None = None, at: int = 0) -> None:
        self.key, self.ocid, self.region, self.name, self.state = key, ocid, region, name, state
        self.cells, self.sort_keys, self.search = cells, sort_keys, search
        self._obj, self._load, self.page, self.at = obj, load, page, at

    @property
    def obj(self) -> Any:
        """The service layer's summary object (for the detail pane before the `get` returns).

        A row built from a raw listing (`build_page_rows`) holds only its place in the listing's
        page and turns that item into the SDK model when something asks (the detail pane,
        describe, deploy): listing 10,000 models then never deserialises the 9,990 nobody looks at."""
        load = self._load
        if load is not None:
            page = self.page
            self._obj, self._load = load(page.item(self.at) if page is not None else self._obj), None
        return self._obj

    def rebind_load(self, load: Callable[[Any], Any]) -> None:
        """Build `obj` with `load` instead (unless it is built already)."""
        if self._load is not None:
            self._load = load

    @property
    def item(self) -> Any:
        """The service's JSON item of a raw listing's row (None for a row built from an SDK model)."""
        return self.page.item(self.at) if self.page is not None else None


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


# ---------------------------------------------------------------------------------- raw listings
# `GenAI.list_resources(raw=True)` gives the service's JSON items (camelCase keys, ISO times). A row needs only
# its columns, so they are read from the dict with the SDK's own rules: the attribute map of the
# kind's summary class names the JSON key, datetimes are parsed, and every other value goes through
# the SDK model's property setter once per distinct value (an enum outside the SDK's list becomes
# "UNKNOWN_ENUM_VALUE" exactly as a deserialised list shows it).


class _RawReader:
    """Column values of a raw item, as the SDK summary model would give them."""

    def __init__(self, summary_class: type) -> None:
        self._scratch = summary_class()
        self._keys: dict[str, str] = dict(self._scratch.attribute_map)
        self._types: dict[str, str] = dict(self._scratch.swagger_types)
        self._memo: dict[tuple[str, Any], Any] = {}
        #: (column key, value) -> (cell, sort key) for values that repeat (not names, not times)
        self.cells: dict[tuple[str, Any], tuple[str, Any]] = {}

    def key(self, attr: str) -> str:
        return self._keys.get(attr, attr)

    def value(self, attr: str, item: Mapping[str, Any]) -> Any:
        raw = item.get(self._keys.get(attr, attr))
        if raw is None:
            return None
        kind = self._types.get(attr)
        if kind == "datetime":
            return _parse_time(raw)
        if kind is None:
            return raw
        memo_key = (attr, tuple(raw) if isinstance(raw, list) else raw)
        try:
            return self._memo[memo_key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value (a nested object): no memo
            return raw
        setattr(self._scratch, attr, list(raw) if isinstance(raw, list) else raw)
        value = getattr(self._scratch, attr)
        if isinstance(value, list):
            value = tuple(value)  # hashable, so its cell is formatted once (it reads the same)
        if len(self._memo) < 10_000:
            self._memo[memo_key] = value
        return value


@lru_cache(maxsize=16)
def _reader(summary_class: type) -> _RawReader:
    return _RawReader(summary_class)


def _parse_time(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        return datetime.fromisoformat(text)  # Python 3.11 reads the service's RFC 3339 ("...Z")
    except ValueError:
        from dateutil import parser  # type: ignore[import-untyped]  # what the SDK uses: anything odd it still reads

        return parser.parse(text)


def build_raw_row(item: Mapping[str, Any], columns: list[Column], region: str, summary_class: type,
                  load: Callable[[Any], Any], page: StoredPage | None = None, at: int = 0) -> Row:
    """`build_row` for one raw JSON item (the same cells, sort keys and search text); `load(item)` turns
    the item (`page.item(at)`, or `item` itself without a page) into the SDK summary model when
    `row.obj` is first read."""
    reader = _reader(summary_class)
    if any(c.render is not None for c in columns):  # computed cells need the model (small lists)
        row = build_row(load(item), columns, region)
        row.page, row.at = page, at
        return row
    memo = reader.cells
    cells_list: list[str] = []
    sort_list: list[Any] = []
    for c in columns:
        value = region if c.key == "region" else reader.value(c.key, item)
        try:  # states, types, vendors, versions repeat: format and key each distinct value once
            cell, sort_key = memo[(c.key, value)]
        except (KeyError, TypeError):
            cell = format_value(value, c.kind)
            sort_key = version_key(value) if c.key == "version" else _sort_key(value)
            if not c.flex and c.kind != "datetime" and len(memo) < 10_000 and _hashable(value):
                memo[(c.key, value)] = (cell, sort_key)
        cells_list.append(cell)
        sort_list.append(sort_key)
    cells = tuple(cells_list)
    ocid = item.get("id") or ""
    name = item.get(reader.key("display_name")) or ""
    state = (reader.value("lifecycle_state", item) or item.get("status") or "").upper()
    return Row(f"{region}/{ocid}", ocid, region, clean(name), state, cells, tuple(sort_list),
               " ".join((*cells, ocid)).lower(), None if page is not None else item, load, page, at)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def build_page_rows(page: StoredPage, items: list[Mapping[str, Any]], columns: list[Column], region: str,
                    kind: Any, load: Callable[[Any], Any], keep: Callable[[Any], bool] | None = None) -> list[Row]:
    """Rows of one page of a `GenAI.list_resources(raw=True)` listing of `kind` (a ResourceKind): `items`
    are `page`'s items, parsed; `keep(item)` says which become rows (the server filters the API lacks).
    `load(item)` gives the SDK summary model (`partial(genai.summary_from_raw, kind)`), called only when
    a row's `obj` is read."""
    summary_class = kind.sdk_class("summary")
    return [build_raw_row(item, columns, region, summary_class, load, page, at)
            for at, item in enumerate(items) if keep is None or keep(item)]


def build_raw_rows(items: list[Mapping[str, Any]], columns: list[Column], region: str, kind: Any,
                   load: Callable[[Any], Any]) -> list[Row]:
    """`build_page_rows` for JSON items that came without their page (one page is made of them)."""
    return build_page_rows(StoredPage.of_items(items), items, columns, region, kind, load)
