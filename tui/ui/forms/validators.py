"""Adapters from the pure rules to Textual `Validator`s, so an `Input` marks itself -invalid as you type.

Why: Textual shows `-invalid` and exposes `validation_result` from its own validators; wrapping the
rules (instead of rewriting them as Textual classes) keeps one definition for tests, builders and UI.
"""

from __future__ import annotations

from textual.validation import ValidationResult, Validator

from tui.ui.forms.rules import Rule


class RuleValidator(Validator):
    """Runs a rule; its message (the rule broken) becomes the failure description."""

    def __init__(self, rule: Rule) -> None:
        super().__init__()
        self.rule = rule

    def validate(self, value: str) -> ValidationResult:
        broken = self.rule(value)
        return self.failure(broken) if broken else self.success()
