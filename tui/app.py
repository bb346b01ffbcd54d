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
from typing import Any, Callable

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Label

from tui.cloud.errors import CloudError
from tui.cloud.regions import HOME_REGION_ID, lookup_region, is_region
from tui.settings import Settings
from tui.ui.context import Context
from tui.ui.key_order import OrderedInput
from tui.ui.text import clean
from tui.ui.themes import DEFAULT_THEME, load_themes
from tui.ui.palette import PROVIDERS
from tui.ui.worker import WorkerClient

log = logging.getLogger(__name__)


# every view of the main screen (tui/ui/screens/main.py VIEWS; kept here so app start-up does not import it)
VIEW_IDS = ("models", "imported", "workrequests", "clusters", "endpoints")

class ConsoleApp(OrderedInput, WorkerClient, App):
    CSS_PATH = "ui/console.tcss"
    TITLE = "OCI Generative AI"
    AUTO_FOCUS = None
    NOTIFICATION_TIMEOUT = 6
    COMMANDS = App.COMMANDS | set(PROVIDERS)

    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+r", "pick_region", "Region", id="region"),
        Binding("ctrl+t", "pick_compartment", "Compartment", id="compartment"),
        Binding("p", "pick_profile", "Profile", show=False, id="profile"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="quit"),
    ]

    def __init__(self, settings: Settings, *, genai: Any = None, now: Callable[[], datetime] | None = None,
                 prepare: Callable[[Settings], None] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(timezone.utc))
        self.read_only: bool = bool(settings.read_only)
        self.poll_interval: float = 3.0
        self._genai = genai
        self._prepare = prepare  # runs in the connect worker first (demo mode starts its service there)
        self._genai_lock = threading.Lock()
        self.connected = False
        self.compartments: dict[str, Any] = {}  # id -> Compartment (filled by the picker / path lookup)
        region_name = settings.region if settings.region and is_region(settings.region) else HOME_REGION_ID
        self.context = Context(
            profile=settings.profile or "DEFAULT",
            region=lookup_region(region_name),
            compartment_id=settings.compartment_id,
            compartment_path="…",
        )
        from tui.ui.work_tracker import WorkTracker

        self.tracker = WorkTracker(self)
        self._register_themes()
        self._apply_keymap()

    # ------------------------------------------------------------------ keys
    def _apply_keymap(self) -> None:
        """Operators remap keys by binding id in the config file (`[keymap]`), as in k9s."""
        keymap = dict(self.settings.keymap or {})
        if not keymap:
            return
        from tui.ui.keymap import binding_ids

        unknown = sorted(set(keymap) - set(binding_ids()))
        for binding_id in unknown:
            del keymap[binding_id]
        if unknown:
            self.startup_problems.append(
                f"keymap: unknown binding id(s) {', '.join(unknown)}; known: {', '.join(binding_ids())}")
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
        self.call(self, "connect", self._connect_now, group="connect", on_success=self._connected,
                  on_error=self._connect_failed)

    @property
    def main(self):
        from tui.ui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise RuntimeError("main screen not mounted")

    # ------------------------------------------------------------------ connection
    @property
    def genai(self) -> Any:
        """The service layer (built on first use, in whatever worker thread asks first)."""
        if self._genai is None:
            with self._genai_lock:
                if self._genai is None:
                    self._genai = self._build_genai()
        return self._genai

    def _build_genai(self) -> Any:
        # The SDK import (~0.2 s) first: in demo mode it overlaps the local service's start-up.
        from tui.cloud.auth import load_profile
        from tui.cloud.clients import CloudSession
        from tui.cloud.operations import GenAI

        if self._prepare is not None:
            self._prepare(self.settings)
            self._prepare = None

        profile = load_profile(self.settings.profile, self.settings.config_file, self.settings.auth,
                               region=self.settings.region,
                               federation_endpoint=getattr(self.settings, "federation_endpoint", None),
                               auth_source=self.settings.sources.get("auth"))
        session = CloudSession(profile, endpoint_template=self.settings.endpoint_template,
                               region=self.settings.region)
        return GenAI(session)

    def _connect_now(self) -> Any:
        genai = self.genai
        session = genai.session
        return session

    def _connected(self, session: Any) -> None:
        self.connected = True
        self._auth_alert = None
        for warning in getattr(session.profile, "warnings", ()):  # key files others can read, an expired session
            self.notify(warning, title="OCI profile", severity="warning", markup=False, timeout=15)
        self.context.profile = getattr(session.profile, "name", self.context.profile)
        self.context.region = session.default_region
        self.context.tenancy_id = session.tenancy_id
        if not self.context.compartment_id:
            self.context.compartment_id = self.settings.compartment_id or session.tenancy_id
        self.context.compartment_path = self._path_of(self.context.compartment_id)
        self.refresh_context()
        self.main.current_view.load()
        # The compartment names (for the header path) load once the first list is on screen
        # (`list_shown`): they would compete with it for the GIL, and the first paint matters more.

    def _connect_failed(self, error: CloudError) -> None:
        self.show_error(error)
        self.main.query_one("#context").show(self.context, read_only=self.read_only, connected=False)
        view = self.main.current_view
        view.status.done(Text(f"Not connected: {clean(error.message)}"), error=True)

    def load_compartments(self, then: Callable[[], None] | None = None) -> None:
        """Fetch the compartment tree once (names for the header path and `:compartment <name>`)."""
        def fetch() -> list[Any]:
            return self.genai.list_compartments(subtree=True).data

        def done(items: list[Any]) -> None:
            self.compartments = {c.id: c for c in items}
            self.context.compartment_path = self._path_of(self.context.compartment_id)
            self.refresh_context()
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
        self.main.query_one("#context").show(self.context, read_only=self.read_only, connected=self.connected)

    # ------------------------------------------------------------------ switching context
    def show_view(self, view_id: str) -> None:
        self.main.show_view(view_id)

    def reload_current(self) -> None:
        view = self.main.current_view
        view.load()

    def reload_lists(self) -> None:
        """Reload every view that has loaded (the current one now, the others now too: they are cheap)."""
        for view_id in VIEW_IDS:
            view = self.main.query_one(f"#{view_id}")
            if view.loaded:
                view.load()

    def _context_changed(self) -> None:
        self.refresh_context()
        for view_id in VIEW_IDS:
            view = self.main.query_one(f"#{view_id}")
            view.loaded = False
        if self.connected:
            self.main.current_view.load()

    def switch_region(self, value: Any) -> None:
        """`value` is a region id/key, a Region, or "all" / None for the all-regions view."""
        if value is None or (isinstance(value, str) and value.strip().lower() in ("all", "*", "all regions")):
            self.context.all_regions = True
            if self.main.current_view_id == "workrequests":
                self.show_view("models")
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
        self.context.compartment_id = compartment_id
        self.context.compartment_path = self._path_of(compartment_id)
        self._context_changed()

    def switch_compartment_by_name(self, name: str) -> None:
        def resolve() -> None:
            wanted = name.strip().lower()
            if wanted in ("root", "tenancy", "/"):
                self.switch_compartment(self.context.tenancy_id)
                return
            matches = [c for c in self.compartments.values() if c.name.lower() == wanted]
            if not matches:
                matches = [c for c in self.compartments.values() if wanted in c.name.lower()]
            if not matches:
                self.notify(f"No compartment named {name}", severity="warning", markup=False)
            elif len(matches) > 1:
                self.notify(f"{len(matches)} compartments match {name}: "
                            + ", ".join(self._path_of(c.id) for c in matches[:5]), severity="warning",
                            markup=False)
            else:
                self.switch_compartment(matches[0].id)

        if self.compartments:
            resolve()
        else:
            self.load_compartments(then=resolve)

    def switch_profile(self, name: str) -> None:
        """Rebuild the session on another profile of the same config file (the same one: reload it
        from disk, keeping the compartment, e.g. after its key was rotated)."""
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
        self.refresh_context()
        self.call(self, "connect", self._connect_now, group="connect", on_success=self._on_profile_connected,
                  on_error=self._connect_failed)

    def _on_profile_connected(self, session: Any) -> None:
        for view_id in VIEW_IDS:
            self.main.query_one(f"#{view_id}").loaded = False
        self._connected(session)

    # ------------------------------------------------------------------ pickers
    def action_pick_region(self) -> None:
        from tui.ui.screens.region_picker import RegionPicker

        def chosen(value: str | None) -> None:
            if value is not None:
                self.switch_region(value)

        self.push_screen(RegionPicker(None if self.context.all_regions else self.context.region.id), chosen)

    def action_pick_compartment(self) -> None:
        from tui.ui.screens.compartment_picker import CompartmentPicker

        def chosen(value: str | None) -> None:
            if value:
                self.switch_compartment(value)

        self.push_screen(CompartmentPicker(self.context.compartment_id), chosen)

    def action_pick_profile(self) -> None:
        from tui.ui.screens.profile_picker import ProfilePicker

        def chosen(value: str | None) -> None:
            if value:  # the current one too: it is read again from disk
                self.switch_profile(value)

        self.push_screen(ProfilePicker(self.settings.config_file, self.context.profile), chosen)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------------ shared services
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

    def copy_ocid(self, ocid: str) -> None:
        self.copy_to_clipboard(ocid)
        self.notify(f"Copied {clean(ocid)}", title="Copied to clipboard (OSC 52)", markup=False)

    def track_work_request(self, work_request_id: str, region: Any, label: str) -> None:
        self.tracker.add(work_request_id, getattr(region, "id", region), label)
        self.work_requests_changed()

    def work_requests_changed(self) -> None:
        view = self.main.query_one("#workrequests")
        if view.is_mounted:
            view.rebuild()

    def list_shown(self, *, rows: bool) -> None:
        """A list finished loading (rows or not): start the deferred start-up work once.

        Benchmark hook: with OCI_GENAI_TUI_BENCH_FIRST_ROW=<file>, write the wall time at which the
        first rows were painted to <file> and exit (tests/bench/cold_start.py)."""
        import os

        if not getattr(self, "_compartments_requested", False):
            self._compartments_requested = True
            self.load_compartments()
        path = os.environ.get("OCI_GENAI_TUI_BENCH_FIRST_ROW")
        if not rows:
            return
        if not path or getattr(self, "_bench_reported", False):
            return
        self._bench_reported = True

        def report() -> None:
            import time

            with open(path, "w", encoding="utf-8") as out:
                out.write(repr(time.time()))
            self.exit()

        self.call_after_refresh(report)

    def jump_to_row(self, view_id: str, key: str) -> None:
        """Show `view_id` with the cursor on row `key` (clearing a `/` filter that hides it)."""
        self.show_view(view_id)
        view = self.main.current_view
        if not view.table.move_to_key(key):
            view.pending_key = key  # applied when the (re)listed or unfiltered rows arrive
            if view.query_text:
                self.main.query_one("#prompt").close()
                view.set_query("")

    def clear_filter(self) -> None:
        view = self.main.current_view
        if hasattr(view, "set_query"):
            view.set_query("")
