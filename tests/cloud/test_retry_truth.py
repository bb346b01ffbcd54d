"""Retries that tell the truth: a mutation applied by an attempt whose reply failed is reported applied.

The local service's commit-then-fail faults (`after=True`) perform the operation and then answer 500
or drop the connection; the interactive client retries, and the retry meets its own effect (409
IncorrectState, 412 NoEtagMatch). The library must re-read and report what is true. Also: the retry
token travels on a failed create, 429 retries wait at least Retry-After, a read timeout is a timeout,
and `WorkRequests.wait` keeps its deadline and survives a failed poll.
"""

from __future__ import annotations

import threading
import time

import pytest

from tui.cloud import builders as b
from tui.cloud.auth import load_profile
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError
from tui.cloud.operations import GenAI

from .test_operations import fine_tune_body

CHI = "us-chicago-1"
COMMIT_THEN_FAIL = [pytest.param({"status": 500}, id="500-after-commit"),
                    pytest.param({"drop": True}, id="reply-dropped-after-commit")]


def records(emu, operation):
    return [r for r in emu.requests if r.operation == operation]


@pytest.mark.parametrize("fault", COMMIT_THEN_FAIL)
@pytest.mark.parametrize("with_etag", [False, True], ids=["no-if-match", "if-match"])
def test_delete_applied_by_a_failed_attempt_is_reported_applied(genai, emulator, fault, with_etag):
    mid = emulator.seed_info.models[CHI]["legal-summarizer"]
    etag = genai.get_model(mid).etag if with_etag else None
    emulator.faults.inject("DeleteModel", after=True, count=1, **fault)
    res = genai.delete_model(mid, if_match=etag)
    statuses = [r.status for r in records(emulator, "DeleteModel")]
    assert statuses[0] == fault.get("status") and statuses[1] in (409, 412), statuses  # the retry met itself
    assert res.reconciled and res.attempts == 2
    assert genai.get_model(mid).data.lifecycle_state == "DELETING"
    wr = genai.work_requests.get(res.work_request_id).data  # the console can track the real deletion
    assert wr.operation_type == "DELETE_MODEL" and wr.resources[0].identifier == mid


@pytest.mark.parametrize("fault", COMMIT_THEN_FAIL)
def test_update_with_if_match_applied_by_a_failed_attempt_is_reported_applied(genai, emulator, fault):
    mid = emulator.seed_info.models[CHI]["legal-summarizer"]
    loaded = genai.get_model(mid)
    emulator.faults.inject("UpdateModel", after=True, count=1, **fault)
    res = genai.update_model(mid, b.update_details("model", display_name="renamed_once",
                                                   freeform_tags={"team": "legal"}), if_match=loaded.etag)
    assert [r.status for r in records(emulator, "UpdateModel")][1] == 412  # the retry saw its own etag change
    now = genai.get_model(mid)
    assert res.reconciled and res.data.display_name == "renamed_once" and res.etag == now.etag != loaded.etag
    assert now.data.freeform_tags == {"team": "legal"}


def test_async_imported_update_applied_by_a_failed_attempt_is_reported_with_its_work_request(genai, emulator):
    imp = emulator.seed_info.extras["active_imported_model_id"]
    emulator.faults.inject("UpdateImportedModel", status=502, after=True, count=1)
    res = genai.update_imported_model(imp, {"description": "second try"})
    assert [r.status for r in records(emulator, "UpdateImportedModel")] == [502, 409]  # UPDATING
    assert res.reconciled and res.data.description == "second try"
    assert genai.work_requests.get(res.work_request_id).data.operation_type == "UPDATE_IMPORTED_MODEL"


