"""Change records: what an operation changed, in terms a screen can apply in place, and its inverse.

Every operation does its writes through a ``Recorder``, which performs each primitive store
call and notes, beside it, the primitive call that would put it back. The operation's
``Change`` carries what was touched (entries, items, people, the meeting's fields) as they now
are, and ``inverse``: a ``Call`` of ``revert`` with those primitive steps in reverse order.
Running the inverse is itself an operation, whose own inverse is the redo — so undo and redo
are the same mechanism for every operation, and a deleted entry comes back with its old id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from clerkdesk.errors import MinutesLocked, NoSuchMeeting
from clerkdesk.model import Entry, Item, Meeting, Person, Unlock
from clerkdesk.store import Store

LOCKED = ("These minutes have been approved and are read-only; unlock them first "
          "(Meeting › Status › Unlock approved minutes…, or clerkdesk unlock ID --reason …) if they really must change.")


@dataclass(frozen=True)
class EntryChange:
    """One entry added, edited, moved or deleted; ``entry`` and ``index`` as it now stands (None once deleted)."""

    how: str  # "added", "edited", "moved", "deleted"
    entry_id: int
    item_id: int
    index: int | None = None
    entry: Entry | None = None


@dataclass(frozen=True)
class ItemChange:
    """One agenda item added, edited, moved or deleted; ``item`` (with its entries) as it now stands."""

    how: str
    item_id: int
    index: int | None = None
    item: Item | None = None


@dataclass(frozen=True)
class Call:
    """A core operation by name with its arguments: how an inverse (or a redo) is kept."""

    op: str
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """What one operation changed, and how to undo it."""

    label: str  # for the clerk: "add speech", "move item"
    meeting_id: int | None
    entries: tuple[EntryChange, ...] = ()
    items: tuple[ItemChange, ...] = ()
    people: tuple[Person, ...] = ()  # as they now are
    meeting: dict[str, Any] = field(default_factory=dict)  # the meeting's fields that changed, with their new values
    inverse: Call | None = None  # None: nothing to undo (nothing changed, or session state only)
    undoable: bool = True  # False for moving about and keeping the draft: never on the undo stack
    result: Any = None  # what the caller asked for, e.g. the new entry's id

    @property
    def structural(self) -> bool:
        """Whether the agenda's shape changed (items added, deleted or moved)."""
        return any(c.how != "edited" for c in self.items)

    @property
    def empty(self) -> bool:
        """Whether nothing at all changed."""
        return not (self.entries or self.items or self.people or self.meeting)


def check_editable(store: Store, meeting_id: int) -> None:
    """Refuse any change to approved minutes (an unlock is recorded first)."""
    if store.meeting_status(meeting_id) == "approved":
        raise MinutesLocked(LOCKED)


def editing(store: Store, meeting_id: int, label: str, do: Callable[[Recorder], Any]) -> Change:
    """The common shape of an operation on a meeting: refuse approved minutes, then ``do(recorder)``
    in one transaction; its return value is the change's result."""
    check_editable(store, meeting_id)
    rec = Recorder(store, meeting_id)
    with store.batch():
        result = do(rec)
        return rec.change(label, result=result)


