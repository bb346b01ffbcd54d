"""Settings precedence (flags > env > config file), --info, and the theme files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.settings import SettingsError, load_settings, resolve
from tui.ui.themes import load_themes, theme_dirs

ROOT = Path(__file__).resolve().parents[2]


def test_flags_beat_env_beat_config_file():
    s = resolve({"region": "fra"}, {"OCI_CLI_REGION": "lhr", "OCI_CLI_PROFILE": "ENV", "OCI_GENAI_TUI_THEME": "oci-ansi"},
                {"region": "ord", "profile": "FILE", "theme": "oci-light", "read_only": True})
    assert (s.region, s.profile, s.theme, s.read_only) == ("fra", "ENV", "oci-ansi", True)
    assert s.sources["region"] == "flag" and s.sources["profile"] == "env OCI_CLI_PROFILE"
    assert s.sources["read_only"] == "config"


def test_config_file_in_xdg_dir(tmp_path, monkeypatch):
    cfg = tmp_path / "xdg" / "oci-genai-tui"
    cfg.mkdir(parents=True)
    (cfg / "config.toml").write_text('theme = "oci-ansi"\nread_only = true\ncompartment = "ocid1.compartment.oc1..x"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    s = load_settings(["--no-mouse"])
    assert s.theme == "oci-ansi" and s.read_only and s.compartment_id == "ocid1.compartment.oc1..x"
    assert s.mouse is False
    (cfg / "config.toml").write_text('colour = "red"\n')
    with pytest.raises(SettingsError, match="unknown setting"):
        load_settings([])


def test_seed_only_with_demo():
    with pytest.raises(SettingsError):
        load_settings(["--seed", "hostile"])
    assert load_settings(["--demo", "--seed", "hostile"]).seed == "hostile"


def test_info_prints_locations():
    out = subprocess.run([sys.executable, "-m", "tui", "--info"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert "config file" in out and "log file" in out and "themes" in out


def test_shipped_themes_load():
    themes, problems = load_themes()
    assert not problems
    assert {"oci-dark", "oci-light", "oci-ansi"} <= set(themes)
    assert themes["oci-ansi"].ansi is True
    assert any(d.name == "themes" for d in theme_dirs())


def test_theme_env_var_does_not_leak(make_app, monkeypatch):
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    app, _ = make_app(theme="oci-ansi")
    assert app.theme == "oci-ansi"


def test_the_wheel_ships_every_theme_where_the_loader_looks_first(tmp_path):
    """A non-editable install has no repo: the themes must be inside the wheel, as tui/themes."""
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=240,
    )
    (wheel,) = tmp_path.glob("oci_genai_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "themes").iterdir() if p.suffix in (".toml", ".json")}
    assert shipped >= {"oci-dark.toml", "oci-light.toml", "oci-ansi.toml"}
    assert {f"tui/themes/{name}" for name in shipped} <= names
    assert "tui/ui/console.tcss" in names
    assert theme_dirs()[0].parts[-2:] == ("tui", "themes")
