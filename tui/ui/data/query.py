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
from typing import Callable, Iterable, Sequence, TypeVar


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

    The subsequence regex prefilters (cheap); `fuzzy_score` then scores the survivors. More than
    `RANK_LIMIT` survivors (a one- or two-letter needle on a huge list) keep the table's order:
    scoring them would cost a few hundred ms per keystroke and rank little of use."""
    needle = "".join(c for c in query.text if not c.isspace())
    match = matcher(query)
    survivors = [(item, hay) for item in items if match(hay := text(item))]
    if not needle or len(survivors) < 2 or len(survivors) > RANK_LIMIT:
        return [item for item, _ in survivors]
    scored = [(fuzzy_score(needle, hay), index, item) for index, (item, hay) in enumerate(survivors)]
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return [item for _, _, item in scored]


RANK_LIMIT = 5000  # survivors scored at most (tests/bench/fuzzy_rank.py prints the cost)
_STARTS = 4  # first-letter occurrences tried per haystack


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"  # regex `\w`


def position_score(hay: str, positions: Sequence[int]) -> float:
    """`textual.fuzzy.FuzzySearch.score`, the same formula without its per-call regex and cache
    (10,000 rows overflow the cache every keystroke); tests/ui/test_navigate_logic.py checks the two agree."""
    count = len(positions)
    firsts = sum(1 for p in positions if _is_word(hay[p]) and (p == 0 or not _is_word(hay[p - 1])))
    groups = 1 + sum(1 for a, b in zip(positions, positions[1:], strict=False) if b != a + 1)
    normalized = (count - (groups - 1)) / count
    return (count + firsts) * (1 + normalized * normalized)


def fuzzy_score(needle: str, hay: str) -> float:
    """Textual's fuzzy score (`FuzzySearch.score`, see `position_score`: matched first letters of words and few, long runs
    score higher; a plain substring 1.5x) of `needle` in lower-case `hay`; 0 when it does not match.

    `FuzzySearch.match` finds the best positions by trying every combination, which costs seconds
    over 10,000 rows for a short needle whose letters repeat (`~cmd`). Here the positions come from
    one greedy walk per occurrence of the first letter (at most 4): each next letter is taken right
    after the previous one when it is there, else at the next start of a word, else at its next
    occurrence. The best of those walks is scored with Textual's own formula."""
    if not needle:
        return 0.0
    at = hay.find(needle)
    if at != -1:
        return position_score(hay, range(at, at + len(needle))) * (2.0 if hay == needle else 1.5)
    best = 0.0
    start = hay.find(needle[0])
    tries = 0
    while start != -1 and tries < _STARTS:
        positions = _walk(needle, hay, start, words=True) or _walk(needle, hay, start, words=False)
        if positions is None:
            break  # the leftmost walk failed: later starts leave even less room
        best = max(best, position_score(hay, positions))
        start = hay.find(needle[0], start + 1)
        tries += 1
    return best


def _walk(needle: str, hay: str, start: int, *, words: bool) -> list[int] | None:
    """Positions of `needle` in `hay` from `start` (adjacent first, then word starts if `words`)."""
    positions = [start]
    for letter in needle[1:]:
        last = positions[-1]
        if last + 1 < len(hay) and hay[last + 1] == letter:
            positions.append(last + 1)
            continue
        nxt = hay.find(letter, last + 1)
        if nxt == -1:
            return None
        word = nxt if words else -1
        while word != -1 and word > 0 and hay[word - 1].isalnum():
            word = hay.find(letter, word + 1)
        positions.append(word if word != -1 else nxt)
    return positions
