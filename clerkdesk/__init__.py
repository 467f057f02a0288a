"""ClerkDesk's core: meetings, their store, their wording and their files. Never imports Qt."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clerkdesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
