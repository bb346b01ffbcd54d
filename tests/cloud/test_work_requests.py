from __future__ import annotations

import threading

import pytest

from tui.cloud.errors import CloudError
from .test_operations import fine_tune_body


def test_get_list_errors_logs(genai, emulator):
    info = emulator.seed_info
    failed = info.extras["failed_work_request_id"]
    got = genai.work_requests.get(failed)
    assert got.data.status == "FAILED" and got.data.id == failed and got.region == "us-chicago-1"
    errors = genai.work_requests.errors(failed)
    assert errors.data and errors.data[0].code and errors.data[0].message
    logs = genai.work_requests.logs(failed)
    assert logs.data
    comp = info.extras["models_compartment_id"]
    listed = genai.work_requests.list_work_requests(comp)
    assert failed in {w.id for w in listed.data}
    only_failed = genai.work_requests.list_work_requests(comp, status="failed").data
    assert only_failed and all(w.status == "FAILED" for w in only_failed)
    resource = info.extras["failed_model_id"]
    by_resource = genai.work_requests.list_work_requests(comp, resource_id=resource).data
    assert by_resource and all(any(r.identifier == resource for r in w.resources) for w in by_resource)


def test_wait_can_be_stopped(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    res = genai.create_model(fine_tune_body(emulator, comp, name="stopped_wait"))
    stop = threading.Event()
    polls = []

    def progress(wr):
        polls.append(wr.status)
        emulator.clock.advance(10)
        if len(polls) == 2:
            stop.set()

    wr = genai.work_requests.wait(res.work_request_id, on_progress=progress, stop=stop, interval=0.01)
    assert len(polls) == 2 and wr.status in ("ACCEPTED", "IN_PROGRESS")


def test_stop_from_another_thread_interrupts_the_sleep(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    res = genai.create_model(fine_tune_body(emulator, comp, name="thread_stop"))
    stop = threading.Event()
    timer = threading.Timer(0.2, stop.set)
    timer.start()
    wr = genai.work_requests.wait(res.work_request_id, stop=stop, interval=30)
    assert wr.status in ("ACCEPTED", "IN_PROGRESS")


def test_wait_timeout(genai, emulator):
    comp = emulator.seed_info.extras["models_compartment_id"]
    res = genai.create_model(fine_tune_body(emulator, comp, name="timed_out"))
    with pytest.raises(CloudError) as info:
        genai.work_requests.wait(res.work_request_id, interval=0.05, timeout=0.2)
    assert info.value.code == "WaitTimeout"


def test_missing_work_request(genai):
    with pytest.raises(CloudError) as info:
        genai.work_requests.get("ocid1.generativeaiworkrequest.oc1.phx.amaaaaaanothere")
    assert info.value.status == 404 and info.value.region == "us-phoenix-1"
