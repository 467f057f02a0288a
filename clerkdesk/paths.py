"""Where ClerkDesk keeps its data: the user's own data folder, or one the clerk names."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

ENV_VAR = "CLERKDESK_DATA_DIR"


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: ``override`` (``--data-dir``), else $CLERKDESK_DATA_DIR, else the user data folder."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return Path(appdirs.user_data_dir("ClerkDesk", "ClerkDesk"))
