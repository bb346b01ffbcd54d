"""The `hostile` seed: every untrusted string a console renders carries something that breaks naive
rendering (DESIGN.md §5): Rich markup, click actions, ANSI and OSC escapes, control characters, a
10,000-character string, wide CJK and emoji, right-to-left Arabic and Hebrew."""

from __future__ import annotations

from .seed import Builder, SeedInfo

MARKUP = "[/x] [b]bold[/b] [@click=app.quit]click[/]"
ANSI = "\x1b[31mred\x1b[0m"
OSC = "\x1b]52;c;aGFja2Vk\x07"
CONTROL = "nul\x00bell\x07back\x08space"
LONG = ("long-" * 2000)[:10000]
WIDE = "模型名称🚀🔥表示テスト"
RTL = "نموذج עברית مثال"
HOSTILE_STRINGS = (MARKUP, ANSI, OSC, CONTROL, LONG, WIDE, RTL)


def build(b: Builder) -> SeedInfo:
    root = b.root()
    b.home_clusters(root)
    b.catalogue()
    home = b.emu.home_region
    comp = b.compartment(f"{MARKUP} {ANSI} {RTL}", root, f"{OSC}{CONTROL}", 50)
    b.info.extras["hostile_compartment_id"] = comp
    ft = b.info.extras["ft_cluster_id"]
    store = b.emu.store(home)
    tags = {MARKUP: ANSI, OSC: CONTROL, WIDE: RTL, "long": LONG[:500]}
    ids = []
    for i, text in enumerate(HOSTILE_STRINGS):
        mid = b.custom_model(home, comp, f"hostile-{i}", "cohere.command-r-08-2024", "TFEW", ft, days=10 - i)
        res = store.models[mid]
        res.data.update(displayName=text, description=f"{MARKUP}{OSC}{CONTROL}{LONG}", vendor=f"{ANSI}{MARKUP}",
                        version=f"{WIDE}{CONTROL}", lifecycleDetails=f"{OSC}{RTL}{MARKUP}", freeformTags=tags)
        ids.append(mid)
    b.info.extras["hostile_model_id"] = ids[0]
    failure = ("InvalidTrainingData", f"{MARKUP} {ANSI} {OSC} {CONTROL} {RTL} {WIDE}")
    mid = b.custom_model(home, comp, "hostile-failed", "cohere.command-r-08-2024", "TFEW", ft, state="FAILED",
                         days=3, failure=failure)
    store.models[mid].data["displayName"] = f"{MARKUP}{ANSI}"
    b.info.extras["hostile_work_request_id"] = b.info.work_requests[home]["create hostile-failed"]
    iid = b.imported_model(home, comp, "hostile-imported",
                           {"sourceType": "HUGGING_FACE_MODEL", "modelId": "google/gemma-2-9b-it", "branch": "main"},
                           "TEXT_TO_TEXT", days=5)
    store.imported[iid].data.update(displayName=f"{RTL}{MARKUP}", description=LONG, vendor=f"{OSC}{WIDE}",
                                    version=ANSI, lifecycleDetails=CONTROL, freeformTags=tags)
    return b.finish()
