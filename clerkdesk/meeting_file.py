"""Meeting files (the format is docs/meeting-file.md): one JSON file per meeting, version 1.

``read_meeting_file`` validates the whole file before anything is written anywhere and
raises ``BadMeetingFile`` with one sentence for the clerk; ``meeting_to_dict`` writes the
canonical form, so that importing a file and exporting it again gives the same meeting.
Unknown fields on the meeting, people, items and entries are kept and written back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import BadInput, BadMeetingFile
from .files import read_input
from .quorum import check_count, check_fraction
from .text import has_lone_surrogate
from .model import (ATTENDANCE, ENTRY_KINDS, GROUPS, LEVELS, OUTCOMES, STATUSES, CarriedFrom, Committee, Entry, Item,
                    Meeting, Person, Unlock, check_date, check_time)

FORMAT = "clerkdesk.meeting"
VERSION = 1
MAX_BYTES = 50 * 1024 * 1024  # a four-hour meeting is well under 1 MB
_MAX_INT = 2 ** 63 - 1  # the largest whole number the store (SQLite) can hold

_PERSON_FIELDS = ("id", "name", "title", "role", "group", "attendance", "substitute_for",
                  "arrived", "left", "referred_to_as", "voting")
_ITEM_FIELDS = ("number", "title", "minute_number", "exempt", "started", "ended", "description",
                "documents", "entries", "role", "planning", "withdrawn")
_MEETING_FIELDS = ("title", "date", "start", "end", "venue", "status", "uid", "approved", "unlocked")
# Session state that files written by the first release may carry: never read back as the record.
_SESSION_FIELDS = ("draft", "live_started", "previous_meeting", "current_item", "current_speaker")
_ENTRY_STATE = ("done", "carried_from", "left_room", "returned")
# Entry fields in the file, and the Entry attribute each one fills.
_ENTRY_FIELDS = {"kind": "kind", "text": "text", "speaker": "speaker", "in_response_to": "in_response_to",
                 "person": "person", "at": "at", "motion": "motion", "mover": "mover",
                 "seconder": "seconder", "for": "votes_for", "against": "votes_against",
                 "abstain": "votes_abstain", "outcome": "outcome", "recorded": "recorded",
                 "owner": "owner", "due": "due", "joins_previous": "joins_previous", "level": "level"}
# Written only when they differ from these, so a file without sub-points or joins reads as before.
_ENTRY_DEFAULTS = {"joins_previous": False, "level": 1}
_PERSON_REFS = ("speaker", "in_response_to", "person", "mover", "seconder")


def _put_set(d: dict[str, Any], obj: object, names: tuple[str, ...]) -> None:
    """Copy the attributes that are set (not empty, not None) into the file's object."""
    d.update({name: getattr(obj, name) for name in names if getattr(obj, name)})


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    """The meeting as a version-1 meeting-file object."""
    m: dict[str, Any] = {"title": meeting.title, "date": meeting.date}
    _put_set(m, meeting, ("start", "end"))
    m["venue"] = meeting.venue
    m["status"] = meeting.status
    if meeting.uid:
        m["uid"] = meeting.uid
    if meeting.approved_at:
        m["approved"] = meeting.approved_at
    if meeting.unlocks:
        m["unlocked"] = [{"at": u.at, "reason": u.reason} if u.reason else {"at": u.at} for u in meeting.unlocks]
    m.update({k: v for k, v in meeting.extra.items() if k not in m and k not in _SESSION_FIELDS})
    return {
        "format": FORMAT,
        "version": VERSION,
        "committee": _committee_to_dict(meeting.committee),
        "meeting": m,
        "people": [_person_to_dict(p) for p in meeting.people],
        "items": [_item_to_dict(i) for i in meeting.items],
    }


def _committee_to_dict(c: Committee) -> dict[str, Any]:
    d: dict[str, Any] = {"name": c.name, "minute_format": c.minute_format}
    if c.quorum_number is not None:
        d["quorum"] = c.quorum_number
    elif c.quorum_fraction:
        d["quorum"] = {"fraction": c.quorum_fraction, "minimum": c.quorum_minimum} if c.quorum_minimum \
            else {"fraction": c.quorum_fraction}
    if c.remote_counts:
        d["remote_counts"] = True
    return d


def _committee_from_dict(c: dict[str, Any]) -> Committee:
    committee = Committee(name=_str(c, "name", "The committee", required=True).strip(),
                          minute_format=_str(c, "minute_format", "The committee") or "{n}")
    quorum = c.get("quorum")
    if isinstance(quorum, dict):
        fraction = quorum.get("fraction")
        if not isinstance(fraction, str):
            raise BadInput("The committee's quorum needs a “fraction” such as \"1/4\".")
        committee.quorum_fraction = check_fraction(fraction)
        if quorum.get("minimum") is not None:
            committee.quorum_minimum = check_count(quorum["minimum"], "quorum's minimum")
    elif quorum is not None:
        committee.quorum_number = check_count(quorum)
    remote = c.get("remote_counts", False)
    if not isinstance(remote, bool):
        raise BadInput("The committee's “remote_counts” should be true or false.")
    committee.remote_counts = remote
    return committee


