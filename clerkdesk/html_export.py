"""The minutes as an HTML page for the council website: one <section> per item.

Semantic markup only (h1/h2, p, ul/li, a table whose headings have scope), lang="en-GB", a
small embedded style sheet and no scripts, so a council can publish it as it is or lift the
<main> into its own site. Every piece of text is escaped; wording and layout come from
``minutes.build_minutes``, which has already withheld exempt business from a public version.
"""

from __future__ import annotations

import html
import re

from .export import ExportOptions
from .minutes import (ACTION_COLUMNS, ACTIONS_HEADING, ATTENDANCE_HEADING, CONFIDENTIAL_MARK, Minutes,
                      build_minutes)
from .model import Meeting
from .wording import Paragraph, Run, soft_returns_to_spaces

# Characters HTML forbids or a browser would show as boxes; pasted line breaks become <br>.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\f\u2028\u2029\x85]")
ACTIONS_CAPTION = "Actions agreed at the meeting"

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; color: #1f3864; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; color: #1f3864; margin: 1.6rem 0 .4rem; }
.meta { margin: 0; }
.confidential { font-weight: bold; color: #a00000; border: 2px solid #a00000; padding: .3rem .6rem; }
ol.parts { list-style: none; counter-reset: part; padding-left: 2.2rem; }
ol.parts > li { counter-increment: part; }
ol.parts > li::before { content: "(" counter(part, lower-alpha) ") "; margin-left: -2.2rem; display: inline-block;
                        width: 2.2rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
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


def _body(paragraphs: list[Paragraph]) -> list[str]:
    """The attendance, one <section> per item, and the closing line, with bullets grouped in lists.

    A second-level bullet is a list inside its point's <li>; a resolution's parts (a), (b)… an
    ordered list after it, lettered by the style sheet.
    """
    out: list[str] = ['<section class="attendance">', f"<h2>{_esc(ATTENDANCE_HEADING)}</h2>"]
    open_lists: list[str] = []  # closing tags of the lists now open, innermost last

    def close_to(depth: int) -> None:
        while len(open_lists) > depth:
            out.append(open_lists.pop())

    for para in paragraphs:
        if para.role == "bullet":
            if open_lists[:1] == ["</ol>"]:
                close_to(0)
            if para.level == 2 and open_lists == ["</ul>"] and out[-1].endswith("</li>"):
                out[-1] = out[-1][:-len("</li>")]  # the sub-list goes inside its point
                out.append("<ul>")
                open_lists.append("</ul></li>")
            elif para.level != 2:
                close_to(1 if open_lists[:1] == ["</ul>"] else 0)
            if not open_lists:
                out.append("<ul>")
                open_lists.append("</ul>")
            out.append(f"<li>{_runs(para.runs)}</li>")
            continue
        if para.role == "resolution" and para.level == 2:
            if open_lists != ['</ol>']:
                close_to(0)
                out.append('<ol class="parts">')
                open_lists.append("</ol>")
            if para.label or not out[-1].endswith("</li>"):
                out.append(f"<li>{_runs(para.runs)}</li>")
            else:  # a further paragraph of the same part
                out[-1] = out[-1][:-len("</li>")] + f"<br>{_runs(para.runs)}</li>"
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
    """The actions table, headed by column headings screen readers can announce."""
    out = ["<section>", f"<h2>{_esc(ACTIONS_HEADING)}</h2>", "<table>", f"<caption>{_esc(ACTIONS_CAPTION)}</caption>",
           "<thead>", "<tr>"]
    out += [f'<th scope="col">{_esc(col)}</th>' for col in ACTION_COLUMNS]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in minutes.actions:
        out.append("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in
                                    (row.minute, row.action, row.owner, row.due)) + "</tr>")
    out += ["</tbody>", "</table>", "</section>"]
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
    text = _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", soft_returns_to_spaces(text)))
    return "<br>".join(html.escape(line, quote=True) for line in text.split("\n"))
