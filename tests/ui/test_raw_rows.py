"""The lighter list path: rows read from the service's raw JSON are the rows the SDK models give.

Against the local service over HTTP with the real SDK (the demo and hostile seeds, every kind):
the raw listing keeps the Result's etag / request id and page count, every row's cells, sort keys,
search text, name and state equal those `build_row` makes from the deserialised models, and a
row's `obj` (built on first read) is the SDK summary model itself. A refresh reuses the rows of
unchanged items, and builds new ones for what changed.
"""

from __future__ import annotations

from functools import partial

import oci
import pytest

from tui.cloud.auth import load_profile
from tui.cloud.clients import CloudSession
from tui.cloud.operations import GenAI
from tui.cloud.resources import IMPORTED_MODEL, KINDS, MODEL
from tui.ui.data.loading import fetch_listing
from tui.ui.data.presentation import list_columns
from tui.ui.data.rows import build_raw_rows, build_rows
from tui.ui.data.rowset import RowSet, SortState
from tui.ui.data.server_filters import ServerFilters


def genai_for(emu, identity) -> GenAI:
    return GenAI(CloudSession(load_profile(config_file=str(identity.config_file)),
                              endpoint_template=emu.endpoint_template))


def compartments(genai) -> list[str]:
    return [genai.session.tenancy_id, *(c.id for c in genai.list_compartments().data)]


def same(a, b) -> None:
    assert (a.key, a.ocid, a.region, a.name, a.state) == (b.key, b.ocid, b.region, b.name, b.state)
    assert a.cells == b.cells
    assert a.sort_keys == b.sort_keys
    assert a.search == b.search


@pytest.mark.parametrize("seed", ["demo", "hostile"])
@pytest.mark.parametrize("kind", [MODEL, IMPORTED_MODEL], ids=lambda k: k.key)
def test_raw_rows_equal_the_sdk_rows(make_emulator, identity, seed, kind):
    emu = make_emulator(seed)
    genai = genai_for(emu, identity)
    columns = list_columns(kind, with_region=True)
    checked = 0
    for compartment in compartments(genai):
        sdk = genai.list_resources(kind, compartment, page_size=7)
        raw = genai.list_resources(kind, compartment, page_size=7, raw=True)
        assert raw.pages == sdk.pages and raw.opc_request_id and raw.region == sdk.region
        assert all(isinstance(item, dict) for item in raw.data)
        expected = build_rows(sdk.data, columns, "us-chicago-1")
        rows = build_raw_rows(raw.data, columns, "us-chicago-1", kind, partial(genai.summary_from_raw, kind))
        assert len(rows) == len(expected)
        for row, want in zip(rows, expected, strict=True):
            same(row, want)
            model = row.obj  # the SDK summary model, built now
            assert isinstance(model, kind.sdk_class("summary"))
            assert oci.util.to_dict(model) == oci.util.to_dict(want.obj)
            assert row.obj is model  # built once
            checked += 1
    assert checked >= 1


def test_every_kind_lists_through_fetch_listing(make_emulator, identity):
    """Models take the raw path, clusters and endpoints (computed cells) the SDK models: same rows."""
    emu = make_emulator("demo")
    genai = genai_for(emu, identity)
    from tui.facts.regions import lookup_region

    region = lookup_region("us-chicago-1")
    for kind in KINDS.values():
        columns = list_columns(kind)
        for compartment in compartments(genai):
            listing = fetch_listing(genai, kind, compartment, [region], ServerFilters(), columns, RowSet(), "",
                                    SortState())
            sdk = genai.list_resources(kind, compartment)
            from tui.ui.data.presentation import resolve_names

            names = resolve_names(genai, kind.key, compartment, region.id, sdk.data)
            expected = build_rows(sdk.data, columns, region.id, names)
            assert len(listing.rows) == len(expected)
            for row, want in zip(listing.rows, expected, strict=True):
                same(row, want)
                assert getattr(row.obj, "id", None) == want.ocid


def test_a_refresh_reuses_the_rows_of_unchanged_pages_and_rebuilds_changed_ones(make_emulator, identity):
    """Pages of 3: renaming one model changes one page; that page's rows are rebuilt (and read the new
    item), every other page comes back byte-equal and keeps its very rows. A refresh with nothing
    changed reuses every row; other columns or other server filters reuse none."""
    emu = make_emulator("demo")
    genai = genai_for(emu, identity)
    from tui.facts.regions import lookup_region

    region = lookup_region("us-chicago-1")
    columns = list_columns(MODEL)
    compartment = emu.seed_info.extras["models_compartment_id"]

    def listing(previous=None, cols=columns, filters=None):
        rowset, filters = RowSet(), filters or ServerFilters()
        fetch_listing(genai, MODEL, compartment, [region], filters, cols, rowset, "", SortState(),
                      previous=previous, page_size=3)
        return rowset

    first = listing()
    assert len(first.pages) >= 3 and sum(map(len, first.pages.values())) == len(first.rows)
    quiet = listing(first)
    assert all(a is b for a, b in zip(quiet.rows, first.rows, strict=True))
    custom = next(r for r in first.rows if r.item["type"] == "CUSTOM" and r.state == "ACTIVE")
    page_of_custom = next(rows for rows in first.pages.values() if custom in rows)
    genai.update(MODEL, custom.ocid, {"display_name": "renamed-by-the-test"})
    second = listing(quiet)
    by_key = {r.key: r for r in second.rows}
    renamed = by_key[custom.key]
    assert renamed is not custom and renamed.name == "renamed-by-the-test"
    assert renamed.item["displayName"] == "renamed-by-the-test" and renamed.obj.display_name == "renamed-by-the-test"
    for row in first.rows:
        if row in page_of_custom:
            assert by_key[row.key] is not row  # rebuilt from the new page
            assert by_key[row.key].cells == row.cells or row is custom
        else:
            assert by_key[row.key] is row
    # other columns (the all-regions view adds one) or other server filters: nothing is reused
    third = listing(second, cols=list_columns(MODEL, with_region=True))
    assert not any(r is by_key.get(r.key) for r in third.rows)
    fourth = listing(second, filters=ServerFilters(model_type="CUSTOM"))  # filtered here: the same page bodies
    assert fourth.rows and len(fourth.rows) < len(second.rows)
    assert all(r.item["type"] == "CUSTOM" for r in fourth.rows)
    assert not any(r is by_key.get(r.key) for r in fourth.rows)
