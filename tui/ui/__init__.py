"""The Textual console. Everything here calls tui.cloud only from thread workers (tui.ui.worker)."""
