"""The installer tests: the ``slow`` marker, and the bundle's build time and size in the run's summary."""

from __future__ import annotations

import pytest

# Filled in by tests/installer/test_bundle.py; printed at the end of the run so CI logs keep them.
NOTES: dict[str, str] = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds the PyInstaller bundle (about a minute); deselect with -m 'not slow'")


def pytest_terminal_summary(terminalreporter) -> None:
    if NOTES:
        terminalreporter.write_sep("-", "ClerkDesk bundle")
        for name, value in NOTES.items():
            terminalreporter.write_line(f"{name}: {value}")
