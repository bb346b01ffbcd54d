"""Old home of the wizard driving helpers: they live in tests/helpers.py now (no tests here).

Kept as a re-export so tests that still do `from test_wizard_helpers import ...` keep working;
new tests import `from tests.helpers import ...` (no `sys.path.insert`).
"""

from __future__ import annotations

from tests.helpers import (  # noqa: F401 - re-exports
    count,
    fine_tune_to_review,
    import_hf_to_review,
    models_compartment,
    next_step,
    open_fine_tune,
    open_import,
    pick_radio,
    ready,
    status_of,
    wait_until,
)
