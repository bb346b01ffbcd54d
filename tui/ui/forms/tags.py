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
from tui.ui.forms.inputs import SafeInput
from tui.ui.text import clean


class TagRow(Horizontal):
    DEFAULT_CSS = """
    TagRow { height: auto; }
    TagRow > Input { width: 1fr; background: $panel; margin: 0 1 0 0; }
    TagRow > Input:focus { background: $boost; }
    TagRow > Button { min-width: 5; width: 5; }
    """

    def __init__(self, key: str = "", value: str = "", *, prefilled: bool = False) -> None:
        """A row typed by the operator (`key`, `value` as typed), or, with `prefilled`, a tag the
        service sent (shown cleaned, remembered as the row's starting point)."""
        super().__init__(classes="tag-row")
        self.key_input = SafeInput(None if prefilled else key, placeholder="key", classes="tag-key", compact=True)
        self.value_input = SafeInput(None if prefilled else value, placeholder="value", classes="tag-value",
                                     compact=True)
        if prefilled:
            self.key_input.prefill(key)
            self.value_input.prefill(value)

    @property
    def original(self) -> tuple[str, str] | None:
        """The (key, value) the service sent for this row, None for a row the operator added."""
        key, value = self.key_input.original, self.value_input.original
        return None if key is None or value is None else (key, value)

    @property
    def altered(self) -> bool:
        """The service's key or value held control characters (what is shown differs from it)."""
        return self.key_input.altered or self.value_input.altered

    @property
    def untouched(self) -> bool:
        return self.original is not None and self.key_input.untouched and self.value_input.untouched

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
        """`tags` are rows as the operator typed them (a wizard draft); service tags go through
        `prefill_tags`."""
        super().__init__(id=id)
        self.label = label
        self._initial = dict(tags or {})
        self._message = Static("", classes="tags-message", markup=False)
        #: the tags the service sent (None when nothing was prefilled)
        self.original: dict[str, str] | None = None

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
        """The first rule the rows break; with prefilled tags that were changed, also a row that
        still shows an altered service tag (it cannot be sent back as shown)."""
        broken = tags_error(self.pairs())
        if broken is None and self.original is not None and not self.untouched:
            rows = self.untouched_altered_rows()
            if rows:
                broken = (f"row {rows[0]}: holds control characters from the service (shown as ␛ or �); "
                          "change or remove it")
        return broken

    def check(self) -> str | None:
        error = self.error
        self._message.update(Text(clean(f"✗ Tags: {error}") if error else ""))
        return error

    @property
    def altered(self) -> bool:
        """Some prefilled tag held control characters."""
        return any(row.altered for row in self.rows)

    @property
    def untouched(self) -> bool:
        """Every prefilled row is as it was and none was added or removed."""
        rows = self.rows
        return self.original is not None and len(rows) == len(self.original) and all(r.untouched for r in rows)

    def untouched_altered_rows(self) -> list[int]:
        """1-based numbers of the rows still showing an altered service tag (they cannot be sent
        back as shown, and not as the service holds them: the rules refuse control characters)."""
        return [n for n, row in enumerate(self.rows, 1) if row.altered and row.untouched]

    async def add_row(self, key: str = "", value: str = "", *, prefilled: bool = False) -> TagRow:
        row = TagRow(key, value, prefilled=prefilled)
        await self.mount(row, before=self.query_one("#tags-add"))
        return row

    async def set_tags(self, tags: dict[str, str]) -> None:
        """Replace the rows with `tags` as if typed (a draft)."""
        await self.query(TagRow).remove()
        self.original = None
        for k, v in tags.items():
            await self.add_row(k, v)

    async def prefill_tags(self, tags: dict[str, str]) -> None:
        """Replace the rows with the tags the service sent (cleaned, remembered as the start)."""
        await self.query(TagRow).remove()
        self.original = dict(tags)
        for k, v in tags.items():
            await self.add_row(k, v, prefilled=True)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "tags-add":
            row = await self.add_row()
            row.key_input.focus()
        elif event.button.has_class("tag-remove"):
            parent = event.button.parent
            if isinstance(parent, TagRow):
                await parent.remove()
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
