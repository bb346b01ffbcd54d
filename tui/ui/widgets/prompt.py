"""The bottom prompt shared by `:` commands and the `/` filter (k9s's prompt, one line).

Hidden until asked for, so single-letter bindings never type into it (Textual's AUTO_FOCUS trap):
`:` or `/` shows and focuses it, `enter` submits, `escape` cancels. In filter mode every change is
forwarded at once; the list view does the matching in a worker, so typing stays instant.

It opens over the footer, on a layer of its own (`MainScreen` declares `layers: default prompt`):
nothing else moves when it opens or closes, so `/` and `esc` repaint that one line, not the screen
(taking a line from the views would lay out and repaint every line of the list, ~40 KB over SSH).

In command mode `up`/`down` walk the `:` history (kept across runs, tui/ui/history.py) and `tab`
completes the command word, then its argument (tui/ui/completion.py): the first Tab extends what
was typed as far as every candidate agrees, each further Tab cycles through the candidates.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from tui.ui.commands import TABLE
from tui.ui.completion import FIXED_ARGUMENTS, Sources, common_prefix, complete
from tui.ui.forms.inputs import SafeInput
from tui.ui.history import PromptHistory

#: what the prompt suggests as you type (grey text ahead of the cursor), from the command table
COMMAND_WORDS = [
    *(c.name + (" " if c.argument else "") for c in TABLE),
    *(f"{name} {value}" for name, values in FIXED_ARGUMENTS.items() for value in values),
]
#: the empty `:` prompt's placeholder
COMMAND_PLACEHOLDER = "Tab completes: " + " | ".join(c.name for c in TABLE)


class Prompt(Horizontal):
    DEFAULT_CSS = """
    Prompt { layer: prompt; dock: bottom; height: 1; display: none; background: $panel; }
    Prompt.-open { display: block; }
    Prompt > Label { width: auto; color: $accent; text-style: bold; padding: 0 0 0 1; }
    Prompt > Input { border: none; height: 1; padding: 0 1; background: $panel; width: 1fr; }
    Prompt > Input:focus { border: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("tab", "complete", "Complete", show=False),
        Binding("up", "history(-1)", "Older", show=False),
        Binding("down", "history(1)", "Newer", show=False),
    ]

    class Changed(Message):
        def __init__(self, mode: str, value: str) -> None:
            super().__init__()
            self.mode = mode
            self.value = value

    class Submitted(Message):
        def __init__(self, mode: str, value: str) -> None:
            super().__init__()
            self.mode = mode
            self.value = value

    class Cancelled(Message):
        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def __init__(self, *, id: str | None = None, history: PromptHistory | None = None) -> None:
        super().__init__(id=id)
        self.mode = "command"
        self._history = history
        self._cycle: tuple[list[str], int] | None = None  # Tab candidates and the one shown
        #: what Tab completes from (the app's regions, compartments, themes); set by the screen
        self.sources: Callable[[], Sources] = Sources

    @property
    def history(self) -> PromptHistory:
        if self._history is None:
            from tui.settings import state_dir

            self._history = PromptHistory(state_dir() / "prompt-history")
        return self._history

    def compose(self):
        yield Label(":", id="prompt-sigil", markup=False)
        field = SafeInput(id="prompt-input", compact=True, suggester=SuggestFromList(COMMAND_WORDS, case_sensitive=False))
        field.cursor_blink = False  # each blink repaints the line: ~2 KB/s over SSH while the prompt is open
        yield field

    @property
    def input(self) -> Input:
        return self.query_one("#prompt-input", Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, mode: str, value: str = "") -> None:
        self.mode = mode
        self.query_one("#prompt-sigil", Label).update(":" if mode == "command" else "/")
        self.input.suggester = (
            SuggestFromList(COMMAND_WORDS, case_sensitive=False) if mode == "command" else None
        )
        self.input.placeholder = (
            COMMAND_PLACEHOLDER if mode == "command" else "substring  ·  !inverse  ·  ~fuzzy"
        )
        self._set_value(value)
        self._cycle = None
        if mode == "command":
            self.history.reset()
        self.add_class("-open")
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-open")

    def _set_value(self, value: str) -> None:
        with self.input.prevent(Input.Changed):
            self.input.value = value
        self.input.cursor_position = len(value)

    def action_complete(self) -> None:
        """Tab: extend to what every candidate shares, then cycle through them (command mode only)."""
        if self.mode != "command":
            return
        typed = self.input.value
        if self._cycle is not None and typed == self._cycle[0][self._cycle[1]]:
            lines, index = self._cycle
            self._cycle = (lines, (index + 1) % len(lines))
            self._set_value(lines[self._cycle[1]])
            return
        lines = complete(typed, self.sources())
        if not lines:
            self._cycle = None
            return
        shared = common_prefix(lines)
        if len(lines) == 1 or (len(shared) > len(typed) and shared.lower().startswith(typed.lower())):
            self._cycle = None
            self._set_value(lines[0] if len(lines) == 1 else shared)
            return
        self._cycle = (lines, 0)
        self._set_value(lines[0])

    def action_history(self, step: int) -> None:
        """up/down: the previous/next `:` line (command mode only)."""
        if self.mode != "command":
            return
        line = self.history.older(self.input.value) if step < 0 else self.history.newer()
        if line is not None:
            self._cycle = None
            self._set_value(line)

    @on(Input.Changed, "#prompt-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.mode == "filter":
            self.post_message(self.Changed(self.mode, event.value))

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        if self.mode == "command":
            self.history.add(event.value)
        self.post_message(self.Submitted(self.mode, event.value))

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Cancelled(self.mode))