class Recorder:
    """Does an operation's writes, noting how to undo each and what each touched."""

    def __init__(self, store: Store, meeting_id: int | None):
        self.store, self.meeting_id = store, meeting_id
        self._undo: list[tuple[str, dict[str, Any]]] = []
        self._entries: dict[int, str] = {}  # entry id -> how
        self._entry_items: dict[int, int] = {}
        self._items: dict[int, str] = {}
        self._people: set[int] = set()
        self._meeting: dict[str, Any] = {}

    # -- entries -------------------------------------------------------------------------

    def add_entry(self, item_id: int, entry: Entry, index: int | None = None) -> int:
        eid = self.store.add_entry(item_id, entry, index)
        self._undo.append(("delete_entry", {"entry_id": eid}))
        self._touch_entry(eid, item_id, "added")
        return eid

    def update_entry(self, entry_id: int, **changes: Any) -> None:
        old, item_id, _index = self.store.load_entry(entry_id)
        before = {k: getattr(old, k) for k in changes}
        if before == changes:
            return
        self.store.update_entry(entry_id, **changes)
        self._undo.append(("update_entry", {"entry_id": entry_id, **before}))
        self._touch_entry(entry_id, item_id, "edited")

    def move_entry(self, entry_id: int, index: int, item_id: int | None = None) -> None:
        _old, old_item, old_index = self.store.load_entry(entry_id)
        self.store.move_entry(entry_id, index, item_id)
        _new, new_item, new_index = self.store.load_entry(entry_id)
        if (new_item, new_index) == (old_item, old_index):
            return
        self._undo.append(("move_entry", {"entry_id": entry_id, "index": old_index, "item_id": old_item}))
        self._touch_entry(entry_id, new_item, "moved")

    def delete_entry(self, entry_id: int) -> None:
        entry, item_id, index = self.store.delete_entry(entry_id)
        self._undo.append(("add_entry", {"item_id": item_id, "entry": entry, "index": index}))
        self._touch_entry(entry_id, item_id, "deleted")

    def _touch_entry(self, entry_id: int, item_id: int, how: str) -> None:
        was = self._entries.get(entry_id)
        if was == "added" and how == "deleted":
            del self._entries[entry_id]
            return
        self._entries[entry_id] = how if was in (None, "edited", "moved") or how == "deleted" else was
        self._entry_items[entry_id] = item_id

    # -- items ---------------------------------------------------------------------------

    def add_item(self, meeting_id: int, item: Item, index: int | None = None) -> int:
        iid = self.store.add_item(meeting_id, item, index)
        self._undo.append(("delete_item", {"item_id": iid}))
        self._items[iid] = "added"
        return iid

    def update_item(self, item_id: int, **changes: Any) -> None:
        old = self.store.load_item(item_id)
        before = {k: getattr(old, k) for k in changes}
        if before == changes:
            return
        self.store.update_item(item_id, **changes)
        self._undo.append(("update_item", {"item_id": item_id, **before}))
        self._items.setdefault(item_id, "edited")

    def set_withdrawn(self, item_id: int, keys: list[str]) -> None:
        before = self.store.load_item(item_id).withdrawn
        if sorted(set(keys)) == before:
            return
        self.store.set_withdrawn(item_id, keys)
        self._undo.append(("set_withdrawn", {"item_id": item_id, "keys": before}))
        self._items.setdefault(item_id, "edited")

    def move_item(self, item_id: int, index: int) -> None:
        old = self.store.item_index(item_id)
        self.store.move_item(item_id, index)
        if self.store.item_index(item_id) == old:
            return
        self._undo.append(("move_item", {"item_id": item_id, "index": old}))
        self._items[item_id] = "moved" if self._items.get(item_id) != "added" else "added"

    def delete_item(self, item_id: int) -> None:
        item, index = self.store.delete_item(item_id)
        self._undo.append(("add_item", {"meeting_id": self.meeting_id, "item": item, "index": index}))
        if self._items.get(item_id) == "added":
            del self._items[item_id]
        else:
            self._items[item_id] = "deleted"

    # -- people and the meeting ----------------------------------------------------------

    def update_person(self, person_id: int, **changes: Any) -> None:
        old = self.store.load_person(person_id)
        before = {k: getattr(old, k) for k in changes}
        if before == changes:
            return
        self.store.update_person(person_id, **changes)
        self._undo.append(("update_person", {"person_id": person_id, **before}))
        self._people.add(person_id)

    def update_meeting(self, **changes: Any) -> None:
        old = self.store.load_meeting(self.meeting_id)
        before = {k: getattr(old, k) for k in changes}
        changes = {k: v for k, v in changes.items() if before[k] != v}
        if not changes:
            return
        self.store.update_meeting(self.meeting_id, **changes)
        self._undo.append(("update_meeting", {k: before[k] for k in changes}))
        self._meeting.update(changes)

    def set_live_started(self, when: str | None) -> None:
        old = self.store.load_meeting(self.meeting_id).live_started
        if old == when:
            return
        self.store.set_live_started(self.meeting_id, when)
        self._undo.append(("set_live_started", {"when": old}))
        self._meeting["live_started"] = when

    def set_approved_at(self, when: str | None) -> None:
        old = self.store.load_meeting(self.meeting_id).approved_at
        self.store.set_approved_at(self.meeting_id, when)
        self._undo.append(("set_approved_at", {"when": old}))
        self._meeting["approved_at"] = when

    def add_unlock(self, unlock: Unlock) -> None:
        uid = self.store.add_unlock(self.meeting_id, unlock)
        self._undo.append(("remove_unlock", {"unlock_id": uid, "unlock": unlock}))
        self._meeting["unlocks"] = []

    def remove_unlock(self, unlock_id: int, unlock: Unlock) -> None:
        self.store.remove_unlock(unlock_id)
        self._undo.append(("add_unlock", {"unlock": unlock}))
        self._meeting["unlocks"] = []

    def update_committee(self, name: str, speaking_limit: int | None, exempt_titles_public: bool) -> None:
        """A committee's chamber-screen settings (the committee's, so every meeting of it follows)."""
        old = self.store.committee(name)
        self.store.set_committee_settings(name, speaking_limit, exempt_titles_public)
        if (old.speaking_limit, old.exempt_titles_public) != (speaking_limit, exempt_titles_public):
            self._undo.append(("update_committee", {"name": name, "speaking_limit": old.speaking_limit,
                                                    "exempt_titles_public": old.exempt_titles_public}))

    def set_word_ignored(self, word: str, ignored: bool = True) -> None:
        before = word in self.store.ignored_words(self.meeting_id)
        if before == ignored:
            return
        self.store.set_word_ignored(self.meeting_id, word, ignored)
        self._undo.append(("set_word_ignored", {"word": word, "ignored": before}))
        self._meeting["ignored_words"] = []

    def set_quorum(self, committee: str, quorum_number: int | None, quorum_fraction: str, quorum_minimum: int,
                   remote_counts: bool) -> None:
        """A committee's quorum settings; the meeting recorded for (if any) sees its committee change."""
        old = self.store.committee(committee)
        if old is None:
            raise NoSuchMeeting(f"There is no committee “{committee}” in this data folder.")
        before = {"quorum_number": old.quorum_number, "quorum_fraction": old.quorum_fraction,
                  "quorum_minimum": old.quorum_minimum, "remote_counts": old.remote_counts}
        after = {"quorum_number": quorum_number, "quorum_fraction": quorum_fraction,
                 "quorum_minimum": quorum_minimum, "remote_counts": remote_counts}
        if before == after:
            return
        self.store.set_quorum(old.name, **after)
        self._undo.append(("set_quorum", {"committee": old.name, **before}))
        if self.meeting_id is not None:
            self._meeting["committee"] = None  # read back whole in change()

    def set_current(self, item_id: int | None, speaker: str | None) -> None:
        """Where the clerk is: not undone (moving about is not a change to the record)."""
        self.store.set_current(self.meeting_id, item_id, speaker)

    # -- the record ----------------------------------------------------------------------

    def steps(self) -> list[tuple[str, dict[str, Any]]]:
        """The primitive calls that undo what was done, in the order to run them."""
        return list(reversed(self._undo))

    def change(self, label: str, result: Any = None, undoable: bool = True) -> Change:
        """The change record of everything done through this recorder."""
        store = self.store
        entries = []
        for eid, how in self._entries.items():
            if how == "deleted":
                entries.append(EntryChange(how, eid, self._entry_items[eid]))
            else:
                entry, item_id, index = store.load_entry(eid)
                entries.append(EntryChange(how, eid, item_id, index, entry))
        items = []
        for iid, how in self._items.items():
            if how == "deleted":
                items.append(ItemChange(how, iid))
            else:
                items.append(ItemChange(how, iid, store.item_index(iid), store.load_item(iid)))
        people = tuple(store.load_person(pid) for pid in sorted(self._people))
        if "unlocks" in self._meeting:
            self._meeting["unlocks"] = store.load_meeting(self.meeting_id).unlocks
        if "ignored_words" in self._meeting:
            self._meeting["ignored_words"] = store.ignored_words(self.meeting_id)
        if "committee" in self._meeting:
            self._meeting["committee"] = store.load_meeting(self.meeting_id).committee
        inverse = Call("revert", {"meeting_id": self.meeting_id, "steps": self.steps(), "label": label}) \
            if self._undo else None
        return Change(label=label, meeting_id=self.meeting_id, entries=tuple(entries), items=tuple(items),
                      people=people, meeting=dict(self._meeting), inverse=inverse, undoable=undoable and bool(self._undo),
                      result=result)


