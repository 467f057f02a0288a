"""Operations of the proofing: a word ignored in one meeting (the minutes themselves change through
``edit_entry``, as any other edit)."""

from __future__ import annotations

from clerkdesk.proofing.words import check_word
from clerkdesk.store import Store
from .record import Change, Recorder


def ignore_word(store: Store, meeting_id: int, word: str, ignored: bool = True) -> Change:
    """Stop flagging a word in this meeting's proofing (``ignored=False``: flag it again).

    Allowed on approved minutes too: it changes what is underlined, not what the minutes say.
    """
    word = check_word(word)
    store.meeting_status(meeting_id)  # says so when there is no such meeting
    rec = Recorder(store, meeting_id)
    with store.batch():
        rec.set_word_ignored(word, ignored)
        return rec.change(f"ignore “{word}”" if ignored else f"check “{word}” again")
