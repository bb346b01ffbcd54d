"""Form building blocks shared by the wizards and dialogs: rules, validators, fields, a tag editor.

Why a package of its own: every form field must validate as the operator types and name the rule it
broke, with the same wording in the fine-tune wizard, the import wizard and the edit dialog. The
rules themselves (`rules.py`) are pure functions, unit- and property-tested without Textual.
"""
