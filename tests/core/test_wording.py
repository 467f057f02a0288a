"""How each kind of entry reads in the minutes."""

from __future__ import annotations

import pytest

from clerkdesk.model import Committee, Entry, Meeting, Person
from clerkdesk.wording import (entry_paragraphs, entry_text, format_date, format_time, item_paragraphs,
                               referred_to_as, surname)


@pytest.fixture
def meeting() -> Meeting:
    return Meeting(committee=Committee("Community Safety Scrutiny Committee"), title="CSSC", date="2026-09-17",
                   people=[
                       Person("okafor", "Amara Okafor", title="Councillor", role="Chair"),
                       Person("oneill", "Declan O’Neill", title="Councillor"),
                       Person("pj", "Rhys Pryce-Jones", title="Councillor"),
                       Person("nb", "Síofra Ní Bhriain", title="Councillor"),
                       Person("hcs", "Priya Shah", role="Head of Community Safety", group="officer",
                              attendance="in_attendance"),
                       Person("comm", "Lee Park", role="Commissioner", group="guest",
                              referred_to_as="The Commissioner"),
                       Person("guest", "Tom Baker", title="Mr", group="guest"),
                   ])


@pytest.mark.parametrize("hhmm, reads", [("18:30", "6.30 pm"), ("10:00", "10.00 am"), ("12:00", "12.00 pm"),
                                         ("00:05", "12.05 am"), ("19:45", "7.45 pm"), ("23:59", "11.59 pm")])
def test_times_read_the_uk_way(hhmm: str, reads: str) -> None:
    assert format_time(hhmm) == reads


def test_dates_read_in_full() -> None:
    assert format_date("2026-09-17") == "Thursday, 17 September 2026"
    assert format_date("2027-01-01") == "Friday, 1 January 2027"


@pytest.mark.parametrize("key, reads", [
    ("okafor", "The Chair"),  # an office, though a councillor
    ("oneill", "Councillor O’Neill"),
    ("pj", "Councillor Pryce-Jones"),
    ("nb", "Councillor Ní Bhriain"),
    ("hcs", "The Head of Community Safety"),  # a role and no title
    ("comm", "The Commissioner"),  # their own referred_to_as
    ("guest", "Mr Tom Baker"),  # anyone else: full name
])
def test_people_are_referred_to_by_the_house_rule(meeting: Meeting, key: str, reads: str) -> None:
    assert referred_to_as(meeting.person(key)) == reads


def test_surname_keeps_particles() -> None:
    assert surname("Ludwig van der Berg") == "van der Berg"
    assert surname("Cher") == "Cher"


def test_speech(meeting: Meeting) -> None:
    e = Entry("speech", speaker="oneill", text="asked how repeat callers were identified.")
    assert entry_text(e, meeting) == "Councillor O’Neill asked how repeat callers were identified."


def test_speech_in_response_lower_cases_the(meeting: Meeting) -> None:
    e = Entry("speech", speaker="hcs", in_response_to="oneill", text="explained that calls were matched.")
    assert entry_text(e, meeting) == ("In response to Councillor O’Neill, the Head of Community Safety "
                                      "explained that calls were matched.")
    e = Entry("speech", speaker="oneill", in_response_to="okafor", text="agreed.")
    assert entry_text(e, meeting) == "In response to the Chair, Councillor O’Neill agreed."


def test_note_and_point(meeting: Meeting) -> None:
    note = entry_paragraphs(Entry("note", text="The Committee noted the report."), meeting)
    assert [(p.role, p.text) for p in note] == [("text", "The Committee noted the report.")]
    point = entry_paragraphs(Entry("point", text="Shoplifting had risen by a fifth."), meeting)
    assert [(p.role, p.text) for p in point] == [("bullet", "Shoplifting had risen by a fifth.")]


def test_resolution_is_bold_and_numbered_when_several(meeting: Meeting) -> None:
    single = entry_paragraphs(Entry("resolution", text="that the report be noted."), meeting)[0]
    assert single.role == "resolution"
    assert single.text == "RESOLVED: that the report be noted."
    assert single.runs[0].bold and single.runs[0].text == "RESOLVED:"
    paras = item_paragraphs([Entry("resolution", text="that A."), Entry("speech", speaker="pj", text="spoke."),
                             Entry("resolution", text="that B."), Entry("resolution", text="that C.")], meeting)
    assert [p.text for p in paras] == ["RESOLVED: (1) that A.", "Councillor Pryce-Jones spoke.",
                                       "RESOLVED: (2) that B.", "(3) that C."]


def test_vote(meeting: Meeting) -> None:
    e = Entry("vote", motion="that the fees be frozen", mover="oneill", seconder="pj", votes_for=6,
              votes_against=2, votes_abstain=1, outcome="carried")
    assert entry_text(e, meeting) == (
        "The motion, moved by Councillor O’Neill and seconded by Councillor Pryce-Jones, that the fees be "
        "frozen, was put to the vote and CARRIED (For 6, Against 2, Abstentions 1).")


def test_vote_without_motion_reads_as_the_product_example(meeting: Meeting) -> None:
    e = Entry("vote", mover="okafor", seconder="nb", votes_for=6, votes_against=2, votes_abstain=1, outcome="carried")
    assert entry_text(e, meeting) == ("The motion, moved by the Chair and seconded by Councillor Ní Bhriain, "
                                      "was put to the vote and CARRIED (For 6, Against 2, Abstentions 1).")


def test_recorded_vote_names_members_by_name(meeting: Meeting) -> None:
    e = Entry("vote", votes_for=2, votes_against=1, votes_abstain=0, outcome="lost",
              recorded={"for": ["okafor", "pj"], "against": ["oneill"], "abstain": []})
    lines = entry_text(e, meeting).split("\n")
    assert lines[0] == "The motion was put to the vote and LOST (For 2, Against 1, Abstentions 0)."
    assert lines[1] == ("A recorded vote was taken. For: Councillor Okafor, Councillor Pryce-Jones. "
                        "Against: Councillor O’Neill.")


def test_withdrawn_motion(meeting: Meeting) -> None:
    e = Entry("vote", mover="oneill", outcome="withdrawn")
    assert entry_text(e, meeting) == "The motion, moved by Councillor O’Neill, was WITHDRAWN."


def test_action(meeting: Meeting) -> None:
    e = Entry("action", text="circulate the ward-level figures", owner="hcs", due="2026-10-01")
    para = entry_paragraphs(e, meeting)[0]
    assert para.text == ("ACTION: The Head of Community Safety to circulate the ward-level figures "
                         "by Thursday, 1 October 2026.")
    assert para.runs[0].bold
    free = Entry("action", text="All members to read the report.")
    assert entry_text(free, meeting) == "ACTION: All members to read the report."


def test_declaration(meeting: Meeting) -> None:
    e = Entry("declaration", person="nb", text="a disclosable pecuniary interest in item 7.")
    assert entry_text(e, meeting) == "Councillor Ní Bhriain declared a disclosable pecuniary interest in item 7."


def test_event_is_italic_with_time(meeting: Meeting) -> None:
    para = entry_paragraphs(Entry("event", at="19:45", text="Councillor O’Neill left the meeting."), meeting)[0]
    assert para.role == "event"
    assert para.text == "Councillor O’Neill left the meeting at 7.45 pm."
    assert all(r.italic for r in para.runs)
