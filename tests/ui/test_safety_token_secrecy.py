"""The Hugging Face token never leaves the password field except inside the create request.

A full import runs with a known token and DEBUG logging to a file (our loggers, the SDK's, urllib3's);
then every output is searched for it: the log file, a screen export of every wizard step (and of a
failed submit, and of the detail pane afterwards), the clipboard after copying the body and the CLI
command, every notification, every worker's name and description, the review text, the error shown,
the resource as the service serves it on GET and as it is stored.
"""

from __future__ import annotations

import json
import logging

import oci
from tests.helpers import next_step, open_import, pick_radio, ready, wait_until

TOKEN = "hf_SeCrEt0123456789tokenZZ"
REGION = "us-chicago-1"


async def test_the_token_appears_in_no_output(make_app, tmp_path):
    log_file = tmp_path / "console.log"
    handler = logging.FileHandler(log_file)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    outputs: dict[str, str] = {}
    try:
        app, emu = make_app()
        notes: list[str] = []
        notify = app.notify

        def recording_notify(message, *args, **kwargs):
            notes.append(f"{kwargs.get('title', '')} {message}")
            return notify(message, *args, **kwargs)

        app.notify = recording_notify  # type: ignore[method-assign]
        workers: list[str] = []
        call = app.call

        def recording_call(node, label, fn, *args, **kwargs):
            worker = call(node, label, fn, *args, **kwargs)
            workers.append(f"{worker.name} | {worker.description} | {worker!r}")
            return worker

        app.call = recording_call  # type: ignore[method-assign]

        async with app.run_test() as pilot:
            await ready(app, pilot, emu)
            wizard = await open_import(app, pilot)
            src = wizard.steps[0]
            src.hf["hf_model_id"].value = "meta-llama/Llama-3.1-8B-Instruct"
            src.hf["hf_token"].input.focus()
            await pilot.press(*TOKEN)  # typed, as an operator would
            await pilot.pause()
            assert wizard.draft.hf_token == TOKEN
            outputs["step 1"] = app.export_screenshot()
            assert "•" * 8 in outputs["step 1"]  # the field shows bullets
            await next_step(pilot, wizard, 1)
            await pick_radio(pilot, wizard.steps[1], "cap-text_to_text")
            outputs["step 2"] = app.export_screenshot()
            await next_step(pilot, wizard, 2)
            wizard.steps[2].fields["display_name"].value = "llama_gated"
            outputs["step 3"] = app.export_screenshot()
            await next_step(pilot, wizard, 3)
            review = wizard.steps[3]
            outputs["review"] = review.body + "\n" + review.cli
            outputs["review export"] = app.export_screenshot()
            assert json.loads(review.body)["dataSource"]["accessToken"] == "********"
            assert "--access-token '********'" in review.cli
            await pilot.press("j")
            outputs["clipboard body"] = app.clipboard
            await pilot.press("c")
            outputs["clipboard cli"] = app.clipboard
            assert outputs["clipboard cli"] == review.cli
            # a failure after the service committed: the error is shown, then the resubmit succeeds
            emu.faults.inject("CreateImportedModel", after=True, status=500, count=2)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: wizard.submission.last_error is not None, what="failure shown")
            outputs["error export"] = app.export_screenshot()
            outputs["error"] = repr(wizard.submission.last_error) + str(wizard.submission.last_error)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: wizard.submission.done, what="created")
            await pilot.pause()
            result = wizard.submission.result
            outputs["draft repr"] = repr(wizard.draft)
            outputs["workers"] = "\n".join(workers) + "\n".join(
                f"{w.name} {w.description} {w!r}" for w in app.workers)
            got = app.genai.get("imported_model", result.data.id)
            outputs["GET (SDK)"] = json.dumps(oci.util.to_dict(got.data), default=str)
            outputs["stored"] = json.dumps(emu.store(REGION).imported[result.data.id].data)
            view = app.main.views["imported"]
            app.show_view("imported")
            await pilot.pause()
            view.detail.add_class("-open")
            view.detail.show(got.data, REGION, etag=got.etag)
            await pilot.pause()
            outputs["detail export"] = app.export_screenshot()
            outputs["main export"] = app.export_screenshot()
            emu.clock.advance(300)
            tracked = [t for t in app.tracker.items() if t.id == result.work_request_id][0]
            await wait_until(pilot, lambda: tracked.settled, what="import settled")
            outputs["notifications"] = "\n".join(notes)
            outputs["last screen"] = app.export_screenshot()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    outputs["log file"] = log_file.read_text()
    assert "CreateImportedModel" in outputs["log file"] or "imported" in outputs["log file"]  # it did log
    assert len(outputs["log file"]) > 1000
    leaked = [where for where, text in outputs.items() if TOKEN in (text or "")]
    assert leaked == []
    # and no fragment long enough to matter either
    leaked_part = [where for where, text in outputs.items() if TOKEN[3:15] in (text or "")]
    assert leaked_part == []
