"""The minutes as plain text, for the terminal and for pasting into an e-mail."""

from __future__ import annotations

from clerkdesk.minutes import ACTIONS_HEADING, CONFIDENTIAL_MARK, Minutes
from clerkdesk.text import clean_text


def minutes_text(minutes: Minutes) -> str:
    """Render laid-out minutes as plain text, one blank line between paragraphs."""
    lines: list[str] = []
    if minutes.confidential:
        lines += [CONFIDENTIAL_MARK, ""]
    lines.append(minutes.meeting_title)
    lines += [part for part in (minutes.when, minutes.venue) if part]
    lines.append("")
    for para in minutes.paragraphs:
        text = clean_text(para.text)
        if para.role == "heading":
            lines += [text, "-" * min(len(text), 72)]
        elif para.role == "bullet":
            mark, indent = ("  – ", "      ") if para.level == 2 else ("  • ", "    ")
            lines.append(indent[:-4] + mark + text.replace("\n", "\n" + indent))
        elif para.level == 2:
            label = f"{para.label} " if para.label else "    "
            lines.append("    " + label + text.replace("\n", "\n        "))
        else:
            lines.append(text)
        lines.append("")
    if minutes.actions:
        lines += [ACTIONS_HEADING, "-" * len(ACTIONS_HEADING)]
        for row in minutes.actions:
            due = f" (by {row.due})" if row.due else ""
            owner = f"{row.owner}: " if row.owner else ""
            lines.append(f"  {row.minute}  {owner}{row.action}{due}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
