"""tests/bench holds scripts that print figures, not tests: pytest must not collect them."""

collect_ignore_glob = ["*.py"]
