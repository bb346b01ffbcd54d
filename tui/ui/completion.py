"""Tab completion for the `:` prompt: command words first, then each command's argument.

Pure: `complete(line, sources)` answers the candidate lines for what is typed, from a snapshot of
what the console knows (`Sources`: region ids and keys, compartment names and paths, themes, view
names, profiles), so the widget only cycles through answers and tests need no terminal.

Matching, per word: a case-insensitive prefix of the candidate (or of a region's three-letter key,
`fra` -> `eu-frankfurt-1`), else a substring. `common_prefix` lets the first Tab extend what was
typed as far as every candidate agrees, as a shell does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.ui.commands import TABLE

if TYPE_CHECKING:
    from tui.app import ConsoleApp

#: the canonical command words Tab offers, from the command table (aliases still run; not offered)
COMMAND_WORDS = tuple(c.name for c in TABLE)
#: the words that take an argument, canonical name -> every alias typed for it
ARGUMENT_COMMANDS = {c.name: (c.name, *c.aliases) for c in TABLE if c.argument}
#: the literal argument words of each command (`region all`, `mark none`); `<...>` ones come from `Sources`
FIXED_ARGUMENTS = {c.name: words for c in TABLE
                   if (words := tuple(w for w in c.argument.split("|") if w and "<" not in w))}


@dataclass(frozen=True)
class Sources:
    regions: Sequence[tuple[str, str]] = ()  # (id, key) e.g. ("eu-frankfurt-1", "FRA")
    compartments: Sequence[str] = ()  # names and root-relative paths
    themes: Sequence[str] = ()
    profiles: Sequence[str] = ()
    views: Sequence[str] = field(default=tuple(c.name for c in TABLE if c.group == "Views"))


def _matches(typed: str, candidates: Iterable[str], aliases: dict[str, str] | None = None) -> list[str]:
    """Candidates `typed` is a prefix of (or of an alias of), else those holding it; in order, once each."""
    want = typed.lower()
    seen: dict[str, None] = {}
    ordered = list(dict.fromkeys(candidates))
    alias_of = aliases or {}
    for cand in ordered:
        if cand.lower().startswith(want) or (want and alias_of.get(cand, "").lower().startswith(want)):
            seen[cand] = None
    if not seen and want:
        for cand in ordered:
            if want in cand.lower():
                seen[cand] = None
    return list(seen)


def _command_of(word: str) -> str | None:
    low = word.lower()
    for name, aliases in ARGUMENT_COMMANDS.items():
        if low in aliases:
            return name
    return None


def complete(line: str, sources: Sources) -> list[str]:
    """Whole prompt lines that complete `line` (without the `:`); [] when nothing fits."""
    text = line.lstrip(":").lstrip()
    word, space, arg = text.partition(" ")
    if not space:
        return [w + " " if w in ARGUMENT_COMMANDS else w for w in _matches(word, COMMAND_WORDS)]
    command = _command_of(word)
    arg = arg.strip()
    if command == "region":
        keys = {region_id: key for region_id, key in sources.regions}
        found = _matches(arg, ["all", *keys], aliases=keys)
    elif command == "compartment":
        found = _matches(arg, ["root", *sources.compartments])
    elif command == "theme":
        found = _matches(arg, sources.themes)
    elif command == "profile":
        found = _matches(arg, sources.profiles)
    elif command in FIXED_ARGUMENTS:
        found = _matches(arg, FIXED_ARGUMENTS[command])
    else:
        return []
    return [f"{word} {value}" for value in found]


def common_prefix(lines: Sequence[str]) -> str:
    """The longest start every line shares ("" for none)."""
    if not lines:
        return ""
    first, last = min(lines), max(lines)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def completion_sources(app: ConsoleApp) -> Sources:
    """What `:` Tab completes from, as the console knows it now (compartments once their names loaded)."""
    from tui.facts.regions import REGIONS
    from tui.ui.data.compartments import path_names
    from tui.ui.text import clean

    names: list[str] = []
    paths: list[str] = []
    for cid, compartment in app.compartments.items():
        names.append(clean(compartment.name))
        path = path_names(app.compartments, cid)
        if len(path) > 1:
            paths.append("/".join(clean(n) for n in path))
    return Sources(regions=[(r.id, r.key) for r in REGIONS], compartments=sorted(set(names)) + sorted(paths),
                   themes=app.our_themes)
