"""The `/` filter language, k9s style: `text` substring, `!text` inverse, `~text` fuzzy.

Substring and inverse match each row's precomputed lower-case search key (cells and OCID). Fuzzy
matches only what the operator can see (the cells, never the hidden OCID text: `~md9` must not
match every row whose OCID happens to hold an m, a d and a 9) and ranks the best matches first,
scored by Textual's own matcher (`textual.fuzzy`, the one the command palette uses). The functions
here are pure and run in a worker thread, so the UI thread never walks the whole list per keystroke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from textual.fuzzy import FuzzySearch

T = TypeVar("T")


@dataclass(frozen=True)
class Query:
    text: str
    mode: str  # all | substring | inverse | fuzzy

    @property
    def active(self) -> bool:
        return self.mode != "all"

    def describe(self) -> str:
        return {"all": "", "substring": f"/{self.text}", "inverse": f"/!{self.text}",
                "fuzzy": f"/~{self.text}"}[self.mode]


def parse_query(raw: str) -> Query:
    raw = raw.strip()
    if raw.startswith("!"):
        text = raw[1:].strip().lower()
        return Query(text, "inverse" if text else "all")
    if raw.startswith("~"):
        text = raw[1:].strip().lower()
        return Query(text, "fuzzy" if text else "all")
    return Query(raw.lower(), "substring" if raw else "all")


def matcher(query: Query) -> Callable[[str], bool]:
    """A predicate over a lower-case haystack."""
    if query.mode == "substring":
        needle = query.text
        return lambda hay: needle in hay
    if query.mode == "inverse":
        needle = query.text
        return lambda hay: needle not in hay
    if query.mode == "fuzzy":
        chars = [c for c in query.text if not c.isspace()]
        if not chars:
            return lambda hay: True
        # A subsequence match. `[^c]*c` cannot backtrack the way `.*?` does: ~13x faster on 10k
        # rows with long haystacks (60 ms -> 5 ms for `~md9`).
        pattern = re.compile(re.escape(chars[0]) + "".join(f"[^{re.escape(c)}]*{re.escape(c)}" for c in chars[1:]))
        search = pattern.search
        return lambda hay: search(hay) is not None
    return lambda hay: True


def apply_query(items: Iterable[T], query: Query, key: Callable[[T], str],
                visible: Callable[[T], str] | None = None) -> list[T]:
    """The items `query` keeps, in their order; fuzzy: matched on `visible` (default `key`), best first."""
    if not query.active:
        return list(items)
    if query.mode == "fuzzy":
        return rank_fuzzy(items, query, visible or key)
    match = matcher(query)
    return [item for item in items if match(key(item))]


def rank_fuzzy(items: Iterable[T], query: Query, text: Callable[[T], str]) -> list[T]:
    """Items whose `text` holds the query as a subsequence, best score first (ties keep their order).

    The subsequence regex prefilters (cheap); Textual's scorer (fzf-like: first letters of words and
    adjacent runs score higher) then runs on the survivors only."""
    needle = "".join(c for c in query.text if not c.isspace())
    match = matcher(query)
    survivors = [(item, hay) for item in items if match(hay := text(item))]
    if not needle or len(survivors) < 2:
        return [item for item, _ in survivors]
    search = FuzzySearch(cache_size=1)
    scored = [(search.match(needle, hay)[0], index, item) for index, (item, hay) in enumerate(survivors)]
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return [item for _, _, item in scored]
