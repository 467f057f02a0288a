"""A committee's house style: the choices councils make differently when they publish minutes.

One place for the defaults, as most councils publish (ModernGov style). Every writer gets the
same ``HouseStyle`` through ``minutes.build_minutes``; a committee that publishes differently
passes its own.
"""

from __future__ import annotations

from dataclasses import dataclass

ARRIVALS = ("attendance", "events")


@dataclass(frozen=True)
class HouseStyle:
    """How a committee's minutes are set out where councils differ."""

    # "Councillors A (Chair), B and C" rather than "Councillor A (Chair), Councillor B, Councillor C".
    group_councillors: bool = True
    # Late arrivals and early departures: noted in the attendance block ("attendance"), or only
    # by the events minuted under the items ("events").
    arrivals: str = "attendance"
    # The label before an item's supporting documents.
    documents_label: str = "Supporting documents:"
    # Added to an exempt item's heading in the confidential copy.
    exempt_label: str = "(Part 2 – exempt)"
    # RESOLVED paragraphs flush with the margin (False) or indented as the template's style says.
    indent_resolutions: bool = False
    # The signature line added when the template has nothing after the minutes.
    signature: str = "Chair ........................................        Date ........................"

    def __post_init__(self) -> None:
        if self.arrivals not in ARRIVALS:
            raise ValueError(f"arrivals is one of {', '.join(ARRIVALS)}, not {self.arrivals!r}")


DEFAULT = HouseStyle()
