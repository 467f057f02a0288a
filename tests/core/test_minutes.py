"""The minutes' layout: attendance, items, closing line, actions, and Part 2 business."""

from __future__ import annotations

from clerkdesk.house_style import HouseStyle
from clerkdesk.minutes import PRIVATE_ITEM, build_minutes
from clerkdesk.sample import sample_meeting
from clerkdesk.export.text import minutes_text
from tests.builders import make_meeting


def test_attendance_block_order_and_marks() -> None:
    paras = [p.text for p in build_minutes(sample_meeting()).paragraphs[:5]]
    assert paras[0] == ("Present: Councillors Helen Marsh (Chair), Rhys Pryce-Jones (Vice-Chair), Declan O’Neill, "
                        "Síofra Ní Bhriain and Tomasz Wiśniewski (remote)")  # his late arrival is an event
    assert paras[1] == "Substitutes: Councillor Amina Haddad (for Councillor Greaves)"
    assert paras[2] == "Also present: Inspector Mark Ellis (Neighbourhood Policing)"
    assert paras[3].startswith("Officers: Nadia Kaur (Head of Environmental Services), ")
    assert paras[4] == "Apologies: Councillors Peter Greaves and Gareth Lloyd"


def test_a_committee_that_names_each_councillor_in_full() -> None:
    paras = [p.text for p in build_minutes(sample_meeting(), style=HouseStyle(group_councillors=False)).paragraphs[:5]]
    assert paras[0].startswith("Present: Councillor Helen Marsh (Chair), Councillor Rhys Pryce-Jones (Vice-Chair), ")
    assert paras[4] == "Apologies: Councillor Peter Greaves, Councillor Gareth Lloyd"


def test_the_chair_comes_first_wherever_listed() -> None:
    meeting = make_meeting(people=10)
    meeting.people.reverse()
    present = build_minutes(meeting).paragraphs[0].text
    assert present.startswith("Present: Councillors Amara Okafor (Chair),")


def test_items_closing_line_and_actions() -> None:
    minutes = build_minutes(sample_meeting())
    texts = [p.text for p in minutes.paragraphs]
    assert "EC/24/26 Street Cleansing Performance, Quarter 2" in texts
    assert texts[-1] == "The meeting closed at 8.40 pm."
    assert [(a.minute, a.owner) for a in minutes.actions] == [
        ("EC/24/26", "The Head of Environmental Services"), ("EC/25/26", "The Democratic Services Officer")]
    assert minutes.placeholders == {"committee": "Environment and Communities Committee",
                                    "meeting_title": "Environment and Communities Committee",
                                    "date": "Thursday, 15 October 2026", "time": "6.30 pm",
                                    "venue": "Council Chamber, Ashcombe House, Market Street"}


def test_exempt_items_are_private_in_the_public_version_only() -> None:
    meeting = make_meeting(items=4, entries=40, exempt=(2,), tag="")
    public = minutes_text(build_minutes(meeting))
    confidential = minutes_text(build_minutes(meeting, confidential=True))
    assert "secret" not in public
    assert "Agenda item 3" in public and PRIVATE_ITEM in public
    assert "secret" in confidential and PRIVATE_ITEM not in confidential
    assert confidential.startswith("CONFIDENTIAL – NOT FOR PUBLICATION")
    sample = minutes_text(build_minutes(sample_meeting()))
    assert "£4.2 million" not in sample and "negotiation" not in sample  # its exempt item's words and action
