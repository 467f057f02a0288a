"""The header's quorum in the window: it turns red the moment a departure or a declaration takes the
meeting below its quorum, and back when a member arrives; the vote dialog warns while inquorate."""

from __future__ import annotations

import os
from pathlib import Path

from clerkdesk import ops
from clerkdesk.model import Committee, Item, Meeting, Person
from clerkdesk.store import Store, default_store_path
from clerkdesk.ui.dialogs.vote import VoteDialog

SHOTS = os.environ.get("CLERKDESK_SCREENSHOTS")  # a folder: the test saves the header in both states there


def _running_meeting(data_dir: Path) -> int:
    people = [Person(key=k, name=n, title="Councillor") for k, n in
              (("able", "Ann Able"), ("best", "Bob Best"), ("cole", "Cat Cole"), ("dee", "Dan Dee"))]
    people.append(Person(key="eton", name="Eve Eton", title="Councillor", attendance="apologies"))
    people.append(Person(key="oke", name="Olu Oke", role="Planning Officer", group="officer",
                         attendance="in_attendance"))
    meeting = Meeting(committee=Committee(name="Planning Committee", quorum_number=3), title="Planning Committee",
                      date="2026-09-17", venue="Council Chamber", people=people,
                      items=[Item(number="1", title="Apologies"), Item(number="2", title="Land at Mill Lane"),
                             Item(number="3", title="The depot")])
    with Store(default_store_path(data_dir)) as s:
        mid = s.import_meeting(meeting)
        ops.start_meeting(s, mid, at="18:30")
    return mid


def _header_says(window, text: str) -> bool:
    badge = window.header.quorum
    return badge.isVisible() and badge.text().startswith(text)


def test_the_header_turns_inquorate_on_a_departure_and_back_on_an_arrival(qtbot, data_dir, open_window):
    _running_meeting(data_dir)
    window = open_window()
    badge = window.header.quorum
    qtbot.waitUntil(lambda: _header_says(window, "Quorate · 4 of 5 present · quorum 3"), timeout=5000)
    assert badge.property("quorate") is True
    if SHOTS:
        window.header.grab().save(str(Path(SHOTS) / "header-quorate.png"))
    c = window.controller
    c.record_departure("best")
    qtbot.waitUntil(lambda: _header_says(window, "Quorate · 3 of 5 present"), timeout=5000)
    c.record_departure("cole")
    qtbot.waitUntil(lambda: _header_says(window, "Inquorate · 2 of 5 present · quorum 3"), timeout=5000)
    assert badge.property("quorate") is False
    if SHOTS:
        window.header.grab().save(str(Path(SHOTS) / "header-inquorate.png"))
    c.record_arrival("eton")
    qtbot.waitUntil(lambda: _header_says(window, "Quorate · 3 of 5 present"), timeout=5000)
    assert badge.property("quorate") is True


def test_a_member_leaving_the_room_for_the_item_makes_it_inquorate_for_that_item_only(qtbot, data_dir, open_window):
    _running_meeting(data_dir)
    window = open_window()
    c = window.controller
    c.record_departure("dee")
    qtbot.waitUntil(lambda: _header_says(window, "Quorate · 3 of 5"), timeout=5000)
    depot = c.meeting.items[2]
    c.declare_interest("able", "a pecuniary interest in the depot", depot.id)
    qtbot.waitUntil(lambda: any(depot.id == i.id and i.withdrawn for i in c.meeting.items), timeout=5000)
    assert _header_says(window, "Quorate")  # not out of the room yet: the depot is not the item
    c.go_to_item(depot.id)
    qtbot.waitUntil(lambda: _header_says(window, "Inquorate · 2 of 5"), timeout=5000)
    c.go_to_item(c.meeting.items[1].id)
    qtbot.waitUntil(lambda: _header_says(window, "Quorate · 3 of 5"), timeout=5000)


def test_the_vote_dialog_warns_while_the_meeting_is_inquorate(qtbot, data_dir):
    mid = _running_meeting(data_dir)
    with Store(default_store_path(data_dir)) as s:
        for key in ("best", "cole"):
            ops.record_departure(s, mid, key, at="19:00")
        meeting = s.load_meeting(mid)
    dialog = VoteDialog(meeting, ["able", "dee"], "that permission be granted", item=meeting.items[0])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.quorum_warning.isVisible()
    assert dialog.quorum_warning.text() == ("The meeting is inquorate (2 of 5 members present, quorum 3): "
                                            "a decision taken now is not valid.")
    meeting.people[1].left = None
    quorate = VoteDialog(meeting, ["able", "best", "dee"], item=meeting.items[0])
    qtbot.addWidget(quorate)
    quorate.show()
    assert not quorate.quorum_warning.isVisible()
