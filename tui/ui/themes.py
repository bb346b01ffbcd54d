"""Theme files (TOML or JSON) found on disk and registered with the App.

Themes are data so operators can add their own without code: the installed package's `tui/themes`
(the wheel force-includes the repo's top-level `themes/` there), the repo's `themes/` for a source
checkout, then the user's `$XDG_CONFIG_HOME/oci-genai-tui/themes`. A later file of the same name
overrides an earlier one; a broken user file is skipped and reported, never fatal.
"""

from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path

from textual.theme import Theme

from tui.settings import theme_dirs  # re-exported: the directories are settings, not Textual

log = logging.getLogger(__name__)

DEFAULT_THEME = "oci-dark"
_THEME_FIELDS = {
    "name", "primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
    "surface", "panel", "boost", "dark", "luminosity_spread", "text_alpha", "variables", "ansi",
}


def parse_theme(path: Path) -> Theme:
    """One theme file -> a Textual Theme (raises ValueError naming the file and the problem)."""
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw)
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    unknown = set(data) - _THEME_FIELDS
    if unknown:
        raise ValueError(f"{path}: unknown keys {', '.join(sorted(unknown))}")
    data.setdefault("name", path.stem)
    if "primary" not in data:
        raise ValueError(f"{path}: 'primary' is required")
    return Theme(**data)


def load_themes(dirs: list[Path] | None = None) -> tuple[dict[str, Theme], list[str]]:
    """Every theme file in `dirs`; returns (themes by name, problems as one-line messages)."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    seen_dirs: set[Path] = set()
    for directory in dirs if dirs is not None else theme_dirs():
        try:
            resolved = directory.resolve()
        except OSError:
            continue
        if resolved in seen_dirs or not directory.is_dir():
            continue
        seen_dirs.add(resolved)
        for path in sorted(directory.iterdir()):
            if path.suffix not in (".toml", ".json"):
                continue
            try:
                theme = parse_theme(path)
            except (ValueError, TypeError) as exc:
                problems.append(str(exc))
                log.warning("skipping theme %s", exc)
                continue
            themes[theme.name] = theme
    return themes, problems
