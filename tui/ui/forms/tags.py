"""A key=value editor for freeform tags: add and remove rows, each checked as you type.

Why rows and not one `k=v,k=v` line: values may contain `=` and `,`, and the operator needs the broken
rule next to the row it belongs to (empty key, duplicate key, too long).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from tui.ui.forms import rules


class TagRow(Horizontal):
    DEFAULT_CSS = """
    TagRow { height: auto; }
    TagRow > Input { width: 1fr; background: $panel; margin: 0 1 0 0; }
    TagRow > Input:focus { background: $boost; }
    TagRow > Button { min-width: 5; width: 5; }
    """

    def __init__(self, key: str = "", value: str = "") -> None:
        super().__init__(classes="tag-row")
        self.key_input = Input(key, placeholder="key", classes="tag-key", compact=True)
        self.value_input = Input(value, placeholder="value", classes="tag-value", compact=True)

    def compose(self) -> ComposeResult:
        yield self.key_input
        yield self.value_input
        yield Button("✕", classes="tag-remove", tooltip="Remove this tag", compact=True)


class TagsEditor(Vertical):
    """Freeform tags. `tags` is the dict (rows with an empty key and value are ignored)."""

    DEFAULT_CSS = """
    TagsEditor { height: auto; }
    TagsEditor > .field-label { color: $text-muted; }
    TagsEditor > .tags-message { color: $error; height: auto; padding: 0 1; }
    TagsEditor > #tags-add { margin: 0 0 0 0; }
    """

    class Changed(Message):
        def __init__(self, editor: "TagsEditor") -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, tags: dict[str, str] | None = None, *, label: str = "Freeform tags", id: str | None = None):
        super().__init__(id=id)
        self.label = label
        self._initial = dict(tags or {})
        self._message = Static("", classes="tags-message", markup=False)

    def compose(self) -> ComposeResult:
        yield Label(Text(self.label + " (key = value)"), classes="field-label", markup=False)
        for k, v in self._initial.items():
            yield TagRow(k, v)
        yield Button("+ Add tag", id="tags-add", compact=True)
        yield self._message

    @property
    def rows(self) -> list[TagRow]:
        return list(self.query(TagRow))

    def pairs(self) -> list[tuple[str, str]]:
        return [(r.key_input.value, r.value_input.value) for r in self.rows]

    @property
    def tags(self) -> dict[str, str]:
        return {k: v for k, v in self.pairs() if k or v}

    @property
    def error(self) -> str | None:
        return tags_error(self.pairs())

    def check(self) -> str | None:
        error = self.error
        self._message.update(Text(f"✗ Tags: {error}" if error else ""))
        return error

    async def add_row(self, key: str = "", value: str = "") -> TagRow:
        row = TagRow(key, value)
        await self.mount(row, before=self.query_one("#tags-add"))
        return row

    async def set_tags(self, tags: dict[str, str]) -> None:
        await self.query(TagRow).remove()
        for k, v in tags.items():
            await self.add_row(k, v)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "tags-add":
            row = await self.add_row()
            row.key_input.focus()
        elif event.button.has_class("tag-remove"):
            row = event.button.parent
            if isinstance(row, TagRow):
                await row.remove()
            self.check()
            self.post_message(self.Changed(self))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check()
        self.post_message(self.Changed(self))


def tags_error(pairs: list[tuple[str, str]]) -> str | None:
    """The first rule the rows break: key/value rules, then duplicate keys. Blank rows are ignored."""
    seen: set[str] = set()
    for n, (k, v) in enumerate(pairs, 1):
        if not k and not v:
            continue
        broken = rules.tag_key(k) or rules.tag_value(v)
        if broken:
            return f"row {n}: {broken}"
        if k in seen:
            return f"row {n}: key {k!r} is repeated"
        seen.add(k)
    return None
