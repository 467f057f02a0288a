"""A sample meeting, written for ClerkDesk: a fictional district council's committee.

It is loaded on first run so that a newcomer sees the app working, and by ``clerkdesk
sample``. It has every kind of entry, attendance of every kind, a late arrival, a member
leaving for an item, a recorded vote and an exempt (Part 2) item. Any likeness to a real
council or person is accidental.
"""

from __future__ import annotations

import json

from .meeting_file import FORMAT, VERSION, parse_meeting_file
from .model import Meeting

_EXCLUSION = ("that under Section 100A(4) of the Local Government Act 1972 the public be excluded from "
              "the meeting for the following item on the grounds that it involves the likely disclosure "
              "of exempt information as defined in Paragraph 3 of Part 1 of Schedule 12A of the Act.")

SAMPLE = {
    "format": FORMAT,
    "version": VERSION,
    "committee": {"name": "Environment and Communities Committee", "minute_format": "EC/{n}/{yy}"},
    "meeting": {"title": "Environment and Communities Committee", "date": "2026-10-15", "start": "18:30",
                "end": "20:40", "venue": "Council Chamber, Ashcombe House, Market Street", "status": "draft"},
    "people": [
        {"id": "marsh", "name": "Helen Marsh", "title": "Councillor", "role": "Chair", "group": "member",
         "attendance": "present"},
        {"id": "pryce-jones", "name": "Rhys Pryce-Jones", "title": "Councillor", "role": "Vice-Chair",
         "group": "member", "attendance": "present", "referred_to_as": "Councillor Pryce-Jones"},
        {"id": "oneill", "name": "Declan O’Neill", "title": "Councillor", "group": "member",
         "attendance": "present", "arrived": "18:42"},
        {"id": "nibhriain", "name": "Síofra Ní Bhriain", "title": "Councillor", "group": "member",
         "attendance": "present"},
        {"id": "wisniewski", "name": "Tomasz Wiśniewski", "title": "Councillor", "group": "member",
         "attendance": "remote"},
        {"id": "greaves", "name": "Peter Greaves", "title": "Councillor", "group": "member",
         "attendance": "apologies"},
        {"id": "haddad", "name": "Amina Haddad", "title": "Councillor", "group": "member",
         "attendance": "substitute", "substitute_for": "greaves"},
        {"id": "lloyd", "name": "Gareth Lloyd", "title": "Councillor", "group": "member",
         "attendance": "apologies"},
        {"id": "kaur", "name": "Nadia Kaur", "role": "Head of Environmental Services", "group": "officer",
         "attendance": "in_attendance"},
        {"id": "fletcher", "name": "Joanne Fletcher", "role": "Head of Legal", "group": "officer",
         "attendance": "in_attendance", "referred_to_as": "The Legal Adviser"},
        {"id": "price", "name": "Owen Price", "role": "Democratic Services Officer", "group": "officer",
         "attendance": "in_attendance"},
        {"id": "ellis", "name": "Mark Ellis", "title": "Inspector", "role": "Neighbourhood Policing",
         "group": "guest", "attendance": "in_attendance"},
    ],
    "items": [
        {"number": "1", "title": "Apologies for Absence", "minute_number": "EC/21/26", "exempt": False,
         "started": "18:30", "ended": "18:32", "documents": [], "entries": [
             {"kind": "note", "text": "Apologies for absence were received from Councillor Greaves and "
                                      "Councillor Lloyd. Councillor Haddad attended as substitute for "
                                      "Councillor Greaves."}]},
        {"number": "2", "title": "Declarations of Interest", "minute_number": "EC/22/26", "exempt": False,
         "started": "18:32", "ended": "18:34", "documents": [], "entries": [
             {"kind": "declaration", "person": "nibhriain",
              "text": "a non-registrable interest in item 6 as a plot holder at Mill Lane allotments."}]},
        {"number": "3", "title": "Minutes of the Previous Meeting", "minute_number": "EC/23/26", "exempt": False,
         "started": "18:34", "ended": "18:36", "documents": ["Minutes of the meeting held on 10 September 2026"],
         "entries": [
             {"kind": "resolution", "text": "that the minutes of the meeting held on Thursday, 10 September "
                                            "2026 be approved as a correct record and signed by the Chair."}]},
        {"number": "4", "title": "Street Cleansing Performance, Quarter 2", "minute_number": "EC/24/26",
         "exempt": False, "started": "18:36", "ended": "19:20",
         "documents": ["Report of the Head of Environmental Services", "Appendix A: ward-level scores"],
         "entries": [
             {"kind": "speech", "speaker": "kaur", "text": "introduced the report, which set out performance "
                                                           "against the cleanliness standard for July to September."},
             {"kind": "point", "text": "87% of streets surveyed met the standard, against a target of 90%."},
             {"kind": "point", "text": "Litter bin overflows had fallen by a third since the new collection rota."},
             {"kind": "event", "at": "18:42", "text": "Councillor O’Neill arrived at the meeting"},
             {"kind": "speech", "speaker": "oneill", "text": "asked why the town centre wards had scored below "
                                                             "the district average."},
             {"kind": "speech", "speaker": "kaur", "in_response_to": "oneill",
              "text": "explained that the night-time economy generated litter after the last sweep, and that an "
                      "evening crew was being trialled."},
             {"kind": "speech", "speaker": "ellis", "text": "added that joint patrols had reduced late-night "
                                                            "anti-social behaviour around Market Square."},
             {"kind": "speech", "speaker": "pryce-jones", "text": "welcomed the trial and asked that its "
                                                                  "results be reported to the Committee."},
             {"kind": "resolution", "text": "that the report be noted."},
             {"kind": "action", "text": "report the results of the evening crew trial", "owner": "kaur",
              "due": "2027-01-21"}]},
        {"number": "5", "title": "Fly-tipping Enforcement Policy", "minute_number": "EC/25/26", "exempt": False,
         "started": "19:20", "ended": "19:58", "documents": ["Draft Fly-tipping Enforcement Policy 2027"],
         "entries": [
             {"kind": "speech", "speaker": "kaur", "text": "presented the draft policy, which proposed raising "
                                                           "the fixed penalty for fly-tipping to £1,000."},
             {"kind": "speech", "speaker": "nibhriain", "text": "asked whether residents on low incomes could pay "
                                                                "by instalments."},
             {"kind": "speech", "speaker": "fletcher", "in_response_to": "nibhriain",
              "text": "advised that the regulations allowed a reduced penalty for early payment but not payment by "
                      "instalments."},
             {"kind": "vote", "text": "", "motion": "that the draft policy be recommended to Cabinet for adoption",
              "mover": "marsh", "seconder": "pryce-jones", "for": 5, "against": 1, "abstain": 0,
              "outcome": "carried",
              "recorded": {"for": ["marsh", "pryce-jones", "nibhriain", "wisniewski", "haddad"],
                           "against": ["oneill"], "abstain": []}},
             {"kind": "resolution", "text": "that the draft Fly-tipping Enforcement Policy be recommended to "
                                            "Cabinet for adoption;"},
             {"kind": "resolution", "text": "that the Head of Environmental Services publicise the new penalties "
                                            "before they take effect."},
             {"kind": "action", "text": "submit the policy to Cabinet", "owner": "price", "due": "2026-11-12"}]},
        {"number": "6", "title": "Allotment Rents 2027/28", "minute_number": "EC/26/26", "exempt": False,
         "started": "19:58", "ended": "20:15", "documents": ["Report on allotment rents"],
         "entries": [
             {"kind": "event", "at": "19:58", "text": "Councillor Ní Bhriain left the meeting for this item"},
             {"kind": "note", "text": "The Committee considered a proposal to increase allotment rents by 4% "
                                      "from April 2027."},
             {"kind": "vote", "text": "", "motion": "that rents be frozen for 2027/28", "mover": "oneill",
              "seconder": "haddad", "for": 2, "against": 3, "abstain": 0, "outcome": "lost"},
             {"kind": "resolution", "text": "that allotment rents increase by 4% from 1 April 2027."},
             {"kind": "event", "at": "20:15", "text": "Councillor Ní Bhriain returned to the meeting"}]},
        {"number": "7", "title": "Exclusion of the Press and Public", "minute_number": "EC/27/26", "exempt": False,
         "started": "20:15", "ended": "20:16", "documents": [], "entries": [
             {"kind": "resolution", "text": _EXCLUSION}]},
        {"number": "8", "title": "Waste Collection Contract: Extension", "minute_number": "EC/28/26",
         "exempt": True, "started": "20:16", "ended": "20:40",
         "documents": ["Exempt report of the Head of Environmental Services"],
         "entries": [
             {"kind": "speech", "speaker": "kaur", "text": "set out the contractor's offer to extend the contract "
                                                           "for two years at an annual cost of £4.2 million."},
             {"kind": "speech", "speaker": "wisniewski", "text": "asked what penalties applied to missed "
                                                                 "collections under the extension."},
             {"kind": "resolution", "text": "that the Head of Environmental Services negotiate the extension "
                                            "within the financial envelope set out in the exempt report."},
             {"kind": "action", "text": "report the outcome of the negotiation", "owner": "kaur",
              "due": "2027-01-21"}]},
    ],
}


def sample_meeting() -> Meeting:
    """A fresh copy of the sample meeting."""
    return parse_meeting_file(json.dumps(SAMPLE).encode("utf-8"), "The sample meeting")
