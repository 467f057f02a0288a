"""The installer tests: the bundle's build time and size in the run's summary."""

from __future__ import annotations


# Filled in by tests/installer/test_bundle.py; printed at the end of the run so CI logs keep them.
NOTES: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter) -> None:
    if NOTES:
        terminalreporter.write_sep("-", "ClerkDesk bundle")
        for name, value in NOTES.items():
            terminalreporter.write_line(f"{name}: {value}")
