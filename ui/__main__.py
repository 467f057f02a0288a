"""``python -m clerkdesk.ui``: the clerkdesk program (the window, or a verb)."""

from .main import entry_point

entry_point()
