"""Seeds: deterministic across runs, regional catalogues differ, demo covers what the console needs,
scale builds fast, hostile strings survive the SDK round trip byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.emulator import Emulator, ManualClock
from tui.emulator.seed_hostile import HOSTILE_STRINGS, LONG, MARKUP, OSC


def snapshot(emu: Emulator) -> dict:
    out = {}
    for region in ("us-chicago-1", "eu-frankfurt-1", "us-phoenix-1"):
        store = emu.store(region)
        out[region] = sorted((r.id, r.data.get("displayName"), r.state, r.data.get("timeCreated"))
                             for table in (store.models, store.imported, store.clusters, store.endpoints)
                             for r in table.values())
    out["compartments"] = sorted(emu.identity.compartments)
    return out


@pytest.mark.parametrize("seed", ["demo", "hostile", "scale:50"])
def test_seeds_are_deterministic(seed):
    a = Emulator(seed=seed, tenancy_id="ocid1.tenancy.oc1..aaaaaaaat", clock=ManualClock())
    b = Emulator(seed=seed, tenancy_id="ocid1.tenancy.oc1..aaaaaaaat", clock=ManualClock())
    assert snapshot(a) == snapshot(b) and a.seed_info == b.seed_info


def test_catalogue_differs_by_region():
    emu = Emulator(seed="empty")
    names = {r: {m.data["displayName"] for m in emu.store(r).models.values()}
             for r in ("us-chicago-1", "eu-frankfurt-1", "us-phoenix-1", "eu-frankfurt-2")}
    assert "cohere.command" in names["us-chicago-1"] and "cohere.command" not in names["eu-frankfurt-1"]
    assert "xai.grok-4" in names["us-phoenix-1"] and "xai.grok-4" not in names["eu-frankfurt-1"]
    assert "meta.llama-3.3-70b-instruct-fp8-dynamic" in names["eu-frankfurt-2"]
    assert len({frozenset(v) for v in names.values()}) == 4
    chicago = [m.data for m in emu.store("us-chicago-1").models.values()]
    assert {d["vendor"] for d in chicago} >= {"cohere", "meta", "xai", "google", "openai"}
    assert sum(d["displayName"] == "cohere.command" for d in chicago) == 3  # several versions / records


def test_demo_covers_the_console_cases():
    emu = Emulator(seed="demo")
    info = emu.seed_info
    assert len(info.compartments) == 9  # root + 8
    comps = emu.identity.compartments
    archive = comps[info.compartments["genai-prod-models-archive"]]
    assert comps[comps[archive["compartmentId"]]["compartmentId"]]["compartmentId"] == emu.tenancy_id
    for region in ("us-chicago-1", "eu-frankfurt-1", "uk-london-1", "us-ashburn-1", "sa-saopaulo-1"):
        custom = [r.data for r in emu.store(region).models.values() if r.data["type"] == "CUSTOM"]
        assert {"ACTIVE", "FAILED", "DELETED"} <= {d["lifecycleState"] for d in custom}
        imported = [r.data for r in emu.store(region).imported.values()]
        assert {d["dataSource"]["sourceType"] for d in imported} == {"HUGGING_FACE_MODEL", "OBJECT_STORAGE_OBJECT"}
        assert "FAILED" in {d["lifecycleState"] for d in imported}
        assert {c.data["type"] for c in emu.store(region).clusters.values()} == {"FINE_TUNING", "HOSTING"}
    chicago = [r.data for r in emu.store("us-chicago-1").models.values() if r.data["type"] == "CUSTOM"]
    kinds = {d["fineTuneDetails"]["trainingConfig"]["trainingConfigType"] for d in chicago}
    assert kinds == {"TFEW_TRAINING_CONFIG", "LORA_TRAINING_CONFIG", "VANILLA_TRAINING_CONFIG"}
    assert emu.store("us-chicago-1").clusters[info["inactive_ft_cluster_id"]].state != "ACTIVE"
    assert emu.store("us-phoenix-1").imported == {}  # regions without demo data only have the catalogue


def test_scale_seed_holds_its_models():
    emu = Emulator(seed="scale:10000")
    models = emu.store("us-chicago-1").models
    scale = [r for r in models.values() if r.data["compartmentId"] == emu.seed_info["scale_compartment_id"]]
    assert len(scale) == 10000 and len({r.id for r in scale}) == 10000
    # how fast it builds is a figure for tests/bench (scale.py), not an assertion
    assert emu.identity.compartments[emu.seed_info["scale_compartment_id"]]["name"] == "scale"


def test_scale_seed_spreads_over_regions():
    from tui.facts.regions import REGIONS

    emu = Emulator(seed="scale:30x3")
    scale_id = emu.seed_info["scale_compartment_id"]
    counts = {r.id: sum(1 for m in emu.store(r.id).models.values() if m.data["compartmentId"] == scale_id)
              for r in REGIONS}
    filled = [region for region, n in counts.items() if n]
    assert "us-chicago-1" in filled  # the home region is one of them
    assert len(filled) == 3 and all(counts[r] == 30 for r in filled)
    ocids = [m.id for r in filled for m in emu.store(r).models.values() if m.data["compartmentId"] == scale_id]
    assert all(f".{r}." in m.id for r in filled for m in emu.store(r).models.values()
               if m.data["compartmentId"] == scale_id)
    assert len(set(ocids)) == 90
    single = Emulator(seed="scale:5")  # the old form still means one region
    assert sum(1 for m in single.store("us-chicago-1").models.values()
               if m.data["compartmentId"] == single.seed_info["scale_compartment_id"]) == 5


def test_scale_seed_fills_all_thirteen_regions():
    """Every region gets its models, also those whose catalogue has no base model (me-abudhabi-1):
    `scale:NxR` with R = 13 used to stop the service before it served (the bench's "endpoint template ''")."""
    from tui.facts.regions import REGIONS

    emu = Emulator(seed="scale:3x13")
    scale_id = emu.seed_info["scale_compartment_id"]
    counts = {r.id: sum(1 for m in emu.store(r.id).models.values() if m.data["compartmentId"] == scale_id)
              for r in REGIONS}
    assert counts == {r.id: 3 for r in REGIONS}
    bases = {m.data["baseModelId"] for r in REGIONS for m in emu.store(r.id).models.values()
             if m.data["compartmentId"] == scale_id}
    assert None not in bases and all(".generativeaimodel." in b for b in bases)


@pytest.mark.parametrize("bad", ["scale:x", "scale:-1", "scale:10x0", "scale:10x14", "scale:10xy", "nope"])
def test_unknown_seed(bad):
    with pytest.raises(ValueError):
        Emulator(seed=bad)


def test_hostile_strings_round_trip_through_the_sdk(make_emulator, client_for, iam_for, identity):
    emu = make_emulator("hostile")
    gen = client_for(emu)
    info = emu.seed_info
    comp = info["hostile_compartment_id"]
    names = {m.display_name for m in gen.list_models(comp, limit=1000).data.items if m.type == "CUSTOM"}
    assert set(HOSTILE_STRINGS) <= names  # markup, escapes, NUL, 10k chars, CJK, RTL intact
    model = gen.get_model(info["hostile_model_id"]).data
    assert model.display_name == MARKUP and LONG in model.description and OSC in model.lifecycle_details
    assert model.freeform_tags[MARKUP] == "\x1b[31mred\x1b[0m"
    assert len(LONG) == 10000
    errors = gen.list_work_request_errors(info["hostile_work_request_id"]).data.items
    assert MARKUP in errors[0].message and "\x00" in errors[0].message
    comp_obj = iam_for(emu).get_compartment(comp).data
    assert MARKUP in comp_obj.name


def test_emulator_never_imports_textual():
    code = "import sys, tui.emulator, tui.emulator.__main__; assert 'textual' not in sys.modules, 'textual!'"
    subprocess.run([sys.executable, "-c", code], check=True)