def _person_to_dict(p: Person) -> dict[str, Any]:
    d: dict[str, Any] = {"id": p.key, "name": p.name}
    _put_set(d, p, ("title", "role"))
    d["group"] = p.group
    d["attendance"] = p.attendance
    _put_set(d, p, ("substitute_for", "arrived", "left", "referred_to_as"))
    if not p.voting:
        d["voting"] = False
    d.update({k: v for k, v in p.extra.items() if k not in d})
    return d


def _item_to_dict(item: Item) -> dict[str, Any]:
    d: dict[str, Any] = {"number": item.number, "title": item.title}
    if item.minute_number:
        d["minute_number"] = item.minute_number
    d["exempt"] = item.exempt
    _put_set(d, item, ("started", "ended", "description"))
    d["documents"] = list(item.documents)
    if item.role:
        d["role"] = item.role
    if item.withdrawn:
        d["withdrawn"] = list(item.withdrawn)
    d["entries"] = [entry_to_dict(e) for e in item.entries]
    d.update({k: v for k, v in item.extra.items() if k not in d})
    return d


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """One entry as a meeting-file object: kind and text always, other fields when set."""
    d: dict[str, Any] = {"kind": entry.kind, "text": entry.text}
    for name, attr in _ENTRY_FIELDS.items():
        value = getattr(entry, attr)
        if name not in d and value is not None and value != _ENTRY_DEFAULTS.get(name):
            d[name] = value
    _put_set(d, entry, ("done", "left_room", "returned"))
    c = entry.carried_from
    if c is not None:  # where it came from, as the minutes say it; store ids mean nothing elsewhere
        d["carried_from"] = {k: getattr(c, k) for k in ("date", "item", "minute", "title") if getattr(c, k)}
    d.update({k: v for k, v in entry.extra.items() if k not in d})
    return d


def write_meeting_file(meeting: Meeting) -> str:
    """The meeting file's text: UTF-8 JSON, indented, names in any script kept as written."""
    return json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=2) + "\n"


def read_meeting_file(path: str | Path) -> Meeting:
    """Read and validate a meeting file; raise BadMeetingFile with a clerk's sentence."""
    path = Path(path)
    raw = read_input(path, MAX_BYTES, BadMeetingFile, "a meeting file")
    return parse_meeting_file(raw, path.name)


def parse_meeting_file(raw: bytes, name: str = "The file") -> Meeting:
    """Validate meeting-file bytes and build the Meeting; raise BadMeetingFile on any fault."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadMeetingFile(f"{name} is not a ClerkDesk meeting file (it is not text).") from None
    if not text.strip():
        raise BadMeetingFile(f"{name} is empty.")
    try:
        data = json.loads(text, parse_int=_whole_number, parse_constant=_not_a_number)
    except BadInput as e:
        raise BadMeetingFile(f"{name} {e}") from None
    except json.JSONDecodeError as e:
        # An unterminated string runs to the end of the file, so the file was cut short.
        if e.pos >= len(text.rstrip()) - 1 or e.msg.startswith("Unterminated string"):
            raise BadMeetingFile(f"{name} is incomplete: it ends part-way through (was it cut short?).") from None
        raise BadMeetingFile(f"{name} is not a ClerkDesk meeting file: it is not valid JSON "
                             f"(line {e.lineno}, column {e.colno}).") from None
    except RecursionError:
        raise BadMeetingFile(f"{name} is not a ClerkDesk meeting file (it is nested too deeply).") from None
    where = _lone_surrogate(data)
    if where:
        raise BadMeetingFile(f"{name} has a broken character (half of a UTF-16 pair) in {where}; "
                             "it was not imported.")
    try:
        return _meeting_from_dict(data, name)
    except BadInput as e:
        raise BadMeetingFile(f"{name}: {e}") from None


def _whole_number(digits: str) -> int:
    """A JSON integer, refused (before Python converts it) when no store could hold it."""
    if len(digits.lstrip("-")) > 19 or abs(int(digits)) > _MAX_INT:
        raise BadInput(f"holds a number too large to be anything in a meeting ({len(digits)} digits).")
    return int(digits)


def _not_a_number(word: str) -> Any:
    """JSON has no NaN or Infinity; Python's reader accepts them, so they are refused here."""
    raise BadInput(f"holds “{word}”, which is not a number JSON allows.")


