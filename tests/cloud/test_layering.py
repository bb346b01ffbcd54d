import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cloud_and_emulator_never_import_textual():
    code = (
        "import sys, json, importlib, pkgutil\n"
        "import tui.cloud, tui.emulator\n"
        "for pkg in (tui.cloud, tui.emulator):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))))\n"
        "print(json.dumps(sorted(n for n in sys.modules if n.startswith('tui.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    ui_mods, tui_mods = (json.loads(line) for line in out.stdout.strip().splitlines())
    assert "tui.cloud.operations" in tui_mods and "tui.emulator.server" in tui_mods
    assert [m for m in ui_mods if m.startswith("textual")] == []
    assert not any(m.startswith("tui.ui") for m in tui_mods)
