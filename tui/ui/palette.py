"""Command palette providers (ctrl+p): jump to a model, switch region or compartment, theme, copy OCID,
run a `:` command (from the command table).

Hits are built from data the console already holds (the loaded rows, the compartment cache): the
palette searches on every keystroke and must never wait for the network. Names come from the API,
so hit text is a literal `Content` and the fuzzy-match offsets are styled here by hand;
`Matcher.highlight` would parse the name as markup.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Iterable, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.facts.regions import REGIONS
from tui.ui.data.presentation import presentation
from tui.ui.text import clean

if TYPE_CHECKING:
    from tui.app import ConsoleApp

MAX_HITS = 50


def literal_highlight(matcher: Any, text: str) -> Content:
    """`text` literally, with the characters the fuzzy matcher matched in bold."""
    content = Content(text)
    try:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    except Exception:  # noqa: BLE001 - highlighting is cosmetic
        return content
    for offset in offsets:
        if 0 <= offset < len(text):
            content = content.stylize("bold underline", offset, offset + 1)
    return content


class _Base(Provider):
    @property
    def app(self) -> ConsoleApp:
        """The console (Provider types it as a bare App)."""
        return cast("ConsoleApp", super().app)

    def items(self) -> Iterable[tuple[str, str, Any]]:  # (text, help, callback)
        return ()

    async def discover(self) -> Hits:
        for index, (text, help_text, callback) in enumerate(self.items()):
            if index >= MAX_HITS:
                break
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        count = 0
        for text, help_text, callback in self.items():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, literal_highlight(matcher, text), callback, text=text, help=help_text)
                count += 1
                if count >= MAX_HITS * 4:
                    break


class ModelJumpProvider(_Base):
    """Jump to a loaded model or imported model by name."""

    def items(self) -> Iterable[tuple[str, str, Any]]:
        app = self.app
        for view_id in ("models", "imported", "clusters", "endpoints"):
            view = app.main.query_one(f"#{view_id}")
            for row in view.rowset.rows[:5000]:
                yield (f"{presentation(view.kind).title}: {row.name}", f"{row.region}  {row.ocid}",
                       partial(app.jump_to_row, view_id, row.key))


class RegionProvider(_Base):
    def items(self) -> Iterable[tuple[str, str, Any]]:
        app = self.app
        yield ("Region: all regions", "list the compartment in every region", partial(app.switch_region, "all"))
        for region in REGIONS:
            yield (f"Region: {region.id} ({region.key})", region.name, partial(app.switch_region, region.id))


class CompartmentProvider(_Base):
    def items(self) -> Iterable[tuple[str, str, Any]]:
        app = self.app
        yield ("Compartment: pick from tree…", "searchable compartment tree", app.action_pick_compartment)
        if app.context.tenancy_id:
            yield ("Compartment: root", "the tenancy", partial(app.switch_compartment, app.context.tenancy_id))
        for compartment in list(app.compartments.values())[:2000]:
            yield (f"Compartment: {app._path_of(compartment.id)}", clean(compartment.id),
                   partial(app.switch_compartment, compartment.id))


class ThemeProvider(_Base):
    def items(self) -> Iterable[tuple[str, str, Any]]:
        app = self.app
        for name in app.our_themes:
            yield (f"Theme: {name}", "switch the colour theme", partial(app.set_theme, name))


class CopyOcidProvider(_Base):
    def items(self) -> Iterable[tuple[str, str, Any]]:
        app = self.app
        try:
            row = app.main.current_view.table.current_row
        except Exception:  # noqa: BLE001
            row = None
        if row is not None:
            yield (f"Copy OCID of {row.name or row.ocid}", clean(row.ocid), partial(app.copy_ocid, row.ocid))


class CommandProvider(_Base):
    """Every `:` command, from the command table (an argument command opens its picker)."""

    def items(self) -> Iterable[tuple[str, str, Any]]:
        from tui.ui.commands import TABLE

        app = self.app
        for command in TABLE:
            yield (f"Command: :{command.name}", command.help, partial(command.run, app, ""))


PROVIDERS = (ModelJumpProvider, RegionProvider, CompartmentProvider, ThemeProvider, CopyOcidProvider,
             CommandProvider)
