"""The minutes as an HTML page for the council website: one <section> per item.

Semantic markup only (h1/h2, p, ul/li, a table whose headings have scope), lang="en-GB", a
small embedded style sheet and no scripts, so a council can publish it as it is or lift the
<main> into its own site. Every piece of text is escaped; wording and layout come from
``minutes.build_minutes``, which has already withheld exempt business from a public version.
"""

from __future__ import annotations

import html
import re

from clerkdesk.minutes import (ACTION_COLUMNS, ACTIONS_HEADING, ATTENDANCE_HEADING, CONFIDENTIAL_MARK, Minutes,
                               build_minutes)
from clerkdesk.model import Meeting
from clerkdesk.text import clean_text
from clerkdesk.wording import Paragraph, Run

from .options import ExportOptions

ACTIONS_CAPTION = "Actions agreed at the meeting"

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; color: #1f3864; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; color: #1f3864; margin: 1.6rem 0 .4rem; }
.meta { margin: 0; }
.confidential { font-weight: bold; color: #a00000; border: 2px solid #a00000; padding: .3rem .6rem; }
.resolution { margin-left: 1.5rem; }
ol.resolutions { margin: 0 0 1rem 1.5rem; padding-left: 2.2rem; }
ol.resolutions > li::marker { content: "(" counter(list-item) ") "; }
.table-scroll { overflow-x: auto; }
.table-scroll:focus { outline: 3px solid #1f3864; outline-offset: 2px; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
ol.parts { list-style: none; counter-reset: part; padding-left: 2.2rem; }
ol.parts > li { counter-increment: part; }
ol.parts > li::before { content: "(" counter(part, lower-alpha) ") "; margin-left: -2.2rem; display: inline-block;
                        width: 2.2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #808080; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e7e6e6; }
"""


def write_html(meeting: Meeting, options: ExportOptions) -> bytes:
    """The meeting's minutes as a UTF-8 HTML page."""
    return minutes_html(build_minutes(meeting, options.confidential, options.house_style)).encode("utf-8")


def minutes_html(minutes: Minutes) -> str:
    """Laid-out minutes as a complete HTML document."""
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_esc(minutes.document_title)}</title>"]
    if minutes.confidential:
        out.append('<meta name="robots" content="noindex, nofollow">')
    out += [f"<style>{STYLE}</style>", "</head>", "<body>", "<main>", "<header>"]
    if minutes.confidential:
        out.append(f'<p class="confidential">{_esc(CONFIDENTIAL_MARK)}</p>')
    out.append(f"<h1>{_esc(minutes.heading)}</h1>")
    for line in (minutes.when, minutes.venue):
        if line:
            out.append(f'<p class="meta">{_esc(line)}</p>')
    out.append("</header>")
    out += _body(minutes.paragraphs)
    if minutes.actions:
        out += _actions(minutes)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


_NUMBERED = re.compile(r"^\((\d+)\) $")


def _numbered(para: Paragraph) -> int | None:
    """Where a numbered resolution's "(n) " run stands among its runs, or None."""
    if para.role != "resolution":
        return None
    return next((n for n, run in enumerate(para.runs) if _NUMBERED.match(run.text)), None)


def _body(paragraphs: list[Paragraph]) -> list[str]:
    """The attendance, one <section> per item, and the closing line, with bullets grouped in lists.

    A second-level bullet is a list inside its point's <li>; an item's several resolutions, (1),
    (2)…, an ordered list; a resolution's parts (a), (b)… an ordered list after it (inside the
    numbered resolution it belongs to), lettered by the style sheet.
    """
    out: list[str] = ['<section class="attendance">', f"<h2>{_esc(ATTENDANCE_HEADING)}</h2>"]
    open_lists: list[tuple[str, str]] = []  # (kind, closing tags) of the lists now open, innermost last

    def close_to(depth: int) -> None:
        while len(open_lists) > depth:
            out.append(open_lists.pop()[1])

    def kinds() -> list[str]:
        return [kind for kind, _tag in open_lists]

    for para in paragraphs:
        if para.role == "bullet":
            if kinds()[:1] != ["bullets"]:
                close_to(0)
            if para.level == 2 and kinds() == ["bullets"] and out[-1].endswith("</li>"):
                out[-1] = out[-1][:-len("</li>")]  # the sub-list goes inside its point
                out.append("<ul>")
                open_lists.append(("sub-bullets", "</ul></li>"))
            elif para.level != 2:
                close_to(1 if kinds()[:1] == ["bullets"] else 0)
            if not open_lists:
                out.append("<ul>")
                open_lists.append(("bullets", "</ul>"))
            out.append(f"<li>{_runs(para.runs)}</li>")
            continue
        if para.role == "resolution" and para.level == 2:
            if kinds() == ["resolutions"] and out[-1].endswith("</li>"):
                out[-1] = out[-1][:-len("</li>")]  # the parts go inside their numbered resolution
                out.append('<ol class="parts">')
                open_lists.append(("parts", "</ol></li>"))
            elif kinds()[-1:] != ["parts"]:
                close_to(0)
                out.append('<ol class="parts">')
                open_lists.append(("parts", "</ol>"))
            if para.label or not out[-1].endswith("</li>"):
                out.append(f"<li>{_runs(para.runs)}</li>")
            else:  # a further paragraph of the same part
                out[-1] = out[-1][:-len("</li>")] + f"<br>{_runs(para.runs)}</li>"
            continue
        number_at = _numbered(para)
        if number_at is not None:
            lead = "".join(r.text for r in para.runs[:number_at]).strip()
            if lead or kinds()[:1] != ["resolutions"]:
                close_to(0)
                if lead:
                    out.append(f'<p class="resolution">{_runs(para.runs[:number_at]).rstrip()}</p>')
                out.append('<ol class="resolutions">')
                open_lists.append(("resolutions", "</ol>"))
            close_to(1)
            out.append(f"<li>{_runs(para.runs[number_at + 1:])}</li>")
            continue
        close_to(0)
        if para.role == "heading":
            out += ["</section>", "<section>", f"<h2>{_runs(para.runs)}</h2>"]
        elif para.role == "closing":
            out += ["</section>", f'<p class="closing">{_runs(para.runs)}</p>']
        else:
            cls = f' class="{para.role}"' if para.role in ("resolution", "event") else ""
            out.append(f"<p{cls}>{_runs(para.runs)}</p>")
    close_to(0)
    if not out[-1].startswith('<p class="closing">'):
        out.append("</section>")
    # An attendance section with nothing in it (no people recorded) is dropped.
    if out[2] == "</section>":
        out = out[3:]
    return out


def _actions(minutes: Minutes) -> list[str]:
    """The actions table, headed by column headings screen readers can announce; on a narrow screen it
    scrolls within its own box (which the keyboard can reach) rather than the page scrolling sideways."""
    out = ["<section>", f'<h2 id="actions-heading">{_esc(ACTIONS_HEADING)}</h2>',
           '<div class="table-scroll" role="region" aria-labelledby="actions-heading" tabindex="0">', "<table>",
           f"<caption>{_esc(ACTIONS_CAPTION)}</caption>", "<thead>", "<tr>"]
    out += [f'<th scope="col">{_esc(col)}</th>' for col in ACTION_COLUMNS]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in minutes.actions:
        out.append("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in
                                    (row.minute, row.action, row.owner, row.due)) + "</tr>")
    out += ["</tbody>", "</table>", "</div>", "</section>"]
    return out


def _runs(runs: list[Run]) -> str:
    """Runs as escaped inline HTML: bold as <strong>, italic as <em>."""
    parts = []
    for run in runs:
        text = _esc(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "".join(parts)


def _esc(text: str) -> str:
    """Text escaped for HTML, forbidden characters dropped, pasted line breaks as <br>."""
    text = clean_text(text)
    return "<br>".join(html.escape(line, quote=True) for line in text.split("\n"))
