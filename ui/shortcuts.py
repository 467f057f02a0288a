"""Every keyboard shortcut in one table: the actions use it, and Help › Keyboard shortcuts lists it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

# name: (key, where it works, what it does)
SHORTCUTS: dict[str, tuple[str, str, str]] = {
    "new_meeting": ("Ctrl+N", "Anywhere", "New meeting"),
    "open_meeting": ("Ctrl+O", "Anywhere", "Open meeting"),
    "export": ("Ctrl+E", "Anywhere", "Export the minutes"),
    "import_agenda": ("Ctrl+I", "Anywhere", "Import an agenda (Word, PDF or text file), previewed first"),
    "open_actions": ("Ctrl+Shift+K", "Anywhere", "The committee's open actions, across meetings"),
    "quit": ("Ctrl+Q", "Anywhere", "Quit (everything is already saved)"),
    "undo": ("Ctrl+Z", "Anywhere", "Undo"),
    "redo": ("Ctrl+Shift+Z", "Anywhere", "Redo"),
    "find": ("Ctrl+F", "Anywhere", "Find in this meeting"),
    "start_meeting": ("Ctrl+Shift+B", "Anywhere", "Start the meeting (stamps the start time)"),
    "close_meeting": ("Ctrl+Shift+W", "Anywhere", "Close the meeting (stamps the end time)"),
    "attendance": ("Ctrl+Shift+T", "Anywhere", "Attendance: go to the people list"),
    "properties": ("Ctrl+Shift+I", "Anywhere", "Meeting properties: committee, title, date, times, venue"),
    "next_item": ("Ctrl+PgDown", "Anywhere", "Go to the next item (stamps times while the meeting runs)"),
    "previous_item": ("Ctrl+PgUp", "Anywhere", "Go to the previous item"),
    "add_item": ("Ctrl+Shift+N", "Anywhere", "Add an agenda item after the current one"),
    "exempt": ("Ctrl+Shift+X", "Anywhere", "Mark the current item exempt (Part 2) or public"),
    "renumber_minutes": ("Ctrl+Shift+M", "Anywhere", "Give minute numbers to items that have none"),
    "record": ("Ctrl+Shift+R", "Anywhere", "Record the meeting; press again to pause, again to resume"),
    "play_entry": ("Ctrl+Space", "Anywhere", "Play the recording from a little before the selected entry"),
    "play_pause": ("Ctrl+Shift+Space", "Anywhere", "Play or pause the recording"),
    "item_edit": ("F2", "Agenda", "Rename or renumber the selected item"),
    "item_delete": ("Del", "Agenda", "Delete the selected item (undo brings it back)"),
    "item_up": ("Alt+Shift+Up", "Agenda", "Move the selected item up"),
    "item_down": ("Alt+Shift+Down", "Agenda", "Move the selected item down"),
    "entry_edit": ("F2", "Notes", "Edit the selected entry in place (Enter keeps, Esc cancels)"),
    "entry_delete": ("Del", "Notes", "Delete the selected entry (undo brings it back)"),
    "entry_up": ("Alt+Shift+Up", "Notes", "Move the selected entry up"),
    "entry_down": ("Alt+Shift+Down", "Notes", "Move the selected entry down"),
    "entry_join": ("Ctrl+J", "Notes", "Join the selected entry to the paragraph before it, or split it off again"),
    "kind_speech": ("Ctrl+1", "Anywhere", "Next entry is a speech"),
    "kind_note": ("Ctrl+2", "Anywhere", "Next entry is a note"),
    "kind_point": ("Ctrl+3", "Anywhere", "Next entry is a point (bullet)"),
    "kind_resolution": ("Ctrl+4", "Anywhere", "Next entry is a resolution"),
    "kind_vote": ("Ctrl+5", "Anywhere", "Next entry is a vote (Enter opens the vote grid)"),
    "kind_action": ("Ctrl+6", "Anywhere", "Next entry is an action for the current speaker"),
    "kind_declaration": ("Ctrl+7", "Anywhere", "Next entry is a declaration of interest by the current speaker"),
    "kind_event": ("Ctrl+8", "Anywhere", "Next entry is an event, stamped with the time"),
    "respond": ("Ctrl+R", "Anywhere", "Next speech is “in response to” the previous speaker (press again to undo)"),
    "commit": ("Enter", "Entry line", "Add the entry under the current item"),
    "newline": ("Shift+Enter", "Entry line", "New line within the entry"),
    "proofing_suggest": ("Ctrl+.", "Entry line", "Spelling or house-style suggestions for the word at the cursor "
                         "(also on right-click)"),
    "stamp_time": ("Ctrl+T", "Entry line", "Type the time, as the minutes write it"),
    "join_previous": ("Ctrl+J", "Entry line",
                      "This entry continues the previous paragraph (two speakers in one); again to undo"),
    "sub_point": ("Tab", "Entry line", "Next entries are sub-points: (a), (b) under a resolution, "
                                       "second-level bullets under a point; Tab again moves on"),
    "main_point": ("Shift+Tab", "Entry line", "Next entries are main points again; Shift+Tab again moves back"),
    "pick_speaker": ("Ctrl+P", "Anywhere", "Pick a speaker: type part of a name, Enter"),
    "queue_speaker": ("Ctrl+U", "Anywhere", "Add the selected person to the queue to speak"),
    "next_speaker": ("Ctrl+Shift+U", "Anywhere", "Next speaker: the top of the queue"),
    "arrived": ("Ctrl+Shift+A", "Anywhere", "The selected person arrived now (minuted)"),
    "left": ("Ctrl+Shift+L", "Anywhere", "The selected person left now (minuted)"),
    "set_attendance": ("F2", "People", "Change the selected person's attendance"),
    "focus_agenda": ("Alt+1", "Anywhere", "Go to the agenda"),
    "focus_notes": ("Alt+2", "Anywhere", "Go to the notes"),
    "focus_entry": ("Alt+3", "Anywhere", "Go to the entry line"),
    "focus_people": ("Alt+4", "Anywhere", "Go to the people list"),
    "chamber_screen": ("Ctrl+Shift+D", "Anywhere",
                       "Chamber screen: show or hide the room's screen (item, speaker, queue, votes; never Part 2)"),
    "zoom_in": ("Ctrl++", "Anywhere", "Larger notes text"),
    "zoom_out": ("Ctrl+-", "Anywhere", "Smaller notes text"),
    "zoom_reset": ("Ctrl+0", "Anywhere", "Notes text at its usual size"),
    "shortcuts": ("F1", "Anywhere", "This list of keyboard shortcuts"),
}


DOCS_BEGIN = "<!-- shortcuts: made by python -m clerkdesk.ui.shortcuts --markdown; edit ui/shortcuts.py, not this -->"
DOCS_END = "<!-- end of shortcuts -->"


def markdown() -> str:
    """The table above as the Markdown section docs/window.md carries between DOCS_BEGIN and DOCS_END."""
    lines = [DOCS_BEGIN, "", "| Keys | Where | What it does |", "|---|---|---|"]
    for row in SHORTCUTS.values():
        keys, where, what = (cell.replace("|", "\\|") for cell in row)
        lines.append(f"| {keys} | {where} | {what} |")
    return "\n".join(lines + ["", DOCS_END]) + "\n"


def key(name: str) -> str:
    """The key sequence for a named action ("" for one reached through its menu only)."""
    return SHORTCUTS.get(name, ("",))[0]


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts: the table above, readable and searchable by screen readers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(SHORTCUTS), 3, self)
        table.setObjectName("shortcutsTable")
        table.setTabKeyNavigation(False)  # arrow keys within; Tab moves on
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Keys", "Where", "What it does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, where, what) in enumerate(SHORTCUTS.values()):
            for col, text in enumerate((keys, where, what)):
                table.setItem(row, col, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(760, 620)
        table.setFocus(Qt.FocusReason.OtherFocusReason)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--markdown"]:
        sys.exit("usage: python -m clerkdesk.ui.shortcuts --markdown   (the shortcut section of docs/window.md)")
    sys.stdout.write(markdown())
