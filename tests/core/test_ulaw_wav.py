"""The window's recording format: μ-law WAV written as heard, playable after a crash."""

from __future__ import annotations

import math
import struct
from pathlib import Path

from clerkdesk import ops, ulaw_wav
from clerkdesk.store import Store
from tests.builders import make_meeting


def _tone(seconds: float) -> bytes:
    return b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * 300 * n / 8000)))
                    for n in range(int(seconds * 8000)))


def test_mu_law_values_are_g711s() -> None:
    pcm = struct.pack("<5h", 0, 32767, -32768, 1000, -1000)
    assert ulaw_wav.encode(pcm) == bytes([0xFF, 0x80, 0x00, 0xCE, 0x4E])


def test_a_file_never_closed_says_to_the_end_and_finish_gives_its_length(tmp_path: Path) -> None:
    w = ulaw_wav.Writer(tmp_path / "r.wav")
    w.write_pcm16(_tone(2.5))
    # Killed here: everything written is in the file, the header says "to the end of the file".
    raw = (tmp_path / "r.wav").read_bytes()
    assert len(raw) == ulaw_wav.HEADER + 20_000 and raw[54:58] == b"\xff\xff\xff\xff"
    assert ulaw_wav.finish(tmp_path / "r.wav") == 2500
    fixed = (tmp_path / "r.wav").read_bytes()
    assert struct.unpack("<I", fixed[54:58])[0] == 20_000 and struct.unpack("<I", fixed[4:8])[0] == len(fixed) - 8


def test_a_closed_file_has_its_lengths_and_a_cut_one_keeps_what_is_left(tmp_path: Path) -> None:
    w = ulaw_wav.Writer(tmp_path / "r.wav")
    w.write_pcm16(_tone(1))
    w.write_pcm16(_tone(1))
    w.close()
    assert w.duration_ms == 2000 and ulaw_wav.finish(tmp_path / "r.wav") == 2000
    cut = tmp_path / "cut.wav"
    cut.write_bytes((tmp_path / "r.wav").read_bytes()[:ulaw_wav.HEADER + 12_345])
    assert ulaw_wav.finish(cut) == 1543
    assert ulaw_wav.finish(tmp_path / "nothing.wav") is None


def test_recovery_after_a_crash_notes_the_length_of_what_was_written(store: Store) -> None:
    mid = store.import_meeting(make_meeting(items=1, entries=1))
    rid, path = ops.begin_recording(store, mid, "wav").result
    ulaw_wav.Writer(path).write_pcm16(_tone(3))  # and then the window was killed
    gone, _ = ops.begin_recording(store, mid, "wav").result  # killed before a byte was written
    assert ops.recover_recordings(store).result == 1
    r = store.recording(rid)
    assert r.duration_ms == 3000 and r.size == ulaw_wav.HEADER + 24_000
    assert [x.id for x in store.recordings(mid)] == [rid]
    assert ops.recover_recordings(store).result == 0
