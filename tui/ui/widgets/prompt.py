"""The bottom prompt shared by `:` commands and the `/` filter (k9s's prompt, one line).

Hidden until asked for, so single-letter bindings never type into it (Textual's AUTO_FOCUS trap):
`:` or `/` shows and focuses it, `enter` submits, `escape` cancels. In filter mode every change is
forwarded at once; the list view does the matching in a worker, so typing stays instant.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from tui.ui.forms.inputs import SafeInput

COMMAND_WORDS = [
    "models", "imported", "workrequests", "clusters", "endpoints", "region ", "region all", "compartment ", "profile ", "theme ",
    "filter ", "help", "quit", "q",
]


class Prompt(Horizontal):
    DEFAULT_CSS = """
    Prompt { height: 1; display: none; background: $panel; }
    Prompt.-open { display: block; }
    Prompt > Label { width: auto; color: $accent; text-style: bold; padding: 0 0 0 1; }
    Prompt > Input { border: none; height: 1; padding: 0 1; background: $panel; width: 1fr; }
    Prompt > Input:focus { border: none; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = "command"

    def compose(self):
        yield Label(":", id="prompt-sigil", markup=False)
        yield SafeInput(id="prompt-input", compact=True, suggester=SuggestFromList(COMMAND_WORDS, case_sensitive=False))

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
            "models | imported | workrequests | region <r>|all | compartment <name> | profile <p> | q"
            if mode == "command" else "substring  ·  !inverse  ·  ~fuzzy"
        )
        with self.input.prevent(Input.Changed):
            self.input.value = value
        self.input.cursor_position = len(value)
        self.add_class("-open")
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-open")

    @on(Input.Changed, "#prompt-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.mode == "filter":
            self.post_message(self.Changed(self.mode, event.value))

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Submitted(self.mode, event.value))

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Cancelled(self.mode))
