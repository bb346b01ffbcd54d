"""The `demo` seed: a realistic tenancy to explore (see `seed` for the ids it exposes)."""

from __future__ import annotations

from .seed_builder import DEMO_REGIONS, Builder, SeedInfo


def build(b: Builder) -> SeedInfo:
    root = b.root("demo-tenancy")
    b.home_clusters(root)
    b.catalogue()
    prod = b.compartment("genai-prod", root, "Production generative AI", 400)
    models = b.compartment("genai-prod-models", prod, "Fine-tuned and imported models", 390)
    b.compartment("genai-prod-models-archive", models, "Retired experiments", 380)
    endpoints = b.compartment("genai-prod-endpoints", prod, "Hosting endpoints", 385)
    dev = b.compartment("genai-dev", root, "Development and experiments", 300)
    alice = b.compartment("sandbox-alice", dev, "Alice's sandbox", 250)
    b.compartment("sandbox-bob", dev, "Bob's sandbox", 240)
    b.compartment("shared-data", root, "Training data buckets", 500)
    b.info.extras["models_compartment_id"] = models

    for region in DEMO_REGIONS:
        short = region.split("-")[1]
        ft = b.cluster(region, models, f"ft-cohere-{short}", "FINE_TUNING", shape="SMALL_COHERE_V2", units=8)
        ft_llama = b.cluster(region, models, f"ft-llama-{short}", "FINE_TUNING", shape="LARGE_GENERIC", units=2)
        hosting = b.cluster(region, endpoints, f"hosting-{short}", "HOSTING", shape="SMALL_COHERE_V2", units=1)
        has_llama = b.base_id(region, "meta.llama-3.3-70b-instruct") is not None

        bot = b.custom_model(region, models, "support-bot-v1", "cohere.command-r-08-2024", "TFEW", ft,
                             days=90, description="Customer-support assistant, tuned on 4k tickets",
                             tags={"team": "support", "cost-center": "cc-1042"})
        b.custom_model(region, models, "support-bot-v0", "cohere.command-r-08-2024", "TFEW", ft,
                       state="DELETED", days=150, description="First attempt")
        failure = ("InvalidTrainingData", "Training dataset object 'tickets.csv' is not a .jsonl file")
        failed = b.custom_model(region, models, "support-bot-csv", "cohere.command-r-08-2024", "TFEW", ft,
                                state="FAILED", days=80, object_name="tickets.csv", failure=failure)
        if has_llama:
            legal = b.custom_model(region, models, "legal-summarizer", "meta.llama-3.3-70b-instruct", "LORA",
                                   ft_llama, days=45, description="Summarises contracts",
                                   tags={"team": "legal"})
            b.custom_model(region, alice, "alice-lora-test", "meta.llama-3.3-70b-instruct", "LORA", ft_llama,
                           days=12, version="0.3")
        gemma = b.imported_model(region, models, "gemma-2-9b-it",
                                 {"sourceType": "HUGGING_FACE_MODEL", "modelId": "google/gemma-2-9b-it",
                                  "branch": "main"}, "TEXT_TO_TEXT", vendor="google", days=40,
                                 description="Imported from Hugging Face")
        b.imported_model(region, models, "llama-3-1-8b-bucket",
                         {"sourceType": "OBJECT_STORAGE_OBJECT", "namespaceName": "demo-namespace",
                          "bucketName": "model-artifacts", "prefixName": "llama-3.1-8b-instruct/",
                          "region": region}, "TEXT_TO_TEXT", vendor="meta", days=35)
        bad = b.imported_model(region, models, "qwen2-7b",
                               {"sourceType": "HUGGING_FACE_MODEL", "modelId": "Qwen/Qwen2-7B-Instruct",
                                "branch": "main"}, "TEXT_TO_TEXT", state="FAILED", vendor="qwen", days=20,
                               failure=("UnsupportedModel",
                                        "Hugging Face model Qwen/Qwen2-7B-Instruct is not supported for import"))
        ep = b.endpoint(region, endpoints, "support-bot-endpoint", bot, hosting, days=85)
        if has_llama:
            b.endpoint(region, endpoints, "legal-endpoint", legal, hosting, state="FAILED", days=40)
        b.endpoint(region, endpoints, "gemma-endpoint", gemma, hosting, state="ACTIVE", days=30)

        if region == "us-chicago-1":
            b.info.extras.update(endpoint_model_id=bot, endpoint_id=ep, failed_model_id=failed,
                                 failed_imported_model_id=bad, active_imported_model_id=gemma,
                                 failed_work_request_id=b.info.work_requests[region]["create support-bot-csv"])
            b.info.extras["inactive_ft_cluster_id"] = b.cluster(
                region, models, "ft-cohere-pending", "FINE_TUNING", state="CREATING", days=0.1,
                details="Provisioning capacity")
            b.custom_model(region, models, "command-vanilla-legacy", "cohere.command", "VANILLA", ft,
                           days=400, version="15.6", description="Legacy Command fine-tune (Vanilla)")
            b.info.extras["creating_model_id"] = b.custom_model(
                region, models, "support-bot-v2", "cohere.command-r-08-2024", "TFEW", ft, state="CREATING",
                days=0, in_flight=True, description="Retraining with November tickets")
    serving(b, endpoints)
    return b.finish()