def revert(store: Store, meeting_id: int | None, steps: list[tuple[str, dict[str, Any]]], label: str) -> Change:
    """Run the primitive steps of an inverse (an undo, or a redo) as one transaction."""
    rec = Recorder(store, meeting_id)
    with store.batch():
        for name, kwargs in steps:
            if name == "add_entry":
                kwargs = {**kwargs, "entry": replace(kwargs["entry"])}
            getattr(rec, name)(**kwargs)
        return rec.change(label)


def apply_change(meeting: Meeting, change: Change) -> None:
    """Bring a meeting read earlier up to date with a change, in place, as the store now has it.

    The window keeps the meeting it shows this way instead of reading it all again after every
    keystroke; a test holds it to what ``load_meeting`` reads after any run of operations.
    """
    if change.meeting_id != meeting.id:
        return
    if change.items:
        touched = {c.item_id for c in change.items}
        meeting.items = [i for i in meeting.items if i.id not in touched]
        for c in sorted((c for c in change.items if c.item is not None), key=lambda c: c.index):
            meeting.items.insert(c.index, c.item)
    if change.entries:
        touched = {c.entry_id for c in change.entries}
        for item in meeting.items:
            if any(e.id in touched for e in item.entries):
                item.entries = [e for e in item.entries if e.id not in touched]
        items = {i.id: i for i in meeting.items}
        for c in sorted((c for c in change.entries if c.entry is not None), key=lambda c: c.index):
            items[c.item_id].entries.insert(c.index, c.entry)
    for person in change.people:
        meeting.people = [person if p.id == person.id else p for p in meeting.people]
    for name, value in change.meeting.items():
        setattr(meeting, name, value)
