"""The console's one main screen: context header, view tabs, the active view, prompt, footer.

Views are switched by tabs, number keys or `:` commands; once mounted they stay mounted (their rows
and scroll positions survive a switch) and each loads lazily the first time it is shown. Only the
first view is composed at start; each other one is mounted the first time it is shown. Styling four
hidden views' widget trees took ~60 ms of the start to the first row (tests/bench/cold_start.py),
and mounting them later in one go repainted the visible list (~6 KB over SSH).

Every view, region and compartment shown is recorded (`note_place`, tui/ui/history.py `Places`);
`[` goes back along that trail and `]` forward again, as in k9s. `q` quits here (on the main
screen only: in a wizard or dialog it is a letter); `:q` and ctrl+q quit everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, Tab, Tabs

from tui.cloud.resources import DEDICATED_AI_CLUSTER, ENDPOINT, IMPORTED_MODEL, MODEL, ResourceKind
from tui.facts.regions import lookup_region
from tui.ui.console import console_app
from tui.ui.history import Place, Places
from tui.ui.widgets.context_header import ContextHeader
from tui.ui.widgets.prompt import Prompt
from tui.ui.widgets.resource_list import ResourceListView
from tui.ui.widgets.work_requests_view import WorkRequestsView
from tui.ui.footer import ConsoleFooter

#: every view of the main screen, in tab order: id -> (tab title, the kind it lists; None: work requests)
VIEWS: dict[str, tuple[str, ResourceKind | None]] = {
    "models": ("Models", MODEL),
    "imported": ("Imported models", IMPORTED_MODEL),
    "workrequests": ("Work requests", None),
    "clusters": ("Clusters", DEDICATED_AI_CLUSTER),
    "endpoints": ("Endpoints", ENDPOINT),
}


class MainScreen(Screen):
    app = console_app()
    AUTO_FOCUS = None  # focus goes to the table explicitly; never to an Input (bindings would type into it)
    DEFAULT_CSS = "MainScreen { layers: default prompt; }"  # the prompt opens over the footer
    #: Textual's Screen repaints itself whole when focus moves (`focused` is a repainting reactive):
    #: 45 KB over SSH for `/`, `esc`, `enter` in narrow mode. The widgets that gain and lose focus
    #: repaint themselves (their :focus styles), so the screen need not.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = [
        Binding("1", "view('models')", "Models", show=False, id="view-models"),
        Binding("2", "view('imported')", "Imported", show=False, id="view-imported"),
        Binding("3", "view('workrequests')", "Work reqs", show=False, id="view-workrequests"),
        Binding("4", "view('clusters')", "Clusters", show=False, id="view-clusters"),
        Binding("5", "view('endpoints')", "Endpoints", show=False, id="view-endpoints"),
        Binding("colon", "prompt('command')", "Command", key_display=":", id="command"),
        Binding("slash", "prompt('filter')", "Filter", key_display="/", id="filter"),
        Binding("left_square_bracket", "go(-1)", "Back", key_display="[", show=False, id="history-back"),
        Binding("right_square_bracket", "go(1)", "Forward", key_display="]", show=False, id="history-forward"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.places = Places()
        self._restoring = False
        #: every view by id, mounted or not yet (`show_view` mounts one on demand)
        self.views: dict[str, ResourceListView | WorkRequestsView] = {
            view_id: WorkRequestsView(id=view_id) if kind is None else ResourceListView(kind, id=view_id)
            for view_id, (_title, kind) in VIEWS.items()
        }

    def compose(self) -> ComposeResult:
        # first: the compositor numbers siblings from the last one, so a widget shown or hidden at the
        # front renumbers nobody (at the end it would renumber, hence repaint, the whole screen)
        yield Prompt(id="prompt")
        yield ContextHeader(id="context")
        yield Tabs(*(Tab(title, id=f"tab-{key}") for key, (title, _kind) in VIEWS.items()), id="view-tabs")
        first = next(iter(VIEWS))
        with ContentSwitcher(initial=first, id="views"):
            yield self.views[first]
        yield ConsoleFooter()

    def on_screen_resume(self) -> None:
        """Back from a dialog or wizard: if the widget that had focus is gone or hidden (the prompt
        closed, a view switched underneath), the list gets it, so the next key (`n`, `e`) works."""
        if self.focused is None or not self.focused.focusable:
            self.set_focus(self.current_view.table)

    def on_mount(self) -> None:
        from tui.ui.completion import completion_sources

        self.query_one(Prompt).sources = lambda: completion_sources(self.app)
        self.app.start_session()

    @property
    def current_view_id(self) -> str:
        return self.query_one(ContentSwitcher).current or next(iter(VIEWS))

    @property
    def current_view(self) -> ResourceListView | WorkRequestsView:
        return self.views[self.current_view_id]

    def show_view(self, view_id: str, then: Callable[[], object] | None = None) -> None:
        """Switch to `view_id` (loading it if stale); `then` runs once it is the current view (at once,
        or after it is mounted when it was not yet)."""
        if view_id not in VIEWS:
            return
        view = self.views[view_id]
        switcher = self.query_one(ContentSwitcher)
        if not view.is_mounted:
            if view.parent is None:
                view.display = False  # until it is current (the ContentSwitcher shows one child)
                switcher.mount(view)

            async def when_mounted() -> None:
                await AwaitMount(switcher, [view])
                self.show_view(view_id, then)

            self.call_next(when_mounted)
            return
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{view_id}":
            tabs.active = f"tab-{view_id}"
        if switcher.current != view_id:
            switcher.current = view_id
        view = self.current_view
        view.table.focus()
        if not view.loaded and self.app.connected:
            view.load()
        # the `/` filter belongs to one view: show what it holds
        self.app.refresh_bindings()
        self.note_place()
        if then is not None:
            then()

    # ------------------------------------------------------------------ back and forward
    def note_place(self) -> None:
        """Record where the console is now (the app calls it on every context change)."""
        ctx = self.app.context
        if self._restoring or not ctx.compartment_id:
            return
        self.places.visit(Place(self.current_view_id, "all" if ctx.all_regions else ctx.region.id,
                                ctx.compartment_id))

    def action_go(self, step: int) -> None:
        """`[` / `]`: the previous / next place on the trail (a toast at either end)."""
        app = self.app
        if app.refuse_switch("Region"):
            return
        place = self.places.back() if step < 0 else self.places.forward()
        if place is None:
            self.notify("Nothing further back" if step < 0 else "Nothing further forward", markup=False)
            return
        ctx = app.context
        region_label = "all" if ctx.all_regions else ctx.region.id
        context_changed = place.region != region_label or place.compartment_id != ctx.compartment_id
        self._restoring = True
        try:
            if context_changed:
                ctx.all_regions = place.region == "all"
                if not ctx.all_regions:
                    ctx.region = lookup_region(place.region)
                ctx.compartment_id = place.compartment_id
                ctx.compartment_path = app._path_of(place.compartment_id)
                for view in self.views.values():
                    view.loaded = False
                app.refresh_context()
            self.show_view(place.view)  # (re)loads it: every view was marked stale above
        finally:
            self._restoring = False

    @on(Tabs.TabActivated, "#view-tabs")
    def _tab(self, event: Tabs.TabActivated) -> None:
        if event.tab is not None and event.tab.id:
            self.show_view(event.tab.id.removeprefix("tab-"))

    def action_view(self, view_id: str) -> None:
        self.show_view(view_id)

    def action_prompt(self, mode: str) -> None:
        view = self.current_view
        if mode == "filter" and not hasattr(view, "set_query"):
            self.notify("/ filters the lists (Models, Imported, Work requests, Clusters, Endpoints)",
                        severity="warning")
            return
        value = view.query_text if mode == "filter" else ""
        self.query_one(Prompt).open(mode, value)

    @on(Prompt.Changed)
    def _filter_typed(self, event: Prompt.Changed) -> None:
        view = self.current_view
        if hasattr(view, "set_query"):  # every list view, the work requests too
            view.set_query(event.value)

    @on(Prompt.Submitted)
    def _prompt_submitted(self, event: Prompt.Submitted) -> None:
        self.current_view.table.focus()
        if event.mode == "command":
            from tui.ui.commands import run_command

            run_command(self.app, event.value)

    @on(Prompt.Cancelled)
    def _prompt_cancelled(self, event: Prompt.Cancelled) -> None:
        if event.mode == "filter":
            self.app.clear_filter()
        self.current_view.table.focus()
