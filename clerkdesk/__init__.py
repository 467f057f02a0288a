"""ClerkDesk's core: meetings, their store, their wording and their files. Never imports Qt."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is looked up only when asked for: importlib.metadata costs start-up 50 ms.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("clerkdesk")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0"
