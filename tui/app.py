"""ConsoleApp: the Textual application, its global keys, context switching and error handling.

What lives here is what every view shares: where the console points (profile, region,
compartment), the one error handler, the work-request tracker, the connection to the service layer
(built lazily in a worker so the first paint never waits for the OCI SDK), themes and the command
palette. Views and pickers live in tui/ui; this file wires them together.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Label

from tui.cloud.errors import CloudError
from tui.facts.regions import HOME_REGION_ID, lookup_region, is_region
from tui.settings import Settings
from tui.ui.context import Context
from tui.ui.key_order import OrderedInput
from tui.ui.text import clean
from tui.ui.themes import DEFAULT_THEME, load_themes
from tui.ui.palette import PROVIDERS
from tui.ui.worker import WorkerClient

if TYPE_CHECKING:
    from tui.cloud.operations import GenAI
    from tui.cloud.resources import ResourceKind
    from tui.facts.regions import Region
    from tui.prefetch import Prefetch, Prefetched
    from tui.ui.data.columns import Column
    from tui.ui.data.server_filters import ServerFilters

log = logging.getLogger(__name__)


class ConsoleApp(OrderedInput, WorkerClient, App):
    CSS_PATH = "ui/console.tcss"
    TITLE = "OCI Generative AI"
    AUTO_FOCUS = None
    NOTIFICATION_TIMEOUT = 4  # toasts sit over the list's lower rows: brief (errors stay 10 s, tui/app.py show_error)
    COMMANDS = App.COMMANDS | set(PROVIDERS)

    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+r", "pick_region", "Region", id="region"),
        Binding("ctrl+t", "pick_compartment", "Compartment", id="compartment"),
        Binding("p", "pick_profile", "Profile", show=False, id="profile"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="quit"),
        Binding("ctrl+c", "copy_or_quit", "Quit", show=False),  # copies instead while text is selected
    ]

    def __init__(self, settings: Settings, *, genai: GenAI | None = None, now: Callable[[], datetime] | None = None,
                 prepare: Callable[[Settings], None] | None = None, prefetch: Prefetch | None = None) -> None:
        super().__init__()
        self.settings = settings
        """What the console was asked to do (flags > environment > config file); read, never changed."""
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(timezone.utc))
        """The clock the views date things by (aware UTC); tests pass a fixed one."""
        self.read_only: bool = bool(settings.read_only)
        """`--read-only`: every mutation is hidden and refused (asked through `read_only_reason`)."""
        self.poll_interval: float = 3.0
        """Seconds between polls of a tracked work request or a transitional row."""
        self._genai = genai
        self._genai_given = genai is not None  # tests hand one in; `r` then reconnects without rebuilding
        self._prepare = prepare  # runs in the connect worker first (demo mode starts its service there)
        self._prefetch = prefetch  # the child listing the first view (tui/prefetch.py), until connected
        self._prefetched: Prefetched | None = None  # its answer, until the first list takes it
        self._genai_lock = threading.Lock()
        self.connected = False
        """Whether a session is open (the header says "not connected" otherwise)."""
        #: why the console is not connected (a failed connect or a list that could not reach the
        #: service); the header says "not connected: <reason>" and `r` retries
        self.connection_error: CloudError | None = None
        self._connecting = False
        self.compartments: dict[str, Any] = {}
        """Compartment OCID -> the SDK Compartment, filled by the picker and the path lookup."""
        region_name = settings.region if settings.region and is_region(settings.region) else HOME_REGION_ID
        self.context = Context(
            profile=settings.profile or "DEFAULT",
            region=lookup_region(region_name),
            # a name or path (`--compartment genai-prod/genai-prod-models`) resolves once connected
            compartment_id=settings.compartment_id if (settings.compartment_id or "").startswith("ocid1.") else None,
            compartment_path="…",
        )
        """Where the console looks: profile, region, compartment (and its path), all-regions or not."""
        from tui.ui.refresher import Refresher
        from tui.ui.work_tracker import WorkTracker

        self.tracker = WorkTracker(self)
        """The work requests the console started or was asked to follow, polled until they settle."""
        self.refresher = Refresher(self)
        """The one owner of every timer (list refresh, transitional rows, work-request polling)."""
        self._register_themes()
        self._apply_keymap()

    # ------------------------------------------------------------------ keys
    def _apply_keymap(self) -> None:
        """Operators remap keys by binding id in the config file (`[keymap]`), as in k9s."""
        keymap = dict(self.settings.keymap or {})
        if not keymap:
            return
        from tui.ui.keymap import check_keymap

        keymap, problems = check_keymap(keymap, type(self))  # unknown ids, bad key names, clashes: named at start-up
        self.startup_problems.extend(problems)
        if keymap:
            self.set_keymap(keymap)
            log.info("keymap: %s", keymap)

    # ------------------------------------------------------------------ themes
    def _register_themes(self) -> None:
        themes, self.startup_problems = load_themes()
        for theme in themes.values():
            self.register_theme(theme)
        wanted = self.settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.startup_problems.append(f"unknown theme {wanted!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted  # explicit: TEXTUAL_THEME from the environment must not leak in

    def set_theme(self, name: str) -> None:
        if name not in self.available_themes:
            self.notify(f"Unknown theme {name}; available: {', '.join(sorted(self.available_themes))}",
                        severity="warning", markup=False)
            return
        self.theme = name

    @property
    def our_themes(self) -> list[str]:
        return sorted(n for n in self.available_themes if n.startswith("oci-")) + [
            n for n in sorted(self.available_themes) if not n.startswith("oci-")
        ]

    def get_driver_class(self) -> Any:
        """Textual's driver, with stdin guarded: a byte that is not UTF-8 must not end the console."""
        from tui.ui.driver import guarded

        return guarded(super().get_driver_class())

    def get_loading_widget(self) -> Widget:
        """Quiet: a static label, not a 16 Hz spinner (~100 KB/s over SSH)."""
        return Label("loading…", classes="quiet-loading")

    # ------------------------------------------------------------------ screens
    def get_default_screen(self):
        from tui.ui.screens.main import MainScreen

        return MainScreen(id="main")

    def on_mount(self) -> None:
        for problem in self.startup_problems:
            self.notify(problem, severity="warning", markup=False)

    def start_session(self) -> None:
        """Called by the main screen once mounted: first paint first, then connect in a worker."""
        self.main.query_one("#context").show(self.context, read_only=self.read_only, connected=False)
        self.main.current_view.table.focus()
        self._start_refresher()
        self._connecting = True
        connect = self._connect_prefetched if self._prefetch is not None else self._connect_now
        self.call(self, "connect", connect, group="connect", on_success=self._connected,
                  on_error=self._connect_failed)

    # ------------------------------------------------------------------ refreshing by itself
    @property
    def refresh_interval(self) -> float:
        """Seconds between automatic refreshes of the visible list (0 = off)."""
        return float(getattr(self.settings, "refresh_interval", 15.0) or 0.0)

    def _start_refresher(self) -> None:
        """One timer, four jobs: the visible list, its transitional rows, tracked work requests, the age."""
        refresher = self.refresher
        intervals = [x for x in (0.5, self.poll_interval, self.refresh_interval) if x > 0]
        refresher.tick_seconds = min(intervals)

        def view() -> Any:
            return self.main.current_view

        def tick_age(done: Any) -> bool:
            if self.is_running and self.screen_stack:
                try:
                    view().tick_age()
                except NoMatches:  # shutting down: the views are already gone
                    pass
            return False

        def fast_if_transitional() -> float | None:
            return self.poll_interval if self.connected and view().transitional_rows() else None

        refresher.add("list", period=lambda: self.refresh_interval if self.connected else None,
                      run=lambda done: view().refresh_quietly(done))
        refresher.add("transitional", period=fast_if_transitional, run=lambda done: view().poll_transitional(done))
        refresher.add("work-requests", period=lambda: self.poll_interval if self.tracker.pending() else None,
                      run=self.tracker.poll)
        refresher.add("age", period=lambda: 1.0, run=tick_age)
        refresher.start()

    @property
    def main(self):
        from tui.ui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise RuntimeError("main screen not mounted")

    # ------------------------------------------------------------------ connection
    @property
    def genai(self) -> GenAI:
        """The service layer (built on first use, in whatever worker thread asks first)."""
        if self._genai is None:
            with self._genai_lock:
                if self._genai is None:
                    self._genai = self._build_genai()
        return self._genai

    def _build_genai(self) -> GenAI:
        # The SDK import (~0.2 s) first: in demo mode it overlaps the local service's start-up.
        import tui.cloud.operations  # noqa: F401
        from tui.prefetch import open_genai

        if self._prepare is not None:
            self._prepare(self.settings)
            self._prepare = None
        return open_genai(self.settings)

    def _connect_now(self) -> Any:
        genai = self.genai
        session = genai.session
        return session

    def _connect_prefetched(self) -> Any:
        """Connect with what the start-up child learnt (tui/prefetch.py): no SDK import before the first
        rows; the parent's own session is built when something first needs it (the compartment names,
        once those rows are on screen). A child that failed: connect the usual way."""
        prefetch, self._prefetch = self._prefetch, None
        answer = prefetch.result() if prefetch is not None else None
        if answer is None:
            return self._connect_now()
        if self._prepare is not None:  # demo mode: point this process's settings at the service too
            self._prepare(self.settings)
            self._prepare = None
        answer.loader.bind(lambda: self.genai)
        self._prefetched = answer
        return answer.session()

    def take_prefetched(self, kind: ResourceKind, compartment_id: str | None, region: Region, all_regions: bool,
                        columns: list[Column], filters: ServerFilters) -> Prefetched | None:
        """The child's first list, for the first list request that asks exactly that (only the first asks)."""
        answer, self._prefetched = self._prefetched, None
        if answer is None:
            return None
        if answer.matches(kind, compartment_id, region, all_regions, columns, filters):
            log.info("prefetch: the first list shows the child's rows")
            return answer
        log.info("prefetch: the first list asks something else; listing it here")
        return None

    def _connected(self, session: Any) -> None:
        self._connecting = False
        self.connected = True
        self._auth_alert = None
        for warning in getattr(session.profile, "warnings", ()):  # key files others can read, an expired session
            self.notify(warning, title="OCI profile", severity="warning", markup=False, timeout=15)
        self.connection_error = None
        self.context.profile = getattr(session.profile, "name", self.context.profile)
        self.context.region = session.default_region
        self.context.tenancy_id = session.tenancy_id
        wanted = self.settings.compartment_id
        if not self.context.compartment_id and wanted and not wanted.startswith("ocid1."):
            # `--compartment genai-prod/genai-prod-models`: a name or path, resolved once names load
            self.context.compartment_path = "…"
            self.refresh_context()
            self._compartments_requested = True
            self.load_compartments(then=lambda: self._resolve_start_compartment(wanted))
            return
        if not self.context.compartment_id:
            self.context.compartment_id = wanted or session.tenancy_id
        self.context.compartment_path = self._path_of(self.context.compartment_id)
        self.refresh_context()
        self.main.current_view.load()
        # The compartment names (for the header path) load once the first list is on screen
        # (`list_shown`): they would compete with it for the GIL, and the first paint matters more.

    def _resolve_start_compartment(self, wanted: str) -> None:
        from tui.ui.data.compartments import find

        matches = find(self.compartments, self.context.tenancy_id, wanted)
        if len(matches) == 1:
            self.switch_compartment(matches[0])
            return
        if matches:
            self.notify(f"--compartment {wanted}: {len(matches)} compartments match ("
                        + ", ".join(self._path_of(c) for c in matches[:5]) + "); showing root",
                        severity="warning", markup=False, timeout=10)
        else:
            self.notify(f"--compartment {wanted}: no such compartment; showing root", severity="warning",
                        markup=False, timeout=10)
        self.switch_compartment(self.context.tenancy_id or "")

    def _connect_failed(self, error: CloudError) -> None:
        self._connecting = False
        self.connected = False
        self.show_error(error)
        self.connection_failed(error)
        view = self.main.current_view
        view.status.done(Text(f"Not connected: {clean(error.message)}  (r retries)"), error=True)

    def connection_failed(self, error: CloudError) -> None:
        """A call could not reach or authenticate to the service: the header says so until one works."""
        self.connection_error = error
        self.refresh_context()

    def connection_ok(self) -> None:
        if self.connection_error is not None:
            self.connection_error = None
            self.refresh_context()

    def reconnect(self) -> None:
        """`r` after a failed connection: rebuild the session (the profile may have been fixed) and relist."""
        if self._connecting:
            self.notify("Still connecting…", markup=False)
            return
        self._connecting = True
        self.connection_error = None
        if not self._genai_given:
            with self._genai_lock:
                self._genai = None
        self.connected = False
        self.refresh_context()
        self.main.current_view.status.busy("Connecting")
        self.call(self, "connect", self._connect_now, group="connect", on_success=self._on_profile_connected,
                  on_error=self._connect_failed)

    def load_compartments(self, then: Callable[[], None] | None = None) -> None:
        """Fetch the compartment tree once (names for the header path and `:compartment <name>`)."""
        def fetch() -> list[Any]:
            return self.genai.list_compartments(subtree=True).data

        def done(items: list[Any]) -> None:
            self.compartments = {c.id: c for c in items}
            self.context.compartment_path = self._path_of(self.context.compartment_id)
            self.refresh_context()
            current = self.context.compartment_id
            if (current and current != self.context.tenancy_id and current not in self.compartments
                    and not getattr(self, "_warned_outside", None) == current):
                self._warned_outside = current
                self.notify(f"Compartment {current} is not in this tenancy's compartment tree "
                            "(a typo, another tenancy, or no permission to list it).",
                            severity="warning", markup=False, timeout=10)
            if then is not None:
                then()

        self.call(self, "list compartments", fetch, group="compartments", on_success=done,
                  on_error=lambda e: log.info("compartments: %s", e))

    def _path_of(self, compartment_id: str | None) -> str:
        if not compartment_id or compartment_id == self.context.tenancy_id:
            return "root"
        names = []
        current = self.compartments.get(compartment_id)
        guard = 0
        while current is not None and guard < 20:
            names.append(clean(current.name))
            current = self.compartments.get(current.compartment_id)
            guard += 1
        if not names:
            return compartment_id[-12:] if len(compartment_id) > 12 else compartment_id
        return "root/" + "/".join(reversed(names))

    def refresh_context(self) -> None:
        error = self.connection_error
        self.main.query_one("#context").show(self.context, read_only=self.read_only,
                                             connected=self.connected and error is None,
                                             error=clean(error.message) if error is not None else None)
        self.main.note_place()  # the `[` / `]` trail (tui/ui/screens/main.py)

    # ------------------------------------------------------------------ switching context
    def show_view(self, view_id: str) -> None:
        self.main.show_view(view_id)

    def reload_current(self) -> None:
        view = self.main.current_view
        view.load()

    def reload_lists(self) -> None:
        """Reload every view that has loaded (the current one now, the others now too: they are cheap)."""
        for view in self.main.views.values():
            if view.loaded:
                view.load()

    def _context_changed(self) -> None:
        self.refresh_context()
        for view in self.main.views.values():
            view.loaded = False
        if self.connected:
            self.main.current_view.load()

    # ------------------------------------------------------------------ context lock
    def context_lock(self) -> str | None:
        """The open wizard or dialog's title when one is open: it works on the context it was opened in."""
        from tui.ui.dialogs.base import DialogScreen
        from tui.ui.wizards.base import WizardScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, WizardScreen):
                return screen.TITLE_TEXT
            if isinstance(screen, DialogScreen):
                return screen.dialog_title
        return None

    def refuse_switch(self, what: str) -> bool:
        """True (and a toast saying why) while a wizard or dialog holds the context."""
        holder = self.context_lock()
        if holder is None:
            return False
        self.notify(f"{what} switching is disabled while \"{holder}\" is open: it works on "
                    f"{self.context.profile} · {self.context.region_label} · {self.context.compartment_path}. "
                    "Finish or cancel it first.", severity="warning", markup=False)
        return True

    def switch_region(self, value: Any) -> None:
        """`value` is a region id/key, a Region, or "all" / None for the all-regions view."""
        if self.refuse_switch("Region"):
            return
        if value is None or (isinstance(value, str) and value.strip().lower() in ("all", "*", "all regions")):
            self.context.all_regions = True  # every view, the work requests too, lists every region
        else:
            try:
                region = lookup_region(value)
            except ValueError as exc:
                self.show_error(CloudError(str(exc), code="UnknownRegion"))
                return
            self.context.region = region
            self.context.all_regions = False
        self._context_changed()

    def switch_compartment(self, compartment_id: str) -> None:
        if self.refuse_switch("Compartment"):
            return
        self.context.compartment_id = compartment_id
        self.context.compartment_path = self._path_of(compartment_id)
        self._context_changed()

    def switch_compartment_by_name(self, name: str) -> None:
        """`:compartment <name|path>` (the same matching as `--compartment`)."""
        if self.refuse_switch("Compartment"):
            return

        def resolve() -> None:
            from tui.ui.data.compartments import find

            matches = find(self.compartments, self.context.tenancy_id, name)
            if not matches:
                self.notify(f"No compartment named {name}", severity="warning", markup=False)
            elif len(matches) > 1:
                self.notify(f"{len(matches)} compartments match {name}: "
                            + ", ".join(self._path_of(c) for c in matches[:5]), severity="warning",
                            markup=False)
            else:
                self.switch_compartment(matches[0])

        if self.compartments:
            resolve()
        else:
            self.load_compartments(then=resolve)

    def switch_profile(self, name: str) -> None:
        """Rebuild the session on another profile of the same config file (the same one: reload it
        from disk, keeping the compartment, e.g. after its key was rotated)."""
        if self.refuse_switch("Profile"):
            return
        settings = self.settings
        reload = name == self.context.profile
        settings.profile = name
        with self._genai_lock:
            self._genai = None
        self.connected = False
        self.context.profile = name
        if not reload:
            self.context.compartment_id = None
            self.compartments = {}
        self.connection_error = None
        self._connecting = True
        self.refresh_context()
        self.call(self, "connect", self._connect_now, group="connect", on_success=self._on_profile_connected,
                  on_error=self._connect_failed)

    def _on_profile_connected(self, session: Any) -> None:
        for view in self.main.views.values():
            view.loaded = False
        self._connected(session)

    # ------------------------------------------------------------------ pickers
    def action_pick_region(self) -> None:
        from tui.ui.screens.region_picker import RegionPicker

        if self.refuse_switch("Region"):
            return
        def chosen(value: str | None) -> None:
            if value is not None:
                self.switch_region(value)

        self.push_screen(RegionPicker(None if self.context.all_regions else self.context.region.id), chosen)

    def action_pick_compartment(self) -> None:
        from tui.ui.dialogs.compartment_picker import CompartmentPicker

        if self.refuse_switch("Compartment"):
            return
        def chosen(value: str | None) -> None:
            if value:
                self.switch_compartment(value)

        self.push_screen(CompartmentPicker(self.context.compartment_id), chosen)

    def action_pick_profile(self) -> None:
        from tui.ui.screens.profile_picker import ProfilePicker

        if self.refuse_switch("Profile"):
            return
        def chosen(value: str | None) -> None:
            if value:  # the current one too: it is read again from disk
                self.switch_profile(value)

        self.push_screen(ProfilePicker(self.settings.config_file, self.context.profile), chosen)

    def action_copy_or_quit(self) -> None:
        """ctrl+c: copy the selected text if there is any (the screen's own binding runs first and
        copies it), else quit, as a terminal program does."""
        selected = self.screen.get_selected_text()
        if selected:
            self.copy_to_clipboard(selected)
            return
        self.exit()

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------------ shared services
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast (this app's and every widget's `notify`) shows its text through the sanitiser:
        names and messages from the service reach toasts from many callers."""
        super().notify(clean(message, multiline=True), title=clean(title), severity=severity, timeout=timeout,
                       markup=markup)

    def show_error(self, error: CloudError) -> None:
        """The one place failures are shown: code, message, request id and hint; never a traceback."""
        if not isinstance(error, CloudError):
            from tui.cloud.errors import from_exception

            error = from_exception(error)
        log.warning("error: %r", error)
        if error.status == 401:  # an expired or refused credential: say it once, not once per view
            alert = (error.code, error.message)
            if alert == self._auth_alert:
                self.last_error = error
                return
            self._auth_alert = alert
        title = " ".join(str(x) for x in (error.operation, error.region, error.status, error.code) if x)
        lines = [clean(error.message, limit=500)]
        if error.opc_request_id:
            lines.append(f"opc-request-id: {clean(error.opc_request_id)}")
        if error.hint:
            lines.append(f"Hint: {clean(error.hint)}")
        self.notify("\n".join(lines), title=clean(title or "Error"), severity="error", markup=False,
                    timeout=30 if error.status == 401 else 10)  # shown once: it stays longer
        self.last_error = error

    last_error: CloudError | None = None
    _auth_alert: tuple[str | None, str] | None = None

    def name_of(self, ocid: str) -> str | None:
        """The name the app knows for an OCID (a compartment's path, a listed resource), or None."""
        if ocid == self.context.tenancy_id or ocid in self.compartments:
            return self._path_of(ocid)
        for view in self.main.query("ResourceListView"):
            name = view.rowset.name_of(ocid)
            if name:
                return str(name)
        return None

    def describe(self, kind: Any, obj: Any, region: str, fetch: Callable[[], Any]) -> None:
        """Open the full-screen describe of `obj` (widgets ask the app: screens sit above widgets)."""
        from tui.ui.screens.describe import DescribeScreen

        self.push_screen(DescribeScreen(kind, obj, region, names=self.name_of, fetch=fetch))

    def copy_ocid(self, ocid: str) -> None:
        self.copy_to_clipboard(ocid)
        # the OCID once (the title says what happened), and briefly: it sits over the list's lower rows
        self.notify(clean(ocid), title="Copied OCID", markup=False, timeout=3)

    def track_work_request(self, work_request_id: str, region: Any, label: str) -> None:
        self.tracker.add(work_request_id, getattr(region, "id", region), label)
        self.work_requests_changed()

    def work_requests_changed(self) -> None:
        view = self.main.views["workrequests"]
        if view.is_mounted:
            view.rebuild()

    def list_shown(self, *, rows: bool) -> None:
        """A list finished loading (rows or not): start the deferred start-up work once.

        (tests/bench/cold_start.py times the first row from outside, on the pseudo-terminal.)"""
        if not getattr(self, "_compartments_requested", False):
            self._compartments_requested = True
            # after the rows are painted: the worker's identity-client import and request would hold
            # the GIL while the frame that shows them is rendered (~0.1-0.2 s later first row)
            self.call_after_refresh(self.load_compartments)

    def jump_to_row(self, view_id: str, key: str) -> None:
        """Show `view_id` with the cursor on row `key` (clearing a `/` filter that hides it)."""
        def move() -> None:
            view = self.main.current_view
            if not view.table.move_to_key(key):
                view.pending_key = key  # applied when the (re)listed or unfiltered rows arrive
                if view.query_text:
                    self.main.query_one("#prompt").close()
                    view.set_query("")

        self.main.show_view(view_id, then=move)

    def clear_filter(self) -> None:
        view = self.main.current_view
        if hasattr(view, "set_query"):
            view.set_query("")