def _lone_surrogate(value: Any, path: str = "") -> str | None:
    """Where in the decoded file a string (or key) holds a lone surrogate, or None."""
    stack = [(value, path)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if has_lone_surrogate(value):
                return path or "the file"
        elif isinstance(value, dict):
            for key, child in value.items():
                if has_lone_surrogate(key):
                    return f"the field name under {path}" if path else "a field name"
                stack.append((child, f"{path}.{key}" if path else key))
        elif isinstance(value, list):
            stack.extend((child, f"{path}[{n}]") for n, child in enumerate(value, 1))
    return None


def _obj(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadInput(f"{what} should be an object.")
    return value


def _str(d: dict[str, Any], key: str, what: str, required: bool = False) -> str:
    value = d.get(key)
    if value is None:
        if required:
            raise BadInput(f"{what} has no “{key}”.")
        return ""
    if not isinstance(value, str):
        raise BadInput(f"{what}: “{key}” should be text.")
    if required and not value.strip():
        raise BadInput(f"{what}: “{key}” is empty.")
    return value


def _opt(d: dict[str, Any], key: str, what: str) -> str | None:
    return _str(d, key, what) or None


def _meeting_from_dict(data: Any, name: str) -> Meeting:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadMeetingFile(f"{name} is not a ClerkDesk meeting file.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadMeetingFile(f"{name} does not say which meeting-file version it is.")
    if version > VERSION:
        raise BadMeetingFile(f"{name} was written by a newer ClerkDesk (meeting-file version {version}); "
                             f"this one reads version {VERSION}. Update ClerkDesk to open it.")
    c = _obj(data.get("committee"), "The committee")
    committee = _committee_from_dict(c)
    m = _obj(data.get("meeting"), "The meeting")
    status = _str(m, "status", "The meeting") or "draft"
    if status not in STATUSES:
        raise BadInput(f"the meeting's status “{status}” is not one of {', '.join(STATUSES)}.")
    meeting = Meeting(
        committee=committee,
        title=_str(m, "title", "The meeting") or committee.name,
        date=check_date(_str(m, "date", "The meeting", required=True), "meeting date") or "",
        start=check_time(_opt(m, "start", "The meeting"), "start time"),
        end=check_time(_opt(m, "end", "The meeting"), "end time"),
        venue=_str(m, "venue", "The meeting"),
        status=status,
        uid=_uid(m.get("uid")),
        approved_at=_opt(m, "approved", "The meeting"),
        unlocks=_unlocks(m.get("unlocked")),
        extra={k: v for k, v in m.items() if k not in _MEETING_FIELDS and k not in _SESSION_FIELDS},
    )
    people = data.get("people", [])
    if not isinstance(people, list):
        raise BadInput("“people” should be a list.")
    for n, p in enumerate(people, 1):
        meeting.people.append(_person_from_dict(_obj(p, f"Person {n}"), f"Person {n}"))
    keys = [p.key for p in meeting.people]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate:
        raise BadInput(f"two people share the id “{duplicate}”.")
    items = data.get("items", [])
    if not isinstance(items, list):
        raise BadInput("“items” should be a list.")
    for n, i in enumerate(items, 1):
        meeting.items.append(_item_from_dict(_obj(i, f"Item {n}"), n, set(keys)))
    return meeting


def _person_from_dict(p: dict[str, Any], what: str) -> Person:
    key = _str(p, "id", what, required=True)
    what = f"Person “{key}”"
    group = _str(p, "group", what) or "member"
    attendance = _str(p, "attendance", what) or "present"
    if group not in GROUPS:
        raise BadInput(f"{what}'s group “{group}” is not one of {', '.join(GROUPS)}.")
    if attendance not in ATTENDANCE:
        raise BadInput(f"{what}'s attendance “{attendance}” is not one of {', '.join(ATTENDANCE)}.")
    voting = p.get("voting", True)
    if not isinstance(voting, bool):
        raise BadInput(f"{what}'s “voting” should be true or false.")
    return Person(key=key, name=_str(p, "name", what, required=True), title=_str(p, "title", what),
                  role=_str(p, "role", what), group=group, attendance=attendance,
                  substitute_for=_opt(p, "substitute_for", what),
                  arrived=check_time(_opt(p, "arrived", what), f"arrival time of {key}"),
                  left=check_time(_opt(p, "left", what), f"leaving time of {key}"),
                  referred_to_as=_str(p, "referred_to_as", what), voting=voting,
                  extra={k: v for k, v in p.items() if k not in _PERSON_FIELDS})


def _item_from_dict(i: dict[str, Any], n: int, keys: set[str]) -> Item:
    what = f"Item {n}"
    number = i.get("number", "")
    if isinstance(number, int) and not isinstance(number, bool):
        number = str(number)
    if not isinstance(number, str):
        raise BadInput(f"{what}: “number” should be text such as “5(a)”.")
    exempt = i.get("exempt", False)
    if not isinstance(exempt, bool):
        raise BadInput(f"{what}: “exempt” should be true or false.")
    documents = i.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
        raise BadInput(f"{what}: “documents” should be a list of titles.")
    entries = i.get("entries", [])
    if not isinstance(entries, list):
        raise BadInput(f"{what}: “entries” should be a list.")
    item = Item(number=number, title=_str(i, "title", what, required=True),
                minute_number=_str(i, "minute_number", what), exempt=exempt,
                started=check_time(_opt(i, "started", what), f"start time of item {n}"),
                ended=check_time(_opt(i, "ended", what), f"end time of item {n}"),
                description=_str(i, "description", what), documents=list(documents),
                role=_str(i, "role", what) or _str(i, "planning", what),
                withdrawn=_keys(i.get("withdrawn", []), f"{what}: “withdrawn”", keys),
                extra={k: v for k, v in i.items() if k not in _ITEM_FIELDS})
    for e_n, e in enumerate(entries, 1):
        item.entries.append(entry_from_dict(_obj(e, f"Entry {e_n} of item {n}"), f"Entry {e_n} of item {n}", keys))
    return item


def entry_from_dict(e: dict[str, Any], what: str, keys: set[str]) -> Entry:
    """Validate one meeting-file entry against the meeting's person ids and build it."""
    kind = _str(e, "kind", what, required=True)
    if kind not in ENTRY_KINDS:
        raise BadInput(f"{what} is of kind “{kind}”, which is not one of {', '.join(ENTRY_KINDS)}.")
    values: dict[str, Any] = {}
    for name, attr in _ENTRY_FIELDS.items():
        value = e.get(name)
        if value is None:
            continue
        if name in ("for", "against", "abstain"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise BadInput(f"{what}: the “{name}” count should be a whole number.")
        elif name == "recorded":
            value = _recorded(value, what, keys)
        elif name == "joins_previous":
            if not isinstance(value, bool):
                raise BadInput(f"{what}: “joins_previous” should be true or false.")
        elif name == "level":
            if not isinstance(value, int) or isinstance(value, bool) or value not in LEVELS:
                raise BadInput(f"{what}: “level” should be 1, or 2 for a sub-point.")
        elif not isinstance(value, str):
            raise BadInput(f"{what}: “{name}” should be text.")
        values[attr] = value
    for name in _PERSON_REFS:
        if values.get(name) and values[name] not in keys:
            raise BadInput(f"{what} names {name.replace('_', ' ')} “{values[name]}”, but no person has that id.")
    if kind == "speech" and not values.get("speaker"):
        raise BadInput(f"{what} is a speech with no speaker.")
    if values.get("outcome") and values["outcome"] not in OUTCOMES:
        raise BadInput(f"{what}: the outcome “{values['outcome']}” is not one of {', '.join(OUTCOMES)}.")
    check_time(values.get("at"), f"time of {what.lower()}")
    check_date(values.get("due"), f"due date of {what.lower()}")
    state: dict[str, Any] = {"done": check_date(_opt(e, "done", what), f"date done of {what.lower()}"),
                             "left_room": _opt(e, "left_room", what), "returned": _opt(e, "returned", what)}
    carried = e.get("carried_from")
    if carried is not None:
        c = _obj(carried, f"{what}: “carried_from”")
        state["carried_from"] = CarriedFrom(date=_str(c, "date", what), item=_str(c, "item", what),
                                            minute=_str(c, "minute", what), title=_str(c, "title", what))
    return Entry(**values, **state,
                 extra={k: v for k, v in e.items() if k not in _ENTRY_FIELDS and k not in _ENTRY_STATE})


def _uid(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise BadInput("the meeting's “uid” should be a short piece of text.")
    return value.strip()


def _unlocks(value: Any) -> list[Unlock]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput("the meeting's “unlocked” should be a list of times with reasons.")
    out = []
    for u in value:
        u = _obj(u, "An unlock")
        out.append(Unlock(at=_str(u, "at", "An unlock", required=True), reason=_str(u, "reason", "An unlock")))
    return out


def _keys(value: Any, what: str, keys: set[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise BadInput(f"{what} should be a list of people's ids.")
    for k in value:
        if k not in keys:
            raise BadInput(f"{what} names “{k}”, but no person has that id.")
    return sorted(set(value))


def _recorded(value: Any, what: str, keys: set[str]) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise BadInput(f"{what}: “recorded” should map for/against/abstain to lists of ids.")
    out: dict[str, list[str]] = {}
    for side, ids in value.items():
        if side not in ("for", "against", "abstain") or not isinstance(ids, list):
            raise BadInput(f"{what}: “recorded” should map for/against/abstain to lists of ids.")
        for pid in ids:
            if not isinstance(pid, str) or pid not in keys:
                raise BadInput(f"{what} records a vote by “{pid}”, but no person has that id.")
        out[side] = list(ids)
    return out
