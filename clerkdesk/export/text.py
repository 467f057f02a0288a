"""The minutes as plain text, for the terminal and for pasting into an e-mail."""

from __future__ import annotations

from clerkdesk.minutes import ACTIONS_HEADING, CONFIDENTIAL_MARK, Minutes


def minutes_text(minutes: Minutes) -> str:
    """Render laid-out minutes as plain text, one blank line between paragraphs."""
    lines: list[str] = []
    if minutes.confidential:
        lines += [CONFIDENTIAL_MARK, ""]
    lines.append(minutes.meeting_title)
    lines += [part for part in (minutes.when, minutes.venue) if part]
    lines.append("")
    for para in minutes.paragraphs:
        text = para.text
        if para.role == "heading":
            lines += [text, "-" * min(len(text), 72)]
        elif para.role == "bullet":
            lines.append("  • " + text.replace("\n", "\n    "))
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
