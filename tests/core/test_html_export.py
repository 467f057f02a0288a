"""The HTML page for the council website, parsed back and checked as a browser would see it."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clerkdesk.export import render
from clerkdesk.minutes import ACTION_COLUMNS, CONFIDENTIAL_MARK, PRIVATE_ITEM
from clerkdesk.model import Entry
from clerkdesk.sample import sample_meeting
from tests.builders import make_meeting


class Page(HTMLParser):
    """Tags, attributes and text of a page, and whether its elements nest properly."""

    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.nesting_errors: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.nesting_errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def html(meeting=None, confidential: bool = False) -> str:
    return render(meeting or sample_meeting(), "html", confidential).data.decode("utf-8")


def test_the_page_is_well_formed_english_and_semantic() -> None:
    page = Page(html())
    assert not page.nesting_errors and not page.stack
    assert page.tags[0] == ("html", {"lang": "en-GB"})
    assert page.count("h1") == 1
    assert page.count("section") == len(sample_meeting().items) + 2  # attendance, items, actions
    assert page.count("h2") == len(sample_meeting().items) + 2  # attendance, items, actions
    assert page.count("ul") == 1 and page.count("ol") == 1 and page.count("li") == 4  # 2 points, 2 resolutions
    assert page.count("script") == 0
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)


def test_one_section_per_item_each_headed_by_its_minute() -> None:
    text = html()
    assert "<section>\n<h2>EC/24/26 Street Cleansing Performance, Quarter 2</h2>" in text
    assert "<p><strong>Present:</strong> Councillors Helen Marsh (Chair)" in text
    assert '<p class="closing">The meeting closed at 8.40 pm.</p>' in text


def test_an_items_several_resolutions_are_an_ordered_list_numbered_as_the_minutes_number_them() -> None:
    text = html()
    assert ('<p class="resolution"><strong>RESOLVED:</strong></p>\n<ol class="resolutions">\n'
            "<li>that the draft Fly-tipping Enforcement Policy be recommended to Cabinet for adoption;</li>\n"
            "<li>that the Head of Environmental Services publicise the new penalties before they take effect.</li>\n"
            "</ol>") in text
    assert 'content: "(" counter(list-item) ") "' in text  # shown as (1), (2)
    assert '<p class="resolution"><strong>RESOLVED:</strong> that the report be noted.</p>' in text  # one alone


def test_the_actions_table_has_a_caption_and_scrolls_within_its_own_box_on_a_narrow_screen() -> None:
    text = html()
    page = Page(text)
    assert page.count("caption") == 1
    region = next(attrs for tag, attrs in page.tags if tag == "div" and attrs.get("class") == "table-scroll")
    assert region == {"class": "table-scroll", "role": "region", "aria-labelledby": "actions-heading",
                      "tabindex": "0"}  # a scrolling box the keyboard can reach, named by its heading
    assert '<h2 id="actions-heading">' in text
    assert ".table-scroll { overflow-x: auto; }" in text


def test_the_actions_table_has_column_headers_with_scope() -> None:
    page = Page(html())
    headers = [attrs for tag, attrs in page.tags if tag == "th"]
    assert len(headers) == len(ACTION_COLUMNS) and all(a == {"scope": "col"} for a in headers)
    assert page.count("thead") == 1 and page.count("tr") == 3


def test_everything_typed_is_escaped_and_pasted_oddities_do_no_harm() -> None:
    meeting = sample_meeting()
    meeting.items[0].entries.append(Entry(kind="note", text='<script>alert("x")</script> & <b onclick=1>\vnext\x00\x1b'))
    meeting.title = "Planning & <Licensing>"
    text = html(meeting)
    page = Page(text)
    assert page.count("script") == 0 and page.count("b") == 0
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=1&gt; next</p>' in text  # a soft return is a space
    assert "<h1>Minutes of the Planning &amp; &lt;Licensing&gt;</h1>" in text
    assert "\x00" not in text and "\x1b" not in text and "\v" not in text


def test_exempt_items_are_withheld_from_the_public_page() -> None:
    public, confidential = html(), html(confidential=True)
    assert "£4.2 million" not in public and PRIVATE_ITEM in public and CONFIDENTIAL_MARK not in public
    assert "£4.2 million" in confidential and CONFIDENTIAL_MARK in confidential
    assert 'name="robots" content="noindex' in confidential


def test_a_meeting_with_no_people_or_end_time_still_makes_a_page() -> None:
    meeting = make_meeting(items=3, entries=9, people=1)
    meeting.people, meeting.end = [], None
    page = Page(html(meeting))
    assert not page.nesting_errors
    assert page.count("section") == 3  # no empty attendance section, no actions table


def _axe_ready() -> bool:
    """Node with axe-core and puppeteer-core, and Chromium: installed in CI, seldom on a laptop."""
    if not (shutil.which("node") and (os.environ.get("CHROMIUM") or shutil.which("chromium"))):
        return False
    probe = subprocess.run(["node", "-e", "require('axe-core'); require('puppeteer-core')"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _axe_ready(), reason="axe needs node (axe-core, puppeteer-core on NODE_PATH) and chromium")
def test_axe_finds_nothing_in_the_public_or_confidential_page_at_desktop_width_or_320_px(tmp_path: Path) -> None:
    pages = []
    for confidential in (False, True):
        page = tmp_path / f"minutes-{'confidential' if confidential else 'public'}.html"
        page.write_text(html(confidential=confidential), encoding="utf-8")
        pages.append(str(page))
    script = Path(__file__).resolve().parents[2] / "tools" / "axe_check.js"
    env = {**os.environ, "CHROMIUM": os.environ.get("CHROMIUM") or shutil.which("chromium")}
    run = subprocess.run(["node", str(script), *pages], capture_output=True, text=True, timeout=180, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count(": 0 violations") == 4