def test_a_real_conflict_behind_a_failed_attempt_is_still_reported(genai, emulator):
    info = emulator.seed_info
    in_use = info.extras["endpoint_model_id"]
    emulator.faults.inject("DeleteModel", status=500, count=1)  # fails before doing anything
    with pytest.raises(CloudError) as err:
        genai.delete_model(in_use)
    assert err.value.status == 409 and err.value.code == "Conflict"  # in use by an endpoint: the truth
    assert genai.get_model(in_use).data.lifecycle_state == "ACTIVE"

    mid = info.models[CHI]["legal-summarizer"]
    stale = genai.get_model(mid).etag
    genai.update_model(mid, {"description": "someone else"})
    emulator.faults.inject("UpdateModel", status=500, count=1)
    with pytest.raises(CloudError) as err:
        genai.update_model(mid, {"description": "mine"}, if_match=stale)
    assert err.value.status == 412  # really stale: not reported as applied
    assert genai.get_model(mid).data.description == "someone else"


def test_a_failure_that_applied_nothing_is_reported_as_the_failure(genai, emulator):
    mid = emulator.seed_info.models[CHI]["legal-summarizer"]
    emulator.faults.inject("DeleteModel", status=503)  # every attempt, nothing committed
    with pytest.raises(CloudError) as err:
        genai.delete_model(mid)
    assert err.value.status == 503 and genai.get_model(mid).data.lifecycle_state == "ACTIVE"


def test_change_compartment_applied_by_a_failed_attempt_is_reported_applied(genai, emulator):
    info = emulator.seed_info
    mid = info.models[CHI]["legal-summarizer"]
    target = info.compartments["genai-prod-models-archive"]
    emulator.faults.inject("ChangeModelCompartment", drop=True, after=True, count=2)  # both attempts lost
    res = genai.change_model_compartment(mid, target)
    assert res.reconciled and genai.get_model(mid).data.compartment_id == target


