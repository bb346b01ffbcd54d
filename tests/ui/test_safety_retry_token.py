"""One retry token per submission, for its whole life: when the service committed the create but the
reply was lost (or a 5xx came back after the commit), pressing Submit again creates nothing new.

Each test also runs the control: the same faults with a fresh token per attempt DO create twice, so
the proof would fail if the wizard rotated its token.
"""

from __future__ import annotations


import pytest
from tests.helpers import (
    count, fine_tune_to_review, import_hf_to_review, open_fine_tune, open_import, ready, status_of, wait_until,
)

from tui.cloud.errors import CloudError

REGION = "us-chicago-1"


def creates(emu, operation: str) -> list:
    return [r for r in emu.requests if r.operation == operation]


async def submit_until_settled(pilot, wizard) -> None:
    before = wizard.submission.attempts
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: wizard.submission.attempts > before and not wizard.submission.in_flight,
                     what="submission answered")


async def test_fine_tune_resubmit_after_lost_reply_creates_one_model(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        wizard = await open_fine_tune(app, pilot)
        await fine_tune_to_review(pilot, wizard, name="once_only")
        token = wizard.submission.retry_token
        # both attempts the SDK makes for one press commit, then lose the reply
        emu.faults.inject("CreateModel", after=True, drop=True, count=2)
        await submit_until_settled(pilot, wizard)
        assert wizard.submission.last_error is not None and app.screen is wizard
        assert "Every field is kept" in status_of(wizard)
        assert wizard.steps[5].fields["display_name"].value == "once_only"
        assert count(emu, REGION, "models", "once_only") == 1  # committed, though the operator saw a failure
        await submit_until_settled(pilot, wizard)
        assert wizard.submission.done and wizard.submission.retry_token == token
        assert count(emu, REGION, "models", "once_only") == 1
        assert len(creates(emu, "CreateModel")) == 3  # 2 lost replies + 1 replayed answer

        # control: a fresh token per attempt duplicates the model
        details = wizard.draft.build(wizard.compartment_id)
        emu.faults.inject("CreateModel", after=True, drop=True, count=2)
        with pytest.raises(CloudError):
            app.genai.create("model", details, region=REGION)
        app.genai.create("model", details, region=REGION)
        assert count(emu, REGION, "models", "once_only") == 3


async def test_import_resubmit_after_5xx_following_commit_creates_one(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        await import_hf_to_review(pilot, wizard, name="import_once")
        emu.faults.inject("CreateImportedModel", after=True, status=503, count=2)
        await submit_until_settled(pilot, wizard)
        assert wizard.submission.last_error is not None and wizard.submission.last_error.status == 503
        assert "503" in status_of(wizard)
        await submit_until_settled(pilot, wizard)
        assert wizard.submission.done
        assert count(emu, REGION, "imported", "import_once") == 1
        tracked = [t for t in app.tracker.items() if t.id == wizard.submission.result.work_request_id]
        assert len(tracked) == 1
