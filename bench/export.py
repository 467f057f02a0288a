"""The Word export of the four-hour meeting, beside a bare python-docx script doing the same."""

from __future__ import annotations

import io
import statistics
import time
from importlib.resources import as_file, files
from pathlib import Path

import docx

from clerkdesk.export import render
from clerkdesk.minutes import build_minutes

from .data import big_meeting

TEMPLATE = "minutes-template.docx"
_STYLES = {"heading": "Heading 2", "bullet": "List Bullet", "resolution": "Normal", "event": "Normal",
           "text": "Normal", "closing": "Normal"}


def bare_python_docx(template: Path, minutes) -> bytes:
    """The floor: the same paragraphs, runs and actions table written with plain python-docx calls."""
    doc = docx.Document(str(template))
    styles = {name: doc.styles[name] for name in set(_STYLES.values()) if name in doc.styles}
    for para in minutes.paragraphs:
        p = doc.add_paragraph(style=styles.get(_STYLES[para.role]))
        for run in para.runs:
            r = p.add_run(run.text)
            r.bold, r.italic = run.bold or None, run.italic or None
    if minutes.actions:
        table = doc.add_table(rows=1, cols=4)
        for cell, text in zip(table.rows[0].cells, ("Minute", "Action", "Owner", "Due"), strict=True):
            cell.text = text
        for row in minutes.actions:
            cells = table.add_row().cells
            for cell, text in zip(cells, (row.minute, row.action, row.owner, row.due), strict=True):
                cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_export(scratch: Path, runs: int = 5) -> dict[str, float]:
    """Median seconds for ours (template filled, confidential, all of it) and for the floor."""
    meeting = big_meeting()
    minutes = build_minutes(meeting, confidential=True)
    ours, floor = [], []
    with as_file(files("clerkdesk.resources").joinpath(TEMPLATE)) as template:
        for _ in range(runs):
            t = time.perf_counter()
            data = render(meeting, "docx", confidential=True).data
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            bare = bare_python_docx(template, minutes)
            floor.append(time.perf_counter() - t)
    (scratch / "big.docx").write_bytes(data)
    (scratch / "floor.docx").write_bytes(bare)
    return {"ours_s": statistics.median(ours), "floor_s": statistics.median(floor),
            "paragraphs": len(minutes.paragraphs)}
