"""How an export is asked for: shared by the dispatcher and every writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clerkdesk.house_style import DEFAULT, HouseStyle


@dataclass
class ExportOptions:
    """How to export: public or confidential, which template, the committee's house style, and
    where warnings go."""

    confidential: bool = False
    template: Path | None = None
    warnings: list[str] = field(default_factory=list)
    house_style: HouseStyle = DEFAULT
