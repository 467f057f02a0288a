"""What the chamber screen may show, decided in the core: the current item and speaker with their time
against the committee's limit, the queue, a vote's result for 30 seconds, the next item between items —
and during a Part 2 item nothing but the notice. The committee's settings are real columns, changed by
an operation (undone and redone exactly) and by ``clerkdesk chamber-settings``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from clerkdesk import ops
from clerkdesk.chamber import (CLOSED, NOT_STARTED, PART2_NOTICE, ChamberState, NextItem, chamber_state, clock,
                               parse_limit, time_left_words, timer_level)
from clerkdesk.errors import BadInput, NoSuchMeeting
from clerkdesk.meeting_file import write_meeting_file
from clerkdesk.model import Draft, Entry, Meeting
from clerkdesk.store import Store
from tests.builders import make_meeting
from tests.core.test_cli import clerkdesk, fingerprint
from tests.core.test_operations import snapshot

SECRET_TITLE = "Acquisition of 14 Mill Lane from Mr Jenkins"


def live_meeting(exempt: tuple[int, ...] = (2,), limit: int | None = None, titles_public: bool = False) -> Meeting:
    """A meeting under way: started, not closed, item 3 exempt (with secret words in its title and entries)."""
    m = make_meeting(items=5, entries=50, exempt=exempt)
    m.end, m.live_started = None, "2026-09-17T18:30:00"
    for n, item in enumerate(m.items):
        item.id = 100 + n
        item.started = "18:30" if n < 3 else None
        for k, e in enumerate(item.entries):
            e.id = 1000 + 10 * n + k
    m.items[2].title = SECRET_TITLE
    m.committee.speaking_limit, m.committee.exempt_titles_public = limit, titles_public
    return m


def all_text(state: ChamberState) -> str:
    """Every string the screen would draw."""
    return repr(dataclasses.asdict(state))


# -- what shows --------------------------------------------------------------------------


def test_the_current_item_the_speaker_with_their_time_and_the_queue_show() -> None:
    m = live_meeting()
    state = chamber_state(m, 101, speaker="p1", speaking_seconds=65, queue=["p4", "p0", "p5"])
    assert (state.committee, state.date) == ("Community Safety Scrutiny Committee", "Thursday, 17 September 2026")
    assert (state.item_number, state.item_title, state.private, state.notice) == ("2", "Agenda item 2", False, "")
    assert state.speaking.name == "Councillor O’Neill" and state.speaking.clock == "1:05"
    assert state.queue == ("Councillor Shah", "The Chair", "Councillor Wiśniewski")
    assert state.vote is None


def test_a_long_queue_names_the_first_four_and_counts_the_rest() -> None:
    state = chamber_state(live_meeting(), 101, queue=["p0", "p1", "p3", "p4", "p5", "p6"])
    assert len(state.queue) == 4 and state.more_waiting == 2


def test_someone_no_longer_at_the_meeting_is_not_named() -> None:
    state = chamber_state(live_meeting(), 101, speaker="gone", queue=["gone", "p1"])
    assert state.speaking is None and state.queue == ("Councillor O’Neill",)


def test_notes_and_the_draft_being_typed_never_show() -> None:
    m = live_meeting()
    m.items[1].entries.append(Entry(kind="note", text="Chair looked tired — do not minute", id=9999))
    m.draft = Draft(kind="speech", text="half-typed private remark")
    state = chamber_state(m, 101, speaker="p1", speaking_seconds=3)
    assert "tired" not in all_text(state) and "half-typed" not in all_text(state)
    assert "said something" not in all_text(state)


# -- Part 2 --------------------------------------------------------------------------------


def test_during_a_part_2_item_only_the_notice_shows() -> None:
    m = live_meeting()
    secret_vote = next(e for e in m.items[2].entries if e.kind == "vote")
    state = chamber_state(m, 102, speaker="p1", speaking_seconds=40, queue=["p4"], vote_id=secret_vote.id,
                          vote_age=1, vote_recorded_at="19:02")
    assert state == ChamberState(committee=m.committee.name, date="Thursday, 17 September 2026",
                                 notice=PART2_NOTICE, private=True)
    text = all_text(state)
    assert "Mill Lane" not in text and "secret" not in text and "O’Neill" not in text
    assert PART2_NOTICE == "Part 2 — the press and public have been excluded"


def test_a_part_2_title_shows_only_when_the_committee_says_titles_are_public() -> None:
    state = chamber_state(live_meeting(titles_public=True), 102, speaker="p1")
    assert (state.item_number, state.item_title, state.notice) == ("3", SECRET_TITLE, PART2_NOTICE)
    assert state.private and state.speaking is None and "secret" not in all_text(state)


def test_a_vote_taken_in_part_2_never_shows_even_after_the_item() -> None:
    m = live_meeting()
    secret_vote = next(e for e in m.items[2].entries if e.kind == "vote")
    assert chamber_state(m, 103, vote_id=secret_vote.id, vote_age=2).vote is None


def test_the_next_item_between_items_withholds_a_part_2_title() -> None:
    m = live_meeting()
    m.items[1].entries.append(Entry(kind="resolution", text="that the report be noted.", id=5000))
    state = chamber_state(m, 101)
    assert state.next_item == NextItem("3", "", exempt=True) and "Mill Lane" not in all_text(state)
    m.committee.exempt_titles_public = True
    assert chamber_state(m, 101).next_item == NextItem("3", SECRET_TITLE, exempt=True)


# -- between items, before and after ---------------------------------------------------------


def test_an_item_under_discussion_shows_no_next_item_until_it_is_decided() -> None:
    m = live_meeting(exempt=())
    m.items[3].entries = []
    m.items[3].started = "19:30"
    assert chamber_state(m, 103).next_item is None
    m.items[3].entries.append(Entry(kind="vote", votes_for=6, votes_against=1, outcome="carried", id=5001))
    assert chamber_state(m, 103).next_item == NextItem("5", "Agenda item 5")


def test_before_the_start_the_screen_says_so_and_names_the_first_item() -> None:
    m = live_meeting(exempt=())
    m.live_started = None
    for item in m.items:
        item.started = None
    state = chamber_state(m, 100)
    assert state.notice == NOT_STARTED and state.next_item == NextItem("1", "Agenda item 1") and not state.item_title


def test_after_the_close_the_screen_says_the_meeting_has_closed() -> None:
    m = live_meeting()
    m.end = "20:05"
    state = chamber_state(m, 104, speaker="p1", queue=["p4"])
    assert state.notice == CLOSED and state.speaking is None and not state.queue


# -- votes ---------------------------------------------------------------------------------


def test_a_recorded_vote_shows_its_result_and_time_for_30_seconds() -> None:
    m = live_meeting()
    vote = Entry(kind="vote", motion="that the fees rise", votes_for=6, votes_against=2, votes_abstain=1,
                 outcome="carried", id=7000)
    m.items[1].entries.append(vote)
    state = chamber_state(m, 101, vote_id=7000, vote_age=29.9, vote_recorded_at="19:42")
    assert (state.vote.votes_for, state.vote.against, state.vote.abstain) == (6, 2, 1)
    assert (state.vote.outcome, state.vote.at) == ("CARRIED", "7.42 pm")
    assert chamber_state(m, 101, vote_id=7000, vote_age=30, vote_recorded_at="19:42").vote is None
    vote.outcome, vote.at = "lost", "19:40"
    assert chamber_state(m, 101, vote_id=7000, vote_age=3, vote_recorded_at="19:42").vote.outcome == "LOST"
    assert chamber_state(m, 101, vote_id=7000, vote_age=3, vote_recorded_at="19:42").vote.at == "7.40 pm"


def test_an_undone_vote_disappears() -> None:
    assert chamber_state(live_meeting(), 101, vote_id=123456, vote_age=1).vote is None


# -- the speaking-time limit ----------------------------------------------------------------


@pytest.mark.parametrize(("seconds", "level", "words"), [(0, "normal", ""), (149, "normal", ""), (150, "amber", "30 s left"),
                                                         (179, "amber", "1 s left"), (180, "red", "time is up"),
                                                         (400, "red", "time is up")])
def test_the_timer_turns_amber_30_seconds_before_the_limit_and_red_at_it(seconds: int, level: str, words: str) -> None:
    assert timer_level(seconds, 180) == level and time_left_words(seconds, 180) == words
    state = chamber_state(live_meeting(limit=180), 101, speaker="p1", speaking_seconds=seconds)
    assert state.speaking.level == level and state.speaking.limit == 180


def test_without_a_limit_the_timer_never_changes_colour() -> None:
    assert timer_level(10_000, None) == "normal" and time_left_words(10_000, None) == ""
    assert clock(3725) == "1:02:05" and clock(5) == "0:05"


@pytest.mark.parametrize(("text", "seconds"), [("3:00", 180), ("180", 180), ("0:45", 45), ("none", None), ("", None),
                                               ("off", None), ("10:30", 630)])
def test_a_limit_is_written_as_minutes_and_seconds_or_seconds(text: str, seconds: int | None) -> None:
    assert parse_limit(text) == seconds


@pytest.mark.parametrize("text", ["3:75", "three minutes", "-5", "1:2", "99999"])
def test_a_limit_that_is_not_a_time_is_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(BadInput) as refused:
        parse_limit(text)
    assert str(refused.value).count(".") <= 2 and "\n" not in str(refused.value)


# -- the committee's settings in the store -------------------------------------------------


def test_the_settings_are_kept_in_the_store_and_read_with_every_meeting(store: Store) -> None:
    mid = store.import_meeting(make_meeting())
    assert (store.load_meeting(mid).committee.speaking_limit, store.committee(
        "Community Safety Scrutiny Committee").exempt_titles_public) == (None, False)
    change = ops.set_committee_settings(store, "Community Safety Scrutiny Committee", 180, True)
    assert change.result.speaking_limit == 180 and change.result.exempt_titles_public is True
    committee = store.load_meeting(mid).committee
    assert (committee.speaking_limit, committee.exempt_titles_public) == (180, True)
    columns = [r[1] for r in store.db.conn.execute("PRAGMA table_info(committees)")]
    assert {"speaking_limit", "exempt_titles_public"} <= set(columns)


def test_changing_the_settings_is_undone_and_redone_exactly(store: Store) -> None:
    store.import_meeting(make_meeting())
    before = snapshot(store)
    change = ops.set_committee_settings(store, "Community Safety Scrutiny Committee", 120, True)
    after = snapshot(store)
    assert after != before and change.undoable
    undone = ops.run(store, change.inverse)
    assert snapshot(store) == before
    ops.run(store, undone.inverse)
    assert snapshot(store) == after


def test_approved_minutes_do_not_lock_the_committee_settings(store: Store) -> None:
    mid = store.import_meeting(make_meeting())
    ops.set_status(store, mid, "approved")
    ops.set_committee_settings(store, "Community Safety Scrutiny Committee", 90, False)
    assert store.committee("Community Safety Scrutiny Committee").speaking_limit == 90


def test_bad_settings_are_refused_and_change_nothing(store: Store) -> None:
    store.import_meeting(make_meeting())
    before = snapshot(store)
    with pytest.raises(NoSuchMeeting):
        ops.set_committee_settings(store, "No Such Committee", 180, False)
    with pytest.raises(BadInput):
        ops.set_committee_settings(store, "Community Safety Scrutiny Committee", -3, False)
    with pytest.raises(BadInput):
        ops.set_committee_settings(store, "Community Safety Scrutiny Committee", 180, "yes")
    assert snapshot(store) == before


def test_a_version_2_store_gains_the_settings_columns_with_nothing_lost(tmp_path: Path) -> None:
    import sqlite3

    from clerkdesk.store import schema

    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    for migrate in schema.MIGRATIONS[:2]:
        migrate(conn)
    conn.execute("INSERT INTO committees(name, minute_format) VALUES ('Planning Committee', 'P/{n}')")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store(path) as s:
        c = s.committee("Planning Committee")
    assert (c.minute_format, c.speaking_limit, c.exempt_titles_public) == ("P/{n}", None, False)


# -- the command line ------------------------------------------------------------------------


def test_the_command_line_shows_and_sets_the_settings(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "meeting.clerkdesk"
    path.write_text(write_meeting_file(make_meeting(committee="Planning Committee")), encoding="utf-8")
    assert clerkdesk(data_dir, "import", str(path)).returncode == 0
    shown = clerkdesk(data_dir, "chamber-settings", "Planning Committee")
    assert shown.stdout.strip() == ("Planning Committee: speaking limit none; Part 2 titles hidden on the chamber "
                                    "screen.")
    set_ = clerkdesk(data_dir, "chamber-settings", "Planning Committee", "--speaking-limit", "3:00")
    assert set_.returncode == 0 and "speaking limit 3:00; Part 2 titles hidden" in set_.stdout
    set_ = clerkdesk(data_dir, "chamber-settings", "Planning Committee", "--part2-titles", "shown")
    assert "speaking limit 3:00; Part 2 titles shown" in set_.stdout
    for args, says in ((("--speaking-limit", "3:99"), "not a speaking time"), ((), "no committee")):
        before = fingerprint(data_dir)
        committee = "Planning Committee" if args else "Licensing Committee"
        refused = clerkdesk(data_dir, "chamber-settings", committee, *args)
        assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1 and says in refused.stderr
        assert fingerprint(data_dir) == before


# -- the council's colours ---------------------------------------------------------------------


def council_template(tmp_path: Path, dark2: str, accent1: str = "4F81BD") -> Path:
    """The house template with its theme's Dark 2 and Accent 1 set, as a council's own template has them."""
    import re
    import zipfile

    from clerkdesk.export.word_template import default_template

    out = tmp_path / f"council-{dark2}.dotx"
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/theme/theme1.xml":
                text = data.decode("utf-8")
                text = re.sub(r'(<a:dk2>\s*<a:srgbClr val=")[0-9A-F]{6}', rf"\g<1>{dark2}", text)
                text = re.sub(r'(<a:accent1>\s*<a:srgbClr val=")[0-9A-F]{6}', rf"\g<1>{accent1}", text)
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out


def test_a_council_template_gives_the_chamber_screen_its_colour(tmp_path: Path) -> None:
    from clerkdesk.chamber import contrast, council_colours

    page, band, rule = council_colours(council_template(tmp_path, "5B1A3A"))  # a council's burgundy
    assert page == "#5b1a3a" and band != page and rule not in (page, band)
    assert contrast("#ffffff", page) >= 7 and contrast("#ffffff", band) >= 4.5
    # A Dark 2 too light for white text: the next theme colour that is dark enough, else the house navy.
    assert council_colours(council_template(tmp_path, "FFD24C", accent1="00385F"))[0] == "#00385f"
    assert council_colours(council_template(tmp_path, "FFD24C", accent1="9BBB59")) is None


def test_word_s_own_colours_a_missing_or_broken_template_keep_the_house_navy(tmp_path: Path) -> None:
    from clerkdesk.chamber import council_colours
    from clerkdesk.export.word_template import default_template

    broken = tmp_path / "broken.dotx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    for template in (default_template(), None, "", tmp_path / "gone.dotx", broken, council_template(tmp_path, "44546A")):
        assert council_colours(template) is None
