"""The official OCI CLI works against the emulator unchanged (issue 2's proof).

Every Model, ImportedModel, WorkRequest, DedicatedAiCluster and Endpoint command runs once, with
`--all` paging and `--wait-for-state` included. CLI start-up costs a second or more per call, so the
commands go to a few long-lived CLI processes (`cli_server.py`: the CLI's own click entry point, run
by the CLI's own Python) and independent chains run in parallel threads; the token-mode test starts
the `oci` binary itself once per mode. The CLI lives in its own venv: `$OCI_CLI_BIN`, else
`<repo>/.venv-cli/bin/oci`.
Missing CLI: a skip on a developer machine, a failure when CI=true.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tui.emulator import RealClock

REPO = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("OCI_CLI_BIN") or REPO / ".venv-cli" / "bin" / "oci")
REGION = "us-chicago-1"


def _items(output: dict) -> list:
    data = output["data"]
    return data["items"] if isinstance(data, dict) else data


@pytest.fixture(scope="module")
def cli_bin() -> Path:
    if not CLI.exists():
        message = f"OCI CLI not found at {CLI} (set OCI_CLI_BIN)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CLI


class CliServer:
    """One long-lived CLI process (see cli_server.py): `run(argv, env)` → (exit code, stdout, stderr)."""

    def __init__(self, cli_bin: Path) -> None:
        python = cli_bin.parent / ("python.exe" if sys.platform == "win32" else "python")
        self.proc = subprocess.Popen([str(python), str(Path(__file__).with_name("cli_server.py"))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def run(self, argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"the CLI process ended (exit {self.proc.poll()})"
        reply = json.loads(line)
        return reply["code"], reply["stdout"], reply["stderr"]

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def cli_servers(cli_bin) -> Iterator[queue.Queue[CliServer]]:
    """Four CLI processes, one per parallel chain; a chain takes one for each command it runs."""
    servers = [CliServer(cli_bin) for _ in range(4)]
    pool: queue.Queue[CliServer] = queue.Queue()
    for server in servers:
        pool.put(server)
    yield pool
    for server in servers:
        server.close()


@pytest.fixture
def cli(cli_servers, identity, make_emulator):
    emu = make_emulator("demo", clock=RealClock(speed=200))
    env = {"OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING": "True", "SUPPRESS_LABEL_WARNING": "True"}

    def run(*args: str) -> object:
        argv = ["--config-file", str(identity.config_file), "--endpoint", f"{emu.url}/{REGION}",
                "generative-ai", *args]
        server = cli_servers.get(timeout=120)
        try:
            code, stdout, stderr = server.run(argv, env)
        finally:
            cli_servers.put(server)
        assert code == 0, f"{' '.join(args)}\n{stderr}\n{stdout[-2000:]}"
        return json.loads(stdout) if stdout.strip() else None

    run.emu = emu
    return run


def test_every_model_imported_model_and_work_request_command(cli):
    emu = cli.emu
    info = emu.seed_info
    models = info.compartments["genai-prod-models"]
    alice = info.compartments["sandbox-alice"]
    chicago = info.models[REGION]
    imported = info.imported_models[REGION]
    failed_wr = info["failed_work_request_id"]
    ft_details = json.dumps({
        "trainingDataset": {"datasetType": "OBJECT_STORAGE", "namespaceName": "ns", "bucketName": "b",
                            "objectName": "train.jsonl"},
        "dedicatedAiClusterId": info.clusters[REGION]["ft-cohere-chicago"],
        "trainingConfig": {"trainingConfigType": "TFEW_TRAINING_CONFIG", "totalTrainingEpochs": 2},
    })

    chains = {
        "list_models": lambda: cli("model-collection", "list-models", "--compartment-id", models, "--all",
                                   "--page-size", "3"),
        "get_model": lambda: cli("model", "get", "--model-id", info["endpoint_model_id"]),
        "create_model": lambda: cli("model", "create", "--compartment-id", models, "--base-model-id",
                                    chicago["cohere.command-r-08-2024"], "--display-name", "cli-ft",
                                    "--fine-tune-details", ft_details, "--wait-for-state", "SUCCEEDED",
                                    "--wait-interval-seconds", "1"),
        "update_model": lambda: cli("model", "update", "--model-id", chicago["legal-summarizer"],
                                    "--display-name", "legal-summarizer-v2", "--force"),
        "move_then_delete_model": lambda: (
            cli("model", "change-compartment", "--model-id", chicago["command-vanilla-legacy"],
                "--compartment-id", alice),
            cli("model", "delete", "--model-id", chicago["command-vanilla-legacy"], "--force",
                "--wait-for-state", "SUCCEEDED", "--wait-interval-seconds", "1")),
        "create_hf": lambda: cli("imported-model", "create-from-huggingface", "--compartment-id", models,
                                 "--display-name", "cli-gemma", "--model-id", "google/gemma-2-9b-it",
                                 "--access-token", "hf_secret_token",
                                 "--wait-for-state", "SUCCEEDED", "--wait-interval-seconds", "1"),
        "create_os": lambda: cli("imported-model", "create-from-objectstorage", "--compartment-id", models,
                                 "--display-name", "cli-bucket", "--namespace", "ns", "--bucket-name", "models",
                                 "--prefix-name", "llama/", "--region", REGION),
        "imported_get_update": lambda: (
            cli("imported-model", "get", "--imported-model-id", imported["gemma-2-9b-it"]),
            cli("imported-model", "update", "--imported-model-id", imported["llama-3-1-8b-bucket"],
                "--description", "updated by the CLI", "--force", "--wait-for-state", "SUCCEEDED",
                "--wait-interval-seconds", "1")),
        "imported_move_delete": lambda: (
            cli("imported-model", "change-compartment", "--imported-model-id", imported["qwen2-7b"],
                "--compartment-id", alice),
            cli("imported-model", "delete", "--imported-model-id", imported["qwen2-7b"], "--force",
                "--wait-for-state", "SUCCEEDED", "--wait-interval-seconds", "1")),
        "list_imported": lambda: cli("imported-model-collection", "list-imported-models", "--compartment-id",
                                     models, "--all", "--page-size", "2"),
        "work_requests": lambda: (
            cli("work-request", "get", "--work-request-id", failed_wr),
            cli("work-request", "list", "--compartment-id", models, "--all", "--page-size", "4"),
        ),
        "wr_errors_logs": lambda: (
            cli("work-request-error", "list", "--work-request-id", failed_wr, "--all"),
            cli("work-request-log-entry", "list-work-request-logs", "--work-request-id", failed_wr, "--all"),
        ),
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(fn) for name, fn in chains.items()}
        out = {name: f.result() for name, f in futures.items()}

    store = emu.store(REGION)
    listed = _items(out["list_models"])
    base_ids = {m.id for m in store.models.values() if m.data["type"] == "BASE"}
    listed_ids = {m["id"] for m in listed}
    assert base_ids <= listed_ids and len(listed) == len(listed_ids) > 3  # nothing lost or repeated
    assert chicago["support-bot-v1"] in listed_ids and chicago["support-bot-v0"] not in listed_ids  # DELETED hidden
    assert any("page=" in r.path and r.operation == "ListModels" for r in emu.requests)
    assert out["get_model"]["data"]["display-name"] == "support-bot-v1"

    created = out["create_model"]["data"]
    assert created["status"] == "SUCCEEDED" and created["operation-type"] == "CREATE_MODEL"
    new_id = created["resources"][0]["identifier"]
    assert store.models[new_id].state == "ACTIVE"
    assert store.models[new_id].data["modelMetrics"]["modelMetricsType"] == "CHAT_MODEL_METRICS"

    assert out["update_model"]["data"]["display-name"] == "legal-summarizer-v2"
    moved_deleted = store.models[chicago["command-vanilla-legacy"]].data
    assert moved_deleted["compartmentId"] == alice
    assert out["move_then_delete_model"][1]["data"]["status"] == "SUCCEEDED"
    assert moved_deleted["lifecycleState"] == "DELETED"

    hf = out["create_hf"]["data"]
    assert hf["status"] == "SUCCEEDED"
    hf_model = store.imported[hf["resources"][0]["identifier"]].data
    assert hf_model["lifecycleState"] == "ACTIVE"
    assert "accessToken" not in hf_model["dataSource"]
    assert out["create_os"]["data"]["data-source"]["source-type"] == "OBJECT_STORAGE_OBJECT"
    assert out["create_os"]["data"]["lifecycle-state"] == "CREATING"

    got, updated = out["imported_get_update"]
    assert got["data"]["display-name"] == "gemma-2-9b-it"
    assert updated["data"]["status"] == "SUCCEEDED"
    assert store.imported[imported["llama-3-1-8b-bucket"]].data["description"] == "updated by the CLI"
    qwen = store.imported[imported["qwen2-7b"]].data
    assert qwen["compartmentId"] == alice and qwen["lifecycleState"] == "DELETED"

    names = {i["display-name"] for i in _items(out["list_imported"])}
    assert {"gemma-2-9b-it", "llama-3-1-8b-bucket"} <= names

    wr, wr_list = out["work_requests"]
    assert wr["data"]["status"] == "FAILED"
    assert failed_wr in {w["id"] for w in _items(wr_list)}
    errors, logs = out["wr_errors_logs"]
    assert _items(errors)[0]["code"] == "InvalidTrainingData"
    assert any("failed" in entry["message"] for entry in _items(logs))


# ---------------------------------------------------------------- the four token modes

def test_every_token_mode(cli_bin, identity, make_emulator, tmp_path):
    """One list-models per way of signing in, each authenticated by its own kind of token."""
    from tui.emulator.credentials import read_env_file, write_sign_in

    emu = make_emulator("demo")
    files = write_sign_in(tmp_path, identity, emu.auth, emu.url, config_file=tmp_path / "config")
    instance_env = read_env_file(files.instance_env)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OCI_METADATA", "OCI_RESOURCE", "OCI_CLI_FED"))}
    base.update(OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING="True", SUPPRESS_LABEL_WARNING="True")
    endpoint = f"{emu.url}/{REGION}"
    listing = ["generative-ai", "model-collection", "list-models", "--compartment-id", identity.tenancy_id,
               "--endpoint", endpoint]
    config = ["--config-file", str(files.config_file)]
    modes = {
        "security_token": (config + ["--auth", "security_token", "--profile", "SESSION"], {}),
        "instance_principal": (["--auth", "instance_principal", "--region", REGION,
                                "--federation-endpoint", instance_env["OCI_CLI_FEDERATION_ENDPOINT"]],
                               {"OCI_METADATA_BASE_URL": instance_env["OCI_METADATA_BASE_URL"]}),
        "instance_obo_user": (config + ["--auth", "instance_obo_user", "--profile", "CLOUDSHELL"], instance_env),
        "resource_principal": (["--auth", "resource_principal"], read_env_file(files.resource_env)),
    }

    def run(mode: str) -> dict:
        args, extra = modes[mode]
        proc = subprocess.run([str(cli_bin), *args, *listing], capture_output=True, text=True, timeout=90,
                              env={**base, **extra})
        assert proc.returncode == 0, f"{mode}\n{proc.stderr}\n{proc.stdout[-2000:]}"
        return json.loads(proc.stdout)

    with ThreadPoolExecutor(max_workers=4) as pool:
        out = dict(zip(modes, pool.map(run, modes), strict=True))

    ids = {mode: {m["id"] for m in _items(result)} for mode, result in out.items()}
    assert len(ids["security_token"]) > 3
    assert all(found == ids["security_token"] for found in ids.values()), ids
    tokens = emu.auth.tokens
    used_kinds = {c["token_kind"] for c in tokens.issued if tokens.used.get(c["jti"])}
    assert used_kinds == {"session", "instance", "resource", "delegation"}
    assert emu.auth.federations >= 2  # the instance principal and Cloud Shell each federated
    listed = [r for r in emu.requests if r.operation == "ListModels"]
    assert len(listed) == 4 and all(r.status == 200 for r in listed)


def test_every_dedicated_ai_cluster_and_endpoint_command(cli):
    """Issue 8: `oci generative-ai dedicated-ai-cluster|endpoint …` (create, get, list --all, update,
    change-compartment, delete, --wait-for-state) against the local service."""
    emu = cli.emu
    info = emu.seed_info
    dev, bob = info.compartments["genai-dev"], info.compartments["sandbox-bob"]
    endpoints = info.compartments["genai-prod-endpoints"]
    legal = info.models[REGION]["legal-summarizer"]  # Llama 3.3 LoRA: suits LARGE_GENERIC hosting
    wait = ("--wait-for-state", "SUCCEEDED", "--wait-interval-seconds", "1")

    def serve() -> dict:
        out: dict = {}
        made = cli("dedicated-ai-cluster", "create", "--compartment-id", dev, "--type", "HOSTING",
                   "--unit-shape", "LARGE_GENERIC", "--unit-count", "1", "--display-name", "cli-hosting", *wait)
        out["cluster_wr"] = made["data"]
        cid = made["data"]["resources"][0]["identifier"]
        out["cluster_get"] = cli("dedicated-ai-cluster", "get", "--dedicated-ai-cluster-id", cid)["data"]
        out["cluster_scale"] = cli("dedicated-ai-cluster", "update", "--dedicated-ai-cluster-id", cid,
                                   "--unit-count", "2", "--force", *wait)["data"]
        cli("dedicated-ai-cluster", "change-compartment", "--dedicated-ai-cluster-id", cid, "--compartment-id", bob)
        ep = cli("endpoint", "create", "--compartment-id", dev, "--model-id", legal, "--dedicated-ai-cluster-id",
                 cid, "--display-name", "cli-endpoint", "--content-moderation-config",
                 json.dumps({"isEnabled": True, "mode": "BLOCK"}), *wait)
        out["endpoint_wr"] = ep["data"]
        eid = ep["data"]["resources"][0]["identifier"]
        out["endpoint_get"] = cli("endpoint", "get", "--endpoint-id", eid)["data"]
        out["endpoint_update"] = cli("endpoint", "update", "--endpoint-id", eid, "--pii-detection-config",
                                     json.dumps({"isEnabled": True, "mode": "INFORM"}), "--force", *wait)["data"]
        cli("endpoint", "change-compartment", "--endpoint-id", eid, "--compartment-id", bob)
        out["endpoint_delete"] = cli("endpoint", "delete", "--endpoint-id", eid, "--force", *wait)["data"]
        out["cluster_delete"] = cli("dedicated-ai-cluster", "delete", "--dedicated-ai-cluster-id", cid, "--force",
                                    *wait)["data"]
        out["ids"] = (cid, eid)
        return out

    chains = {
        "serve": serve,
        "list_clusters": lambda: cli("dedicated-ai-cluster-collection", "list-dedicated-ai-clusters",
                                     "--compartment-id", endpoints, "--all", "--page-size", "1"),
        "list_endpoints": lambda: cli("endpoint-collection", "list-endpoints", "--compartment-id", endpoints,
                                      "--all", "--page-size", "2", "--sort-by", "displayName", "--sort-order", "ASC"),
    }
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(fn) for name, fn in chains.items()}
        out = {name: f.result() for name, f in futures.items()}

    store = emu.store(REGION)
    served = out["serve"]
    cid, eid = served["ids"]
    assert served["cluster_wr"]["operation-type"] == "CREATE_DEDICATED_AI_CLUSTER"
    assert served["cluster_wr"]["status"] == "SUCCEEDED"
    assert served["cluster_get"]["lifecycle-state"] == "ACTIVE" and served["cluster_get"]["unit-shape"] == "LARGE_GENERIC"
    assert served["cluster_scale"]["operation-type"] == "UPDATE_DEDICATED_AI_CLUSTER"
    assert store.clusters[cid].data["unitCount"] == 2 and store.clusters[cid].data["compartmentId"] == bob
    assert served["endpoint_wr"]["operation-type"] == "CREATE_ENDPOINT" and served["endpoint_wr"]["status"] == "SUCCEEDED"
    assert served["endpoint_get"]["content-moderation-config"] == {"is-enabled": True, "mode": "BLOCK",
                                                                   "model-id": None}
    assert served["endpoint_update"]["status"] == "SUCCEEDED"
    assert store.endpoints[eid].data["piiDetectionConfig"] == {"isEnabled": True, "mode": "INFORM"}
    assert store.endpoints[eid].data["compartmentId"] == bob
    assert served["endpoint_delete"]["operation-type"] == "DELETE_ENDPOINT"
    assert store.endpoints[eid].state == "DELETED"
    assert served["cluster_delete"]["status"] == "SUCCEEDED" and store.clusters[cid].state == "DELETED"

    clusters = _items(out["list_clusters"])
    assert {c["display-name"] for c in clusters} >= {"hosting-chicago", "hosting-gpu-chicago"}
    assert len(clusters) == len({c["id"] for c in clusters})
    assert any("page=" in r.path and r.operation == "ListDedicatedAiClusters" for r in emu.requests)
    names = [e["display-name"] for e in _items(out["list_endpoints"])]
    assert names == sorted(names) and {"support-bot-endpoint", "gemma-gpu-endpoint"} <= set(names)
    assert any("page=" in r.path and r.operation == "ListEndpoints" for r in emu.requests)
