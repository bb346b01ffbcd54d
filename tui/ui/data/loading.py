"""Fetching a list for the console: one region, or every region at once (the fan-out view).

Runs in a worker thread. The all-regions view asks every Generative AI region concurrently (a
thread per region, so 13 slow regions cost about one) and keeps going when some fail: their
errors come back beside the rows of the regions that answered.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from tui.cloud.errors import CloudError, from_exception
from tui.facts.regions import REGIONS, Region
from tui.cloud.resources import ResourceKind
from tui.ui.data.columns import Column
from tui.ui.data.presentation import resolve_names
from tui.ui.data.rows import Row, build_rows
from tui.ui.data.rowset import RowSet, SortState
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


def fetch_region(genai: Any, kind: ResourceKind, compartment_id: str, region: Region,
                 filters: ServerFilters, columns: list[Column]) -> tuple[list[Row], str | None]:
    result = genai.list_resources(kind, compartment_id, region=region.id, page_size=PAGE_SIZE, **filters.api_kwargs())
    objs = [o for o in result.data if filters.keeps(o)]
    names = resolve_names(genai, kind.key, compartment_id, region.id, objs)
    return build_rows(objs, columns, region.id, names), result.opc_request_id


def fetch_listing(genai: Any, kind: ResourceKind, compartment_id: str, regions: list[Region],
                  filters: ServerFilters, columns: list[Column], rowset: RowSet, query: str,
                  sort: SortState) -> Listing:
    """Rows of every region in `regions` (concurrently when several), plus the filtered view."""
    started = time.perf_counter()
    rows: list[Row] = []
    failures: dict[str, CloudError] = {}
    request_id = None
    if len(regions) == 1:
        rows, request_id = fetch_region(genai, kind, compartment_id, regions[0], filters, columns)
    else:
        with ThreadPoolExecutor(max_workers=len(regions), thread_name_prefix="fanout") as pool:
            futures = {r.id: pool.submit(fetch_region, genai, kind, compartment_id, r, filters, columns)
                       for r in regions}
            for region_id, future in futures.items():  # REGIONS order: stable row order
                try:
                    region_rows, _ = future.result()
                    rows.extend(region_rows)
                except Exception as exc:  # noqa: BLE001 - one region failing must not hide the others
                    failures[region_id] = from_exception(exc, kind.operation_name("list"), region_id)
    rowset.replace(rows)
    view = rowset.view(query, sort)
    return Listing(rows, view, failures, [r.id for r in regions], time.perf_counter() - started, request_id)


def all_regions() -> list[Region]:
    return list(REGIONS)
