"""Proofing: en-GB spelling that knows the meeting's own words, and the council's house style."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerkdesk.errors import BadInput
from clerkdesk.model import Committee, Entry, Item, Meeting, Person
from clerkdesk.proofing import (Proofer, Speller, add_words, check_meeting, fix_style, load_style, meeting_words,
                                read_word_list, style_problems)
from clerkdesk.sample import sample_meeting
from tests.builders import make_meeting

# Misspellings clerks make, and what each should become: the first suggestion must be it.
MISSPELT = {"recieved": "received", "seperate": "separate", "occured": "occurred", "accomodation": "accommodation",
            "definately": "definitely", "goverment": "government", "commitee": "committee",
            "neccessary": "necessary", "untill": "until", "beleive": "believe", "arguement": "argument",
            "begining": "beginning", "buisness": "business", "enviroment": "environment", "existance": "existence",
            "foriegn": "foreign", "independant": "independent", "liason": "liaison", "noticable": "noticeable",
            "occassion": "occasion", "posession": "possession", "prefered": "preferred", "reccomend": "recommend",
            "relevent": "relevant", "succesful": "successful", "tommorow": "tomorrow", "truely": "truly",
            "acheive": "achieve", "councilor": "councillor", "immediatly": "immediately", "parliment": "parliament",
            "Recieved": "Received"}


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller()


@pytest.fixture
def style():
    return load_style()


@pytest.mark.parametrize("word", sorted(MISSPELT))
def test_a_common_misspelling_is_flagged_and_its_first_suggestion_corrects_it(speller: Speller, word: str) -> None:
    proofer = Proofer(speller, load_style())
    problems = proofer.check(f"The Committee {word} the report.")
    assert [p.found for p in problems] == [word]
    assert speller.suggest(word, 1) == (MISSPELT[word],)
    assert speller.first_suggestion(word) == MISSPELT[word]


def test_british_spelling_is_right_and_american_is_not(speller: Speller) -> None:
    assert all(speller.known(w) for w in ("colour", "organisation", "centre", "recognised", "councillor"))
    assert not speller.known("color") and not speller.known("center")


def test_digits_addresses_minute_numbers_and_abbreviations_are_never_flagged(speller: Speller) -> None:
    text = ("See www.ashcombe.gov.uk/plans or write to clerk@ashcombe.gov.uk about EC/25/26, the 3rd quarter, "
            "2025/26, OPCC, HMIC and https://example.org/zxqv.")
    assert Proofer(speller, load_style()).check(text) == []


@pytest.mark.parametrize("meeting", [sample_meeting(), make_meeting(people=10)], ids=["sample", "builders"])
def test_no_name_of_the_meeting_is_flagged(speller: Speller, meeting: Meeting) -> None:
    proofer = Proofer.for_meeting(meeting, speller, None)
    for p in meeting.people:
        said = f"{p.title} {p.name} ({p.role}) spoke; {p.name}’s point was noted."
        assert [x.found for x in proofer.check(said) if x.kind == "spelling"] == [], p.name
    for text in (meeting.committee.name, meeting.venue, *(i.title for i in meeting.items)):
        assert [x.found for x in proofer.check(text) if x.kind == "spelling"] == [], text


def test_names_with_diacritics_apostrophes_and_hyphens_are_the_meetings_own_words(speller: Speller) -> None:
    meeting = Meeting(committee=Committee("Cwmbran Liaison Panel"), title="Panel", date="2026-10-15",
                      venue="Neuadd y Dref", people=[Person("a", "Síofra Ní Bhriain"), Person("b", "Tomasz Wiśniewski"),
                                                     Person("c", "Rhys Pryce-Jones"), Person("d", "Declan O’Neill")])
    assert {"ní", "bhriain", "wiśniewski", "pryce", "jones", "o'neill", "cwmbran", "neuadd", "dref"} <= meeting_words(meeting)
    proofer = Proofer.for_meeting(meeting, speller, None)
    text = "Councillor Ní Bhriain, Councillor Wiśniewski, Councillor Pryce-Jones and O’Neill met at Neuadd y Dref."
    assert [p for p in proofer.check(text) if p.kind == "spelling"] == []
    assert [p.found for p in proofer.check("Councillor Wisniewsky agreed.")] == ["Wisniewsky"]


def test_the_council_word_list_round_trips_and_is_never_flagged(tmp_path: Path, speller: Speller) -> None:
    assert read_word_list(tmp_path) == []
    assert add_words(tmp_path, ["Ashcombe", "Tŷ", "ashcombe"]) == ["Ashcombe", "Tŷ"]
    assert add_words(tmp_path, ["Ashcombe"]) == []
    assert read_word_list(tmp_path) == ["Ashcombe", "Tŷ"]
    assert (tmp_path / "council-words.txt").read_text(encoding="utf-8") == "Ashcombe\nTŷ\n"
    meeting = make_meeting(people=4)
    proofer = Proofer.for_meeting(meeting, speller, tmp_path)
    assert proofer.check("Ashcombe’s plan for Tŷ Newydd") == [p for p in proofer.check("Ashcombe’s plan for Tŷ Newydd")
                                                                if p.found == "Newydd"]
    with pytest.raises(BadInput, match="more than one word"):
        add_words(tmp_path, ["two words"])


def test_words_ignored_in_a_meeting_are_not_flagged_there(speller: Speller) -> None:
    meeting = make_meeting(people=4)
    meeting.ignored_words = ["Zorbington"]
    assert Proofer.for_meeting(meeting, speller, None).check("Zorbington agreed") == []


# Each default rule: what it flags, and what the text reads after the fix.
STYLE = [
    ("words", "Cllr Marsh and Cllr. Shah agreed.", "Councillor Marsh and Councillor Shah agreed."),
    ("words", "Some wards, e.g. Ashby, and one, i.e. Hill, agreed.",
     "Some wards, for example Ashby, and one, that is Hill, agreed."),
    ("times", "It began at 6:30pm and ended at 8.05PM.", "It began at 6.30 pm and ended at 8.05 pm."),
    ("times", "It began at 18:30 and resumed at 6.30pm.", "It began at 6.30 pm and resumed at 6.30 pm."),
    ("times", "The site opens at 9am.", "The site opens at 9.00 am."),
    ("noon", "It resumed at 12 noon, then 12.00pm.", "It resumed at noon, then noon."),
    ("noon", "It adjourned at 12:00.", "It adjourned at noon."),
    ("dates", "It meets on 15th October 2026.", "It meets on 15 October 2026."),
    ("dates", "It met on 15/10/2026.", "It met on 15 October 2026."),
    ("per_cent", "Rents rise by 4%.", "Rents rise by 4 per cent."),
    ("chair", "The Chairman thanked members.", "The Chair thanked members."),
    ("small_numbers", "There were 3 objections and 12 letters.", "There were three objections and 12 letters."),
    ("small_numbers", "5 residents spoke.", "Five residents spoke."),
    ("double_spaces", "The report  was noted.", "The report was noted."),
    ("quotes", 'He said "not yet" and it\'s done.', "He said “not yet” and it’s done."),
]


@pytest.mark.parametrize("rule, text, fixed", STYLE)
def test_each_house_style_rule_flags_its_examples_and_fixes_them(style, rule: str, text: str, fixed: str) -> None:
    assert rule in {p.rule for p in style_problems(text, style)}
    assert fix_style(text, style) == fixed
    assert style_problems(fixed, style) == []


@pytest.mark.parametrize("text", [
    "The meeting closed at 8.05 pm.", "Item 5 was deferred to paragraph 3 of Appendix 2.",
    "It rose by 4 per cent from 1 April 2027, between 2 and 12 sites.", "The Chair thanked members.",
    "Resolved (1) that the report be noted.", "It took 3 km of road and 2.5 hectares.",
    "Councillor O’Neill said “not yet”.", "It resumed at noon."])
def test_text_in_house_style_is_left_alone(style, text: str) -> None:
    assert style_problems(text, style) == [], text


def test_the_councils_file_and_a_committees_section_override_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "house-style.toml").write_text(
        '[rules]\nsmall_numbers = false\n[settings]\nnoon = "12.00 pm"\nper_cent = "%"\n[replace]\n"approx." = "about"\n'
        '[committees."Planning Committee".settings]\nchair = "Chairman"\n', encoding="utf-8")
    council = load_style(tmp_path, "Licensing Committee")
    assert fix_style("At 12 noon 3 said approx. 4%; the Chairman agreed.", council) == \
        "At 12.00 pm 3 said about 4%; the Chair agreed."
    planning = load_style(tmp_path, "Planning Committee")
    assert fix_style("The Chair agreed.", planning) == "The Chairman agreed."


def test_a_house_style_file_that_cannot_be_read_says_so_in_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "house-style.toml").write_text("[rules\n", encoding="utf-8")
    with pytest.raises(BadInput, match="cannot be read"):
        load_style(tmp_path)
    (tmp_path / "house-style.toml").write_text('[settings]\nchair = "Boss"\n', encoding="utf-8")
    with pytest.raises(BadInput, match="chair setting"):
        load_style(tmp_path)


def test_a_whole_meeting_check_says_where_each_problem_is(speller: Speller) -> None:
    meeting = make_meeting(items=2, entries=4, people=4)
    meeting.items[1] = Item(number="5", title="Budget", id=7, entries=[
        Entry(kind="note", text="The report was noted.", id=1),
        Entry(kind="note", text="The Committee recieved the report from Cllr Marsh.", id=2)])
    lines = [f.describe() for f in check_meeting(meeting, Proofer.for_meeting(meeting, speller, None))]
    assert lines == ['item 5, entry 2: spelling: "recieved" → received', 'item 5, entry 2: house style: "Cllr" → Councillor']


def test_a_meeting_without_problems_is_clean(speller: Speller) -> None:
    meeting = make_meeting(items=3, entries=30, people=10)
    assert check_meeting(meeting, Proofer.for_meeting(meeting, speller, None)) == []