def _guard(content=None, injection=None, pii=None) -> dict:
    """Guardrail configs: each None (off) or a mode (INFORM / BLOCK)."""
    out = {}
    for key, mode in (("contentModerationConfig", content), ("promptInjectionConfig", injection),
                      ("piiDetectionConfig", pii)):
        out[key] = {"isEnabled": False} if mode is None else {"isEnabled": True, "mode": mode}
    return out


def serving(b: Builder, endpoints: str) -> None:
    """Clusters and endpoints added after the original seed (late: no id or etag above shifts).

    Chicago: a nearly full GPU hosting cluster (3 of 4 endpoint slots) serving the imported models
    with different guardrails; Frankfurt: a Llama hosting cluster serving the LoRA model; Ashburn: a
    hosting cluster in NEEDS_ATTENTION; London: an empty GPU hosting cluster to deploy onto.
    """
    chi, fra, iad, lhr = "us-chicago-1", "eu-frankfurt-1", "us-ashburn-1", "uk-london-1"
    imported = b.info.imported_models
    gpu = b.cluster(chi, endpoints, "hosting-gpu-chicago", "HOSTING", shape="A100_80G_X1", units=1, days=25,
                    per_unit=4, late=True, tags={"team": "platform"})
    b.info.extras["nearly_full_cluster_id"] = gpu
    b.info.extras["imported_endpoint_id"] = b.endpoint(
        chi, endpoints, "gemma-gpu-endpoint", imported[chi]["gemma-2-9b-it"], gpu, days=20, late=True,
        guardrails=_guard(content="BLOCK", injection="INFORM", pii="BLOCK"))
    b.endpoint(chi, endpoints, "gemma-gpu-canary", imported[chi]["gemma-2-9b-it"], gpu, days=10, late=True,
               guardrails=_guard())
    b.endpoint(chi, endpoints, "llama-bucket-endpoint", imported[chi]["llama-3-1-8b-bucket"], gpu, days=8,
               late=True, guardrails=_guard(content="INFORM"))

    llama = b.cluster(fra, endpoints, "hosting-llama-frankfurt", "HOSTING", shape="LARGE_GENERIC", units=2,
                      days=50, late=True)
    b.endpoint(fra, endpoints, "legal-endpoint-v2", b.info.models[fra]["legal-summarizer"], llama, days=30,
               late=True, guardrails=_guard(content="INFORM", injection="BLOCK", pii="INFORM"))

    b.info.extras["needs_attention_cluster_id"] = attention = b.cluster(
        iad, endpoints, "hosting-ashburn-b", "HOSTING", state="NEEDS_ATTENTION", shape="SMALL_COHERE_V2", units=2,
        days=70, late=True, details="1 of 2 hosting units is unhealthy; serving at reduced capacity")
    b.endpoint(iad, endpoints, "support-bot-endpoint-b", b.info.models[iad]["support-bot-v1"], attention, days=60,
               late=True, guardrails=_guard(content="BLOCK"))

    b.cluster(lhr, endpoints, "hosting-gpu-london", "HOSTING", shape="H100_X1", units=1, days=5, late=True)
