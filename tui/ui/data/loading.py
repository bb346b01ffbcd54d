"""Fetching a list for the console: one region, or every region at once (the fan-out view).

Runs in a worker thread. The all-regions view asks every Generative AI region concurrently (a
thread per region, so 13 slow regions cost about one) and keeps going when some fail: their
errors come back beside the rows of the regions that answered.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from tui.cloud.errors import CloudError, from_exception
from tui.facts.regions import REGIONS, Region
from tui.cloud.resources import ResourceKind
from tui.ui.data.columns import Column
from tui.ui.data.presentation import resolve_names
from tui.cloud.pages import RawPage
from tui.ui.data.rows import Row, build_page_rows, build_rows
from tui.ui.data.stored_pages import StoredPage
from tui.ui.data.rowset import PageRows, RowSet, SortState
from tui.ui.data.server_filters import ServerFilters


@dataclass
class Listing:
    rows: list[Row]
    view: list[Row]
    failures: dict[str, CloudError] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    seconds: float = 0.0
    request_id: str | None = None


PAGE_SIZE = 1000  # the API maximum: 10k models in 10 requests, not 100
#: One fan-out thread builds rows at a time: the requests still run 13 at once, but 13 threads
#: building rows would each take a share of the GIL the UI thread needs for the next keystroke
#: (130,000 rows refreshing: tests/bench/scale.py).
_BUILDING = threading.Lock()


def fetch_region(genai: Any, kind: ResourceKind, compartment_id: str, region: Region,
                 filters: ServerFilters, columns: list[Column], known: PageRows | None = None,
                 pages: PageRows | None = None, page_size: int = PAGE_SIZE) -> tuple[list[Row], str | None]:
    """The rows of one region. Lists whose cells are plain attributes (models, imported models) take
    the raw path: each page's body as the service sent it (`RawPage`), its rows reused from `known`
    when the page is byte-equal to one listed before, else read straight from its JSON without
    deserialising 10,000 models (the SDK model of a row is built only when something reads
    `row.obj`); `pages` collects this listing's pages for the next refresh. Computed cells (clusters,
    endpoints: small lists) use the SDK models."""
    if any(c.render is not None for c in columns):
        result = genai.list_resources(kind, compartment_id, region=region.id, page_size=page_size,
                                      **filters.api_kwargs())
        objs = [o for o in result.data if filters.keeps(o)]
        names = resolve_names(genai, kind.key, compartment_id, region.id, objs)
        return build_rows(objs, columns, region.id, names), result.opc_request_id
    load = partial(genai.summary_from_raw, kind)

    def rows_of(page: RawPage) -> list[Row]:  # page by page: one page of parsed JSON alive at a time
        key = (region.id, page.digest)
        rows = known.get(key) if known else None
        if rows is None:
            items = page.items()
            stored = StoredPage(page.body, items)
            with _BUILDING:
                rows = build_page_rows(stored, items, columns, region.id, kind, load, filters.keeps)
        if pages is not None:
            pages[key] = rows
        return rows

    result = genai.list_resources(kind, compartment_id, region=region.id, page_size=page_size, raw=True,
                                  page_transform=rows_of, **filters.api_kwargs())
    return result.data, result.opc_request_id


def fetch_listing(genai: Any, kind: ResourceKind, compartment_id: str, regions: list[Region],
                  filters: ServerFilters, columns: list[Column], rowset: RowSet, query: str,
                  sort: SortState, previous: RowSet | None = None, page_size: int = PAGE_SIZE) -> Listing:
    """Rows of every region in `regions` (concurrently when several), plus the filtered view.

    `previous`: the rows on screen; the rows of a page that came back unchanged are reused (when
    the columns and filters are the same), so a quiet refresh parses and builds nothing."""
    started = time.perf_counter()
    rows: list[Row] = []
    failures: dict[str, CloudError] = {}
    request_id = None
    known = (previous.pages if previous is not None and previous.columns == columns
             and previous.filters == filters else None)
    pages: PageRows = {}
    fetch = partial(fetch_region, genai, kind, compartment_id, filters=filters, columns=columns, known=known,
                    pages=pages, page_size=page_size)
    if len(regions) == 1:
        rows, request_id = fetch(regions[0])
    else:
        with ThreadPoolExecutor(max_workers=len(regions), thread_name_prefix="fanout") as pool:
            futures = {r.id: pool.submit(fetch, r) for r in regions}
            for region_id, future in futures.items():  # REGIONS order: stable row order
                try:
                    region_rows, _ = future.result()
                    rows.extend(region_rows)
                except Exception as exc:  # noqa: BLE001 - one region failing must not hide the others
                    failures[region_id] = from_exception(exc, kind.operation_name("list"), region_id)
    return listing_of(rows, pages, regions, filters, columns, rowset, query, sort, failures,
                      seconds=time.perf_counter() - started, request_id=request_id,
                      like=previous if known is not None else None)


def listing_of(rows: list[Row], pages: PageRows, regions: list[Region], filters: ServerFilters,
               columns: list[Column], rowset: RowSet, query: str, sort: SortState,
               failures: dict[str, CloudError] | None = None, *, seconds: float = 0.0,
               request_id: str | None = None, like: RowSet | None = None) -> Listing:
    """The Listing of `rows` (filled into `rowset`, the view filtered and sorted): what `fetch_listing`
    returns, also for rows listed elsewhere (the start-up child: tui/prefetch.py). `like`: the rows on
    screen; when `rows` are those very rows, their sort and remembered views carry over."""
    rowset.replace(rows, columns, pages=pages, filters=filters)
    if like is not None:
        rowset.carry_over(like)
    view = rowset.view(query, sort)
    return Listing(rows, view, failures or {}, [r.id for r in regions], seconds, request_id)


def all_regions() -> list[Region]:
    return list(REGIONS)
