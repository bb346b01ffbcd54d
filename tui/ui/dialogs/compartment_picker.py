"""CompartmentPicker: the tenancy's compartment tree (root included), searchable as you type.

Reads the tree through `app.genai` in a worker (the app's cache answers at once when filled).
Dismisses with the chosen compartment OCID, or None when cancelled. Names are literal text.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.app import ComposeResult
from textual.widgets import Input, Label, Tree
from textual.widgets.tree import TreeNode

from tui.ui.console import console_app
from tui.ui.forms.inputs import SafeInput
from tui.ui.text import clean


class CompartmentPicker(ModalScreen[str | None]):
    app = console_app()

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "focus_tree", "Tree", show=False),
    ]

    def __init__(self, current_id: str | None = None, title: str = "Compartment") -> None:
        super().__init__()
        self.current_id = current_id
        #: "Compartment" to switch; "Move <name> to…" when it picks a move's target
        self.title_text = title
        self.compartments: list[Any] = []
        self.root_id: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker picker-tall"):
            enter = "switch" if self.title_text == "Compartment" else "choose"
            yield Label(Text(clean(self.title_text)), classes="picker-title -with-hint", id="compartment-title",
                        markup=False)
            yield Label(f"type to search · enter: {enter} · esc: cancel", classes="picker-hint", markup=False)
            yield SafeInput(placeholder="search compartments", id="compartment-search", compact=True)
            tree: Tree[str] = Tree(Text("loading…", style="dim"), id="compartment-tree")
            tree.show_root = True
            yield tree

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        app = self.app
        self.root_id = app.context.tenancy_id
        if app.compartments:
            self._loaded(list(app.compartments.values()))
            return

        def fetch() -> list[Any]:
            return list(app.genai.list_compartments(subtree=True).data)

        app.call(self, fetch, label="list compartments", group="compartments", on_success=self._loaded)

    def _loaded(self, items: list[Any]) -> None:
        self.compartments = items
        if not self.app.compartments:
            self.app.compartments = {c.id: c for c in items}
        if self.root_id is None:
            self.root_id = self.app.genai.session.tenancy_id
        self._build("")

    def _build(self, query: str) -> None:
        tree = self.query_one(Tree)
        tree.clear()
        tree.root.set_label(Text("root (tenancy)", style="bold"))
        tree.root.data = self.root_id
        children: dict[str, list[Any]] = {}
        for c in self.compartments:
            children.setdefault(c.compartment_id, []).append(c)
        wanted = query.strip().lower()
        by_id = {c.id: c for c in self.compartments}
        keep: set[str] | None = None
        if wanted:
            keep = set()
            for c in self.compartments:
                if wanted in c.name.lower():
                    node = c
                    while node is not None and node.id not in keep:  # keep the ancestors too
                        keep.add(node.id)
                        node = by_id.get(node.compartment_id)
        cursor_node: TreeNode[str] = tree.root

        def add(parent_node: TreeNode[str], parent_id: str) -> None:
            nonlocal cursor_node
            for c in sorted(children.get(parent_id, []), key=lambda c: c.name.lower()):
                if keep is not None and c.id not in keep:
                    continue
                label = Text(clean(c.name))
                if wanted and wanted in c.name.lower():
                    label.stylize("bold")
                if c.id == self.current_id:
                    label.append("  (current)", style="dim")
                has_kids = bool(children.get(c.id))
                node = parent_node.add(label, data=c.id, expand=True, allow_expand=has_kids) if has_kids \
                    else parent_node.add_leaf(label, data=c.id)
                if wanted:
                    if cursor_node is tree.root and wanted in c.name.lower():
                        cursor_node = node  # the first match
                elif c.id == self.current_id:
                    cursor_node = node
                add(node, c.id)

        if self.root_id:
            add(tree.root, self.root_id)
        tree.root.expand()
        tree.call_after_refresh(tree.move_cursor, cursor_node)

    @on(Input.Changed, "#compartment-search")
    def _search(self, event: Input.Changed) -> None:
        self._build(event.value)

    @on(Input.Submitted, "#compartment-search")
    def _submit_search(self, event: Input.Submitted) -> None:
        node = self.query_one(Tree).cursor_node
        if node is not None and node.data:
            self.dismiss(node.data)

    @on(Tree.NodeSelected)
    def _chosen(self, event: Tree.NodeSelected) -> None:
        if event.node.data:
            self.dismiss(event.node.data)

    def action_focus_tree(self) -> None:
        self.query_one(Tree).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
