"""Screens: the main console screen and the modal pickers/dialogs it opens."""
