"""Modal dialogs for the mutating actions on a selected row: edit, move, delete.

Each loads the resource first (for its etag, so the change is sent with if-match and nothing the
operator did not see is overwritten), never renders service text as markup, and hands async
results to the console's work-request tracker.
"""
