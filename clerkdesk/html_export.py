"""The minutes as an HTML page for the council website: one <section> per item.

Semantic markup only (h1/h2, p, ul/li, a table whose headings have scope), lang="en-GB", a
small embedded style sheet and no scripts, so a council can publish it as it is or lift the
<main> into its own site. Every piece of text is escaped; wording and layout come from
``minutes.build_minutes``, which has already withheld exempt business from a public version.
"""

from __future__ import annotations

import html

from .export import ExportOptions
from .minutes import ACTION_COLUMNS, ACTIONS_HEADING, CONFIDENTIAL_MARK, Minutes, build_minutes
from .model import Meeting
from .text import clean_text
from .wording import Paragraph, Run


STYLE = """
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; color: #1f3864; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; color: #1f3864; margin: 1.6rem 0 .4rem; }
.meta { margin: 0; }
.confidential { font-weight: bold; color: #a00000; border: 2px solid #a00000; padding: .3rem .6rem; }
.resolution { margin-left: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #808080; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e7e6e6; }
"""


def write_html(meeting: Meeting, options: ExportOptions) -> bytes:
    """The meeting's minutes as a UTF-8 HTML page."""
    return minutes_html(build_minutes(meeting, options.confidential)).encode("utf-8")


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
    out.append(f"<h1>{_esc(minutes.meeting_title)}</h1>")
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
    """The attendance, one <section> per item, and the closing line, with bullets grouped in lists."""
    out: list[str] = ['<section class="attendance">']
    in_list = False
    for para in paragraphs:
        if para.role != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        if para.role == "heading":
            out += ["</section>", "<section>", f"<h2>{_runs(para.runs)}</h2>"]
        elif para.role == "closing":
            out += ["</section>", f'<p class="closing">{_runs(para.runs)}</p>']
        elif para.role == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_runs(para.runs)}</li>")
        else:
            cls = f' class="{para.role}"' if para.role in ("resolution", "event") else ""
            out.append(f"<p{cls}>{_runs(para.runs)}</p>")
    if in_list:
        out.append("</ul>")
    if not out[-1].startswith('<p class="closing">'):
        out.append("</section>")
    # An attendance section with nothing in it (no people recorded) is dropped.
    if out[1] == "</section>":
        out = out[2:]
    return out


def _actions(minutes: Minutes) -> list[str]:
    """The actions table, headed by column headings screen readers can announce."""
    out = ["<section>", f"<h2>{_esc(ACTIONS_HEADING)}</h2>", "<table>", "<thead>", "<tr>"]
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
    text = clean_text(text)
    return "<br>".join(html.escape(line, quote=True) for line in text.split("\n"))
