"""What the operator did before, so they can do it again: `:` lines and the places they visited.

`PromptHistory` is the `:` prompt's ↑/↓ list, kept across runs in the state folder
(`$XDG_STATE_HOME/oci-genai-tui/prompt-history`, one line per command, newest last, bounded).
`Places` is the `[` / `]` trail (k9s's back and forward): every view, region and compartment
visited, in order; going back then visiting somewhere new drops the forward part, as a browser does.
Both are plain data, no Textual: the app records and applies, these only remember.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PROMPT_HISTORY_SIZE = 200
PLACES_SIZE = 50


class PromptHistory:
    """The `:` lines entered, oldest first, with a cursor for ↑/↓ (past the end = the line being typed)."""

    def __init__(self, path: Path | None, size: int = PROMPT_HISTORY_SIZE) -> None:
        self.path = path
        self.size = size
        self.lines: list[str] = self._read()
        self.cursor = len(self.lines)
        self.draft = ""

    def _read(self) -> list[str]:
        if self.path is None:
            return []
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        lines = [line.strip() for line in text.splitlines() if line.strip() and line.isprintable()]
        return lines[-self.size:]

    def add(self, line: str) -> None:
        """Remember `line` (once: an earlier copy moves to the end) and save the file."""
        line = line.strip()
        self.cursor = len(self.lines)
        if not line or not line.isprintable():
            return
        if line in self.lines:
            self.lines.remove(line)
        self.lines.append(line)
        del self.lines[:-self.size]
        self.cursor = len(self.lines)
        self._write()

    def _write(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text("".join(line + "\n" for line in self.lines), encoding="utf-8")
        except OSError as exc:  # a read-only home must not break the prompt
            log.info("prompt history not saved: %s", exc)

    def reset(self, draft: str = "") -> None:
        self.cursor = len(self.lines)
        self.draft = draft

    def older(self, current: str) -> str | None:
        """The line before the cursor (None at the oldest); the first step keeps `current` as the draft."""
        if self.cursor == 0 or not self.lines:
            return None
        if self.cursor == len(self.lines):
            self.draft = current
        self.cursor -= 1
        return self.lines[self.cursor]

    def newer(self) -> str | None:
        """The line after the cursor, then the draft again (None when already there)."""
        if self.cursor >= len(self.lines):
            return None
        self.cursor += 1
        return self.lines[self.cursor] if self.cursor < len(self.lines) else self.draft


@dataclass(frozen=True)
class Place:
    """One stop of the `[` / `]` trail: a view in a region (or all regions) and a compartment."""

    view: str
    region: str  # a region id, or "all"
    compartment_id: str


class Places:
    def __init__(self, size: int = PLACES_SIZE) -> None:
        self.size = size
        self.stops: list[Place] = []
        self.index = -1

    @property
    def current(self) -> Place | None:
        return self.stops[self.index] if 0 <= self.index < len(self.stops) else None

    def visit(self, place: Place) -> None:
        """Record `place` (nothing when it is where we are); the forward part is dropped."""
        if place == self.current:
            return
        del self.stops[self.index + 1:]
        self.stops.append(place)
        if len(self.stops) > self.size:
            del self.stops[0]
        self.index = len(self.stops) - 1

    def back(self) -> Place | None:
        if self.index <= 0:
            return None
        self.index -= 1
        return self.stops[self.index]

    def forward(self) -> Place | None:
        if self.index >= len(self.stops) - 1:
            return None
        self.index += 1
        return self.stops[self.index]