def test_failed_create_carries_its_retry_token_and_a_resubmit_creates_exactly_one(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    before = {m.id for m in genai.list_models(comp).data}
    emulator.faults.inject("CreateModel", drop=True, after=True, count=2)  # committed, both replies lost
    body = fine_tune_body(emulator, comp, name="lost_reply_script")
    with pytest.raises(CloudError) as info:
        genai.create_model(body)  # no token given: the library made one
    token = info.value.retry_token
    assert token and len(token) == 32
    again = genai.create_model(body, retry_token=token)
    after = {m.id for m in genai.list_models(comp).data}
    assert after - before == {again.data.id} and again.retry_token == token


def test_a_429_retry_waits_at_least_retry_after(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    emulator.faults.inject("ListModels", status=429, retry_after=1, count=1)
    assert genai.list_models(comp).data
    first, second = records(emulator, "ListModels")[-2:]
    assert (first.status, second.status) == (429, 200)
    assert second.received - first.received >= 1.0


def test_a_429_beyond_the_interactive_budget_is_not_retried(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    emulator.faults.inject("ListModels", status=429, retry_after=30)
    with pytest.raises(CloudError) as err:
        genai.list_models(comp)
    assert err.value.retry_after == 30 and "retry after 30 s" in err.value.hint
    assert len(records(emulator, "ListModels")) == 1


def test_a_read_timeout_is_reported_as_a_timeout(emulator, identity):
    session = CloudSession(load_profile(config_file=str(identity.config_file)),
                           endpoint_template=emulator.endpoint_template, interactive_timeout=(2.0, 0.6))
    emulator.faults.inject("GetModel", latency=3, count=1)
    with pytest.raises(CloudError) as err:
        GenAI(session).get_model(emulator.seed_info.extras["endpoint_model_id"])
    assert err.value.code == "Timeout" and "Timed out" in err.value.message
    assert "network" in err.value.hint and "Cannot reach" not in err.value.hint


def test_wait_keeps_its_deadline_when_a_poll_hangs(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    res = genai.create_model(fine_tune_body(emulator, comp, name="slow_poll"))
    emulator.faults.inject("GetWorkRequest", latency=20, count=1)  # the first poll hangs for 20 s
    started = time.monotonic()
    with pytest.raises(CloudError) as err:
        genai.work_requests.wait(res.work_request_id, interval=0.1, timeout=0.5)
    assert err.value.code == "WaitTimeout"
    assert time.monotonic() - started >= 0.5
    assert not records(emulator, "GetWorkRequest"), "wait returned while the hung poll was still running"


@pytest.mark.parametrize("fault", [{"status": 500}, {"drop": True}], ids=["500", "drop"])
def test_a_single_failed_poll_does_not_abort_the_wait(genai, emulator, fault):
    comp = emulator.seed_info.extras["models_compartment_id"]
    res = genai.create_model(fine_tune_body(emulator, comp, name="flaky_poll"))
    emulator.faults.inject("GetWorkRequest", count=1, **fault)
    seen = []

    def progress(wr):
        seen.append(wr.status)
        emulator.clock.advance(30)

    final = genai.work_requests.wait(res.work_request_id, on_progress=progress, interval=0.01, timeout=60)
    assert final.status == "SUCCEEDED" and seen
    assert records(emulator, "GetWorkRequest")[0].status == fault.get("status")


def test_wait_stopped_from_another_thread_while_polls_fail(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    res = genai.create_model(fine_tune_body(emulator, comp, name="stop_flaky"))
    emulator.faults.inject("GetWorkRequest", status=500)  # every poll fails
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    assert genai.work_requests.wait(res.work_request_id, stop=stop, interval=0.05, timeout=60) is None  # none seen
    assert records(emulator, "GetWorkRequest")[0].status == 500


# -- the retry policy on its own (plain functions raising the SDK's own exception types) ------------

def _service_error(status, code, **headers):
    import oci

    return oci.exceptions.ServiceError(status, code, headers, f"{status} {code}")


def _failing(*errors):
    queue = list(errors)

    def call():
        if queue:
            raise queue.pop(0)
        return "ok"

    return call


def test_policy_waits_retry_after_and_records_what_failed():
    from tui.cloud.clients import interactive_retry_strategy

    slept = []
    policy = interactive_retry_strategy().recording()
    policy.sleep = slept.append
    assert policy.make_retrying_call(_failing(_service_error(429, "TooManyRequests", **{"retry-after": "1.5"}))) == "ok"
    assert slept and slept[0] >= 1.5 and policy.attempts == 2
    assert [(f.status, f.ambiguous) for f in policy.failures] == [(429, False)] and not policy.ambiguous


def test_policy_marks_5xx_and_lost_replies_ambiguous_and_never_retries_a_conflict():
    import oci

    from tui.cloud.clients import background_retry_strategy, interactive_retry_strategy

    policy = interactive_retry_strategy().recording()
    policy.sleep = lambda s: None
    lost = oci._vendor.requests.exceptions.ConnectionError("Remote end closed connection without response")
    with pytest.raises(oci._vendor.requests.exceptions.ConnectionError):
        policy.make_retrying_call(_failing(_service_error(500, "InternalServerError"), lost))
    assert [f.ambiguous for f in policy.failures] == [True, True] and policy.ambiguous

    interactive = interactive_retry_strategy().recording()
    with pytest.raises(oci.exceptions.ServiceError):
        interactive.make_retrying_call(_failing(_service_error(409, "IncorrectState")))
    assert interactive.attempts == 1
    background = background_retry_strategy().recording()
    background.sleep = lambda s: None
    assert background.make_retrying_call(_failing(_service_error(409, "IncorrectState"))) == "ok"


def test_policy_does_not_retry_past_its_deadline():
    from tui.cloud.clients import background_retry_strategy

    import oci

    policy = background_retry_strategy().recording(deadline=time.monotonic() + 0.5)
    with pytest.raises(oci.exceptions.ServiceError):
        policy.make_retrying_call(_failing(_service_error(429, "TooManyRequests", **{"retry-after": "5"})))
    assert policy.attempts == 1
