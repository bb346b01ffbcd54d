"""The import contracts (pyproject.toml `[tool.importlinter]`) see only regular packages: a folder of
modules without `__init__.py` is a namespace package, invisible to import-linter, so no contract or
cycle check covers it (tui/ui/wizards was one, hiding a dialogs <-> wizards cycle)."""

from __future__ import annotations

from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"


def test_every_folder_of_modules_is_a_regular_package():
    folders = {p.parent for p in TUI.rglob("*.py") if "__pycache__" not in p.parts}
    missing = sorted(str(f.relative_to(TUI.parent)) for f in folders if not (f / "__init__.py").exists())
    assert folders and not missing, f"add an __init__.py to: {', '.join(missing)}"
