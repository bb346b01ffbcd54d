"""The start-up child's first list (tui/prefetch.py), without the fork: what it sends, how the console uses it.

Against the local service over HTTP with the real SDK. The fork itself, the pipe and both start-up
paths run on a pseudo-terminal in tests/terminal/test_start_up.py.
"""

from __future__ import annotations

import pickle

import oci
import pytest

from tui import prefetch
from tui.cloud.resources import MODEL
from tui.facts.regions import lookup_region
from tui.settings import Settings
from tui.ui.data.loading import fetch_listing
from tui.ui.data.presentation import list_columns
from tui.ui.data.rowset import RowSet, SortState
from tui.ui.data.server_filters import ServerFilters


def settings_for(emu, identity, **extra) -> Settings:
    return Settings(config_file=str(identity.config_file), profile=identity.profile,
                    endpoint_template=emu.endpoint_template, **extra)


def test_the_child_lists_what_the_first_view_would_and_its_answer_crosses_a_pipe(make_emulator, identity):
    emu = make_emulator("demo")
    compartment = emu.seed_info.extras["models_compartment_id"]
    settings = settings_for(emu, identity, compartment_id=compartment)
    answer = pickle.loads(pickle.dumps(("ok", prefetch._list_first_view(settings))))[1]

    genai = prefetch.open_genai(settings)
    region = genai.session.default_region
    columns = list_columns(MODEL)
    want = fetch_listing(genai, MODEL, compartment, [region], ServerFilters(), columns, RowSet(), "", SortState())
    assert [(r.key, r.cells, r.sort_keys, r.search, r.state) for r in answer.rows] == [
        (r.key, r.cells, r.sort_keys, r.search, r.state) for r in want.rows]
    assert answer.request_id and answer.compartment_id == compartment and answer.region_id == region.id
    assert answer.tenancy_id == genai.session.tenancy_id and answer.profile_name == identity.profile
    session = answer.session()
    assert session.default_region is lookup_region(region.id) and session.profile.name == identity.profile
    # every row shares the one loader; bound to the console's own service layer it builds the SDK model
    assert all(r._load is answer.loader for r in answer.rows)
    with pytest.raises(RuntimeError, match="bound"):
        _ = answer.rows[0].obj
    answer.loader.bind(lambda: genai)
    model = answer.rows[0].obj
    assert isinstance(model, oci.generative_ai.models.ModelSummary) and model.id == answer.rows[0].ocid
    # the pages came along: a refresh against them reuses the rows of unchanged pages
    previous = RowSet()
    previous.replace(answer.rows, answer.columns, pages=answer.pages, filters=answer.filters)
    again = RowSet()
    fetch_listing(genai, MODEL, compartment, [region], ServerFilters(), columns, again, "", SortState(),
                  previous=previous)
    assert all(a is b for a, b in zip(again.rows, answer.rows, strict=True))


def test_the_answer_matches_only_the_request_it_answers(make_emulator, identity):
    emu = make_emulator("demo")
    settings = settings_for(emu, identity)
    answer = prefetch._list_first_view(settings)
    region = lookup_region(answer.region_id)
    columns, filters = list_columns(MODEL), ServerFilters()
    assert answer.compartment_id == answer.tenancy_id  # no --compartment: the tenancy root
    assert answer.matches(MODEL, answer.compartment_id, region, False, columns, filters)
    assert not answer.matches(MODEL, answer.compartment_id, region, True, columns, filters)  # all regions
    assert not answer.matches(MODEL, "ocid1.compartment.oc1..other", region, False, columns, filters)
    assert not answer.matches(MODEL, answer.compartment_id, lookup_region("eu-frankfurt-1"), False, columns, filters)
    assert not answer.matches(MODEL, answer.compartment_id, region, False, list_columns(MODEL, with_region=True),
                              filters)
    assert not answer.matches(MODEL, answer.compartment_id, region, False, columns, ServerFilters(model_type="BASE"))


def test_a_failing_child_sends_only_that_it_failed(identity, tmp_path):
    settings = Settings(config_file=str(identity.config_file), profile="NO_SUCH_PROFILE")
    with pytest.raises(Exception) as caught:
        prefetch._list_first_view(settings)
    assert "NO_SUCH_PROFILE" in str(caught.value)


@pytest.mark.parametrize(("changes", "env", "forks"), [
    ({}, None, True),
    ({"compartment_id": "ocid1.compartment.oc1..aaaa", "region": "eu-frankfurt-1"}, None, True),
    ({"region": "fra"}, None, True),
    ({}, "0", False),
    ({"demo": True}, None, True),  # forked before the service starts; it waits for the service's settings
    ({"compartment_id": "genai-prod/models"}, None, False),  # a name: resolved once the names load
    ({"region": "all"}, None, False),
])
def test_start_up_forks_only_for_the_plain_case(monkeypatch, changes, env, forks):
    if env is None:
        monkeypatch.delenv(prefetch.ENV, raising=False)
    else:
        monkeypatch.setenv(prefetch.ENV, env)
    assert prefetch.wanted(Settings(**changes)) is forks


def test_the_child_lists_the_first_view():
    from tui.ui.screens.main import VIEWS

    assert next(iter(VIEWS.values()))[1] is prefetch.FIRST_KIND


def test_a_deferred_child_takes_the_settings_it_is_sent_or_gives_up(tmp_path):
    import json
    import os

    settings = Settings(demo=True)
    read, write = os.pipe()
    os.write(write, json.dumps({"config_file": "/x/config", "region": "eu-frankfurt-1"}).encode())
    os.close(write)
    prefetch._resumed(settings, read)
    assert (settings.config_file, settings.region) == ("/x/config", "eu-frankfurt-1")
    read, write = os.pipe()
    os.close(write)  # the service did not start: nothing comes
    with pytest.raises(RuntimeError, match="did not start"):
        prefetch._resumed(Settings(demo=True), read)


def test_the_demo_points_the_child_where_it_points_the_console():
    from tui.demo import pointed

    info = {"config_file": "/d/config", "endpoint_template": "http://127.0.0.1:1/{region}", "profile": "DEFAULT",
            "region": "us-chicago-1", "extras": {"models_compartment_id": "ocid1.compartment.oc1..m"}}
    assert pointed(Settings(demo=True), info) == {
        "config_file": "/d/config", "endpoint_template": "http://127.0.0.1:1/{region}", "profile": "DEFAULT",
        "region": "us-chicago-1", "compartment_id": "ocid1.compartment.oc1..m"}
    given = pointed(Settings(demo=True, region="eu-frankfurt-1", compartment_id="ocid1.compartment.oc1..c"), info)
    assert given["region"] == "eu-frankfurt-1" and "compartment_id" not in given
