"""The `hostile` seed: every untrusted string a console renders carries something that breaks naive
rendering (DESIGN.md §5): Rich markup, click actions, ANSI and OSC escapes, control characters, a
10,000-character string, wide CJK and emoji, right-to-left Arabic and Hebrew.

`ESCAPES` packs the terminal attacks a model's fields can carry (issue 10 §1): OSC 52 (writes the
operator's clipboard), OSC 0 / OSC 2 (retitle the window), SGR and ED (restyle, erase the screen),
DCS (a capability query the terminal answers as typed input), APC (kitty graphics), the 8-bit C1 forms
of CSI / OSC / DCS / ST, and bidi overrides and isolates (reorder what the operator reads). It sits in
names, descriptions, vendors, versions, tag keys and values, the compartment name, a fine-tuning
cluster's name and a fine-tunable base model's name, vendor and version, so every view, dialog and
wizard step that shows service text shows it. `ESCAPE_PAYLOADS` lists each attack on its own, for
tests that look for their bytes in what the console wrote.
"""

from __future__ import annotations

from .seed_builder import Builder, SeedInfo, at
from .wire import iso

MARKUP = "[/x] [b]bold[/b] [@click=app.quit]click[/]"
ANSI = "\x1b[31mred\x1b[0m"
OSC = "\x1b]52;c;aGFja2Vk\x07"
CONTROL = "nul\x00bell\x07back\x08space"
LONG = ("long-" * 2000)[:10000]
WIDE = "模型名称🚀🔥表示テスト"
RTL = "نموذج עברית مثال"

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # "echo pwned" onto the clipboard
OSC0 = "\x1b]0;pwned-title\x07"
OSC2_ST = "\x1b]2;pwned-title-2\x1b\\"
SGR = "\x1b[5;31;47m"  # blink, red on white: a form Textual never writes
ED = "\x1b[1J\x1b[2J"
DCS = "\x1bP+q544e\x1b\\"  # XTGETTCAP: the terminal answers it on stdin
APC = "\x1b_Gf=100,a=T;AAAA\x1b\\"
C1_CSI = "\x9b2J"
C1_OSC = "\x9d0;c1-title\x07"
C1_DCS = "\x90q\x9c"
BIDI = "\u202eevil\u202c \u202d\u202a\u202b \u2066iso\u2069 \u2067\u2068x\u2069"
ESCAPE_PAYLOADS = {"OSC 52": OSC52, "OSC 0": OSC0, "OSC 2": OSC2_ST, "SGR": SGR, "ED": ED, "DCS": DCS,
                   "APC": APC, "C1 CSI": C1_CSI, "C1 OSC": C1_OSC, "C1 DCS": C1_DCS, "bidi": BIDI}
ESCAPES = "esc:" + "".join(ESCAPE_PAYLOADS.values())
HOSTILE_STRINGS = (MARKUP, ANSI, OSC, CONTROL, LONG, WIDE, RTL, ESCAPES)


def build(b: Builder) -> SeedInfo:
    root = b.root()
    b.home_clusters(root)
    b.catalogue()
    home = b.emu.home_region
    comp = b.compartment(f"{MARKUP} {ANSI} {RTL} {OSC0}{BIDI}", root, f"{OSC}{CONTROL}", 50)
    b.info.extras["hostile_compartment_id"] = comp
    ft = b.info.extras["ft_cluster_id"]
    b.info.extras["hostile_cluster_id"] = b.cluster(home, comp, f"ft-{ESCAPES}", "FINE_TUNING", days=20)
    store = b.emu.store(home)
    _base_model(b, home)
    tags = {MARKUP: ANSI, OSC: CONTROL, WIDE: RTL, "long": LONG[:500], ESCAPES: ESCAPES, f"k{BIDI}": OSC0}
    ids = []
    for i, text in enumerate(HOSTILE_STRINGS):
        mid = b.custom_model(home, comp, f"hostile-{i}", "cohere.command-r-08-2024", "TFEW", ft, days=10 - i)
        res = store.models[mid]
        res.data.update(displayName=text, description=f"{MARKUP}{OSC}{CONTROL}{ESCAPES}{LONG}",
                        vendor=f"{ANSI}{MARKUP}{ESCAPES}", version=f"{WIDE}{CONTROL}{ESCAPES}",
                        lifecycleDetails=f"{OSC}{RTL}{MARKUP}{ESCAPES}", freeformTags=tags)
        ids.append(mid)
    b.info.extras["hostile_model_id"] = ids[0]
    b.info.extras["escapes_model_id"] = ids[-1]
    failure = ("InvalidTrainingData", f"{MARKUP} {ANSI} {OSC} {CONTROL} {RTL} {WIDE} {ESCAPES}")
    mid = b.custom_model(home, comp, "hostile-failed", "cohere.command-r-08-2024", "TFEW", ft, state="FAILED",
                         days=3, failure=failure)
    store.models[mid].data["displayName"] = f"{MARKUP}{ANSI}"
    b.info.extras["hostile_work_request_id"] = b.info.work_requests[home]["create hostile-failed"]
    iid = b.imported_model(home, comp, "hostile-imported",
                           {"sourceType": "HUGGING_FACE_MODEL", "modelId": "google/gemma-2-9b-it", "branch": "main"},
                           "TEXT_TO_TEXT", days=5)
    store.imported[iid].data.update(displayName=f"{RTL}{MARKUP}{ESCAPES}", description=f"{ESCAPES}{LONG}",
                                    vendor=f"{OSC}{WIDE}{ESCAPES}", version=f"{ANSI}{ESCAPES}",
                                    lifecycleDetails=CONTROL, freeformTags=tags)
    b.info.extras["hostile_imported_id"] = iid
    return b.finish()


def _base_model(b: Builder, region: str) -> None:
    """A fine-tunable base model whose name, vendor and version carry the escapes (the wizard's
    first step lists it)."""
    mid = b.minter.regional("generativeaimodel", region)
    when = iso(at(100))
    b.emu.store(region).add("model", {
        "id": mid, "compartmentId": None, "capabilities": ["CHAT", "FINE_TUNE"], "lifecycleState": "ACTIVE",
        "lifecycleDetails": ESCAPES, "description": None, "displayName": f"base-{ESCAPES}",
        "vendor": f"v-{ESCAPES}", "version": f"1-{ESCAPES}", "timeCreated": when, "timeUpdated": when,
        "baseModelId": None, "type": "BASE", "fineTuneDetails": None, "modelMetrics": None,
        "isLongTermSupported": False, "timeDeprecated": None, "timeOnDemandRetired": None,
        "timeDedicatedRetired": None, "freeformTags": {}, "definedTags": {}, "systemTags": {},
    })
    b.info.extras["hostile_base_model_id"] = mid
