"""Pages of a raw listing: the body as sent (`RawPage`) and as kept behind the rows (`StoredPage`)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from tui.cloud.errors import CloudError
from tui.cloud.pages import RawPage
from tui.ui.data import stored_pages
from tui.ui.data.stored_pages import StoredPage

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                           max_leaves=10)


@given(st.lists(st.dictionaries(st.text(), json_values, max_size=4), max_size=8))
def test_a_stored_page_gives_back_the_items_it_was_made_of(items):
    body = json.dumps({"items": items}).encode()
    page = StoredPage(body)
    assert page.items() == items
    assert all(page.item(i) == item for i, item in enumerate(items))
    assert StoredPage.of_items(items).items() == items


def test_only_the_recent_pages_stay_parsed():
    pages = [StoredPage(json.dumps({"items": [{"n": n}]}).encode()) for n in range(stored_pages.RECENT + 2)]
    for page in pages:
        assert page.item(0)["n"] == pages.index(page)
    parsed = [page._items is not None for page in pages]
    assert parsed == [False] * 2 + [True] * stored_pages.RECENT
    assert pages[0].item(0) == {"n": 0}  # parsed again when asked


def test_a_big_page_is_kept_compressed():
    items = [{"id": f"ocid1.generativeaimodel.oc1.us-chicago-1.{n:060d}", "displayName": f"model-{n}",
              "lifecycleState": "ACTIVE", "type": "CUSTOM", "vendor": "cohere"} for n in range(1000)]
    body = json.dumps({"items": items}).encode()
    assert StoredPage(body).size < len(body) / 5


def test_a_raw_page_names_its_content_and_parses_like_the_sdk():
    a, b = RawPage(b'{"items": [{"id": "x"}]}'), RawPage(b'{"items": [{"id": "x"}]}')
    assert a.digest == b.digest and len(a.digest) == 16
    assert RawPage(b'{"items": [{"id": "y"}]}').digest != a.digest
    assert a.items() == [{"id": "x"}]
    assert RawPage(b'[{"id": "x"}]').items() == [{"id": "x"}]
    assert RawPage(b'{"items": null}').items() == []
    with pytest.raises(CloudError, match="not a collection"):
        RawPage(b'"text"').items()
    with pytest.raises(CloudError, match="not JSON"):  # a raw control character: refused, as the SDK refuses it
        RawPage(b'{"items": [{"id": "a\x01b"}]}').items()
    assert RawPage(b'{"items": [{"id": "a\x01b"}]}', strict=False).items() == [{"id": "a\x01b"}]
    with pytest.raises(CloudError, match="not JSON"):
        RawPage(b"<html>busy</html>").items()
