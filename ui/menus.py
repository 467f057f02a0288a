"""The window's menus, as one table: each action by name, its words, and what it does.

Each action's key comes from ``shortcuts.SHORTCUTS`` by the same name — the table that Help ›
Keyboard shortcuts lists and ``docs/window.md`` is made from — so a key is said in one place.
What an action does is named as a path from the window (``controller.start_meeting``,
``entry.toggle_respond``), with arguments where it takes some.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from clerkdesk.model import STATUSES

from .shortcuts import key

KINDS = ("speech", "note", "point", "resolution", "vote", "action", "declaration", "event")


@dataclass(frozen=True)
class Act:
    """An action: its name (object name ``action_<name>``, key ``key(name)``), words and what it does."""

    name: str
    text: str
    does: str  # a path from the window, e.g. "controller.start_meeting"
    args: tuple[Any, ...] = ()
    checkable: bool = False
    group: str | None = None  # actions of one group are exclusive (the status)
    hidden: bool = False  # a key with no menu entry (Ctrl+T stamps the time)


@dataclass(frozen=True)
class Sub:
    """A submenu."""

    title: str
    entries: tuple[Any, ...] = field(default_factory=tuple)
    name: str = ""  # an object name, for a submenu filled when it is shown


SEPARATOR = None
UNDO, REDO = "undo", "redo"  # the undo stack's own actions

MENUS: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("&File", (
        Act("new_meeting", "&New meeting…", "_on_new_meeting_triggered"),
        Act("open_meeting", "&Open meeting…", "_on_open_meeting_triggered"),
        Sub("&Recent meetings", name="recentMenu"),
        SEPARATOR,
        Act("import_agenda", "&Import agenda…", "_on_import_agenda_triggered"),
        Act("paste_agenda", "&Paste agenda as text…", "_on_paste_agenda_triggered"),
        Act("export", "&Export…", "_on_export_triggered"),
        SEPARATOR,
        Act("quit", "&Quit", "close"),
    )),
    ("&Edit", (
        UNDO, REDO,
        Act("find", "&Find in this meeting…", "_on_find_triggered"),
        SEPARATOR,
        *(Act(f"kind_{kind}", f"Next entry: {kind.capitalize()}", "entry.set_kind", (kind,)) for kind in KINDS),
        Act("respond", "In response to the &previous speaker", "entry.toggle_respond"),
        SEPARATOR,
        # Reordering without a drag: the selected agenda item or entry, whichever pane has the keyboard.
        # The keys are shown, not bound: the panes own them (a second binding would make them ambiguous).
        Act("move_up", f"Mo&ve up\t{key('item_up')}", "_move_in_focused_pane", (-1,)),
        Act("move_down", f"Move do&wn\t{key('item_down')}", "_move_in_focused_pane", (1,)),
        Act("stamp_time", "Stamp the time", "_on_stamp_time_triggered", hidden=True),
    )),
    ("&Meeting", (
        Act("start_meeting", "&Start meeting", "controller.start_meeting"),
        Act("close_meeting", "&Close meeting", "controller.close_meeting"),
        Act("attendance", "&Attendance", "_on_attendance_triggered"),
        Act("properties", "&Properties…", "_on_properties_triggered"),
        Sub("S&tatus", (
            *(Act(f"status_{s}", s.capitalize(), "controller.set_status", (s,), checkable=True, group="status")
              for s in STATUSES),
            SEPARATOR,
            Act("unlock", "&Unlock approved minutes…", "_on_unlock_triggered"),
        )),
        Act("open_actions", "&Open actions…", "_on_open_actions_triggered"),
        SEPARATOR,
        Act("next_item", "&Next item", "controller.step_item", (1,)),
        Act("previous_item", "Pre&vious item", "controller.step_item", (-1,)),
        Act("add_item", "Add &item…", "_on_add_item_triggered"),
        Act("exempt", "E&xempt (Part 2)…", "_on_exempt_triggered"),
        Act("renumber_minutes", "Number the &minutes", "controller.renumber_minutes"),
        SEPARATOR,
        Act("pick_speaker", "Pick a spea&ker", "speakers.focus_filter"),
        Act("queue_speaker", "&Queue the selected person", "speakers.queue_selected"),
        Act("next_speaker", "Next speaker from the q&ueue", "speakers.take_next"),
        Act("arrived", "Selected person a&rrived now", "_for_selected", ("record_arrival",)),
        Act("left", "Selected person &left now", "_for_selected", ("record_departure",)),
    )),
    ("&View", (
        Act("focus_agenda", "&Agenda", "_focus", ("agenda.view",)),
        Act("focus_notes", "&Notes", "_focus", ("notes.view",)),
        Act("focus_entry", "&Entry line", "_focus", ("entry.editor",)),
        Act("focus_people", "&People", "_focus", ("speakers.view",)),
        SEPARATOR,
        Act("chamber_screen", "C&hamber screen", "chamber.toggle", checkable=True),
        Act("chamber_settings", "Chamber screen se&ttings…", "chamber.open_settings"),
        SEPARATOR,
        Act("zoom_in", "&Larger notes text", "_zoom", (1,)),
        Act("zoom_out", "&Smaller notes text", "_zoom", (-1,)),
        Act("zoom_reset", "&Usual notes text", "_zoom", (0,)),
    )),
    ("&Help", (
        Act("shortcuts", "&Keyboard shortcuts", "_on_shortcuts_triggered"),
    )),
)


def resolve(window: object, path: str) -> Any:
    """The attribute a dotted path names, starting from the window."""
    target = window
    for part in path.split("."):
        target = getattr(target, part)
    return target


def build_menus(window: QMainWindow, undo_stack) -> dict[str, QAction]:
    """Every menu of the table in the window's menu bar; returns the actions by name."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}

    def fill(menu: QMenu, entries: tuple[Any, ...]) -> None:
        for entry in entries:
            if entry is SEPARATOR:
                menu.addSeparator()
            elif entry in (UNDO, REDO):
                action = (undo_stack.createUndoAction if entry == UNDO else undo_stack.createRedoAction)(
                    window, "&Undo" if entry == UNDO else "&Redo")
                action.setShortcut(QKeySequence(key(entry)))
                menu.addAction(action)
                actions[entry] = action
            elif isinstance(entry, Sub):
                sub = menu.addMenu(entry.title)
                if entry.name:
                    sub.setObjectName(entry.name)
                fill(sub, entry.entries)
            else:
                action = _action(window, entry)
                if entry.group:
                    groups.setdefault(entry.group, QActionGroup(window)).addAction(action)
                (window if entry.hidden else menu).addAction(action)
                actions[entry.name] = action

    for title, entries in MENUS:
        fill(window.menuBar().addMenu(title), entries)
    actions["zoom_in"].setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
    return actions


def _action(window: QMainWindow, entry: Act) -> QAction:
    does: Callable[..., Any] = resolve(window, entry.does)
    args = entry.args
    return make_action(window, entry.name, entry.text, lambda: does(*args), entry.checkable)


def make_action(window: QMainWindow, name: str, text: str, slot: Callable[[], Any], checkable: bool = False) -> QAction:
    """A window action: object name ``action_<name>``, its key from SHORTCUTS, ``slot`` when triggered."""
    action = QAction(text, window)
    action.setObjectName(f"action_{name}")
    action.setShortcut(QKeySequence(key(name)))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    action.triggered.connect(lambda *_checked: slot())  # never hand `checked` to a slot's defaults
    return action
