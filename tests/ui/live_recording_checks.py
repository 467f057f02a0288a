"""Recording live from a microphone: a virtual one, a PulseAudio null sink whose monitor is
remapped as a source, playing a tone. The window records in a subprocess, is killed with
SIGKILL, and the recording so far plays after a restart.

Skips only where PulseAudio (pulseaudio, pulseaudio-utils) is missing; make test installs it
on Debian/Ubuntu (installer/linux/test-audio-packages.sh).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from clerkdesk.store import Store, default_store_path
from tests.builders import tone_wav

SHOTS = Path("/tmp/clerkdesk-recording-shots")
PULSE, PACTL, PAPLAY = (shutil.which(n) for n in ("pulseaudio", "pactl", "paplay"))
pytestmark = pytest.mark.skipif(not (PULSE and PACTL and PAPLAY),
                                reason="needs PulseAudio (pulseaudio and pulseaudio-utils) for a virtual microphone")

DRIVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from clerkdesk.ui.app import make_window
from clerkdesk.ui.settings import Settings
w = make_window(Path(sys.argv[1]), Settings(Path(sys.argv[2])))
w.show()
asked, shot = [], []
def tick():
    r = w.recording.recorder
    if w.controller.meeting is not None and not asked:
        asked.append(1)
        print("microphone", r.available(), flush=True)
        w.actions_by_name["record"].trigger()
    if r.elapsed_ms() > 3000 and not shot:
        shot.append(1)
        w.header.grab().save(sys.argv[3])  # to look at: the red dot, the time and the level
    print("state", r.state, "elapsed", r.elapsed_ms(), flush=True)
t = QTimer()
t.timeout.connect(tick)
t.start(250)
app.exec()
"""


@pytest.fixture
def virtual_microphone(tmp_path: Path):
    """A PulseAudio server of the test's own with a "room" sink and a "virtualmic" source hearing it."""
    runtime = tmp_path / "pulse-runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
           "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    (tmp_path / "home").mkdir()
    server = subprocess.Popen(
        [PULSE, "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "--use-pid-file=no",
         "-L", "module-native-protocol-unix", "-L", "module-null-sink sink_name=room",
         "-L", "module-remap-source master=room.monitor source_name=virtualmic "
               "source_properties=device.description=VirtualMic"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while subprocess.run([PACTL, "info"], env=env, capture_output=True).returncode != 0:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.skip("PulseAudio would not start here (a container without shared memory?)")
        try:
            server.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass
    subprocess.run([PACTL, "set-default-source", "virtualmic"], env=env, check=True)
    for name in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH"):  # this process's own players use the same server
        os.environ[name] = env[name]
    yield env
    server.kill()
    server.wait()


def _wait_for_line(proc: subprocess.Popen, test, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        if test(line):
            return line
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"the window never said what was waited for (exit {proc.poll()})")


def _playable_ms(qtbot, path: Path) -> int:
    player = QMediaPlayer()
    with qtbot.waitSignal(player.durationChanged, timeout=10000, check_params_cb=lambda d: d > 0) as got:
        player.setSource(QUrl.fromLocalFile(str(path)))
    return got.args[0]


def test_ten_seconds_recorded_then_sigkill_still_plays_after_a_restart(qtbot, virtual_microphone, data_dir: Path,
                                                                        tmp_path: Path, open_window) -> None:
    env = virtual_microphone
    tone = tone_wav(tmp_path / "speech.wav", 60, rate=16000, hz=300)
    speaker = subprocess.Popen([PAPLAY, "--device=room", str(tone)], env=env)
    SHOTS.mkdir(exist_ok=True)
    window = subprocess.Popen([sys.executable, "-c", DRIVER, str(data_dir), str(tmp_path / "settings.ini"),
                               str(SHOTS / "header-recording.png")],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert "True" in _wait_for_line(window, lambda s: s.startswith("microphone"), 60)
        line = _wait_for_line(window, lambda s: s.startswith("state recording") and int(s.split()[-1]) >= 10_000, 60)
        os.kill(window.pid, signal.SIGKILL)
        window.wait()
    finally:
        for p in (window, speaker):
            if p.poll() is None:
                p.kill()
                p.wait()
    recorded_ms = int(line.split()[-1])
    with Store(default_store_path(data_dir)) as s:
        [r] = s.recordings()
    assert (r.source, r.format, r.duration_ms) == ("recorded", "wav", None)  # killed before it could say
    path = data_dir / r.file
    heard = path.read_bytes()[58:]
    assert len(heard) >= 8000 * 9 and len(set(heard[-8000:])) > 20  # the tone, not silence
    playable = _playable_ms(qtbot, path)
    assert 0 < playable and recorded_ms - playable <= 60_000, (recorded_ms, playable)
    # Cut short at any byte, as a crash leaves it, it plays up to where it stops.
    cut = tmp_path / "cut.wav"
    kept = (path.stat().st_size - 58) // 2 + 3
    cut.write_bytes(path.read_bytes()[: 58 + kept])
    player, output = QMediaPlayer(), QAudioOutput()
    player.setAudioOutput(output)  # without one Qt's player never says EndOfMedia
    errors: list[str] = []
    player.errorOccurred.connect(lambda _e, text: errors.append(text))
    with qtbot.waitSignal(player.durationChanged, timeout=10000, check_params_cb=lambda d: d > 0):
        player.setSource(QUrl.fromLocalFile(str(cut)))
    player.setPosition(kept // 8 - 2000)
    with qtbot.waitSignal(player.mediaStatusChanged, timeout=15000,
                          check_params_cb=lambda st: st == QMediaPlayer.MediaStatus.EndOfMedia):
        player.play()
    assert not errors
    # A restart: the window finds the recording's real length, shows it and plays it.
    w = open_window()
    qtbot.waitUntil(lambda: w.player.isVisible() and w.player.current_recording() is not None, timeout=10000)
    with Store(default_store_path(data_dir)) as s:
        qtbot.waitUntil(lambda: s.recording(r.id).duration_ms is not None, timeout=10000)
        assert abs(s.recording(r.id).duration_ms - playable) < 1000
    w.player.toggle()
    qtbot.waitUntil(lambda: w.player.player.position() > 200, timeout=10000)


EXEMPT_DRIVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from clerkdesk.ui.app import make_window
from clerkdesk.ui.settings import Settings
w = make_window(Path(sys.argv[1]), Settings(Path(sys.argv[2])))
w.show()
step = [0]
def tick():
    r, c = w.recording.recorder, w.controller
    items = c.meeting.items if c.meeting else []
    if step[0] == 0 and items:
        w.actions_by_name["record"].trigger()
        step[0] = 1
    elif step[0] == 1 and r.elapsed_ms() > 1500:
        c.go_to_item(next(i.id for i in items if i.exempt))
        step[0] = 2
    elif step[0] == 2 and r.state == "paused":
        print("paused for the exempt item", flush=True)
        c.go_to_item(next(i.id for i in items if not i.exempt))
        step[0] = 3
    elif step[0] == 3 and r.state == "recording" and r.elapsed_ms() > 3000:
        print("resumed", flush=True)
        r.stop()
        step[0] = 4
    elif step[0] == 4 and r.state == "stopped":
        print("stopped", flush=True)
        QTimer.singleShot(1500, app.quit)
        step[0] = 5
t = QTimer()
t.timeout.connect(tick)
t.start(100)
app.exec()
w.session.stop()
"""


def test_recording_pauses_for_an_exempt_item_when_the_committee_says_so(virtual_microphone, data_dir: Path,
                                                                         tmp_path: Path) -> None:
    from clerkdesk import ops
    from clerkdesk.sample import sample_meeting
    with Store(default_store_path(data_dir)) as s:
        meeting = sample_meeting()
        s.import_meeting(meeting)
        ops.set_recording_policy(s, meeting.committee.name, None, pauses_exempt=True)
    speaker = subprocess.Popen([PAPLAY, "--device=room", str(tone_wav(tmp_path / "t.wav", 60, rate=16000))],
                               env=virtual_microphone)
    try:
        out = subprocess.run([sys.executable, "-c", EXEMPT_DRIVER, str(data_dir), str(tmp_path / "settings.ini")],
                             env=virtual_microphone, capture_output=True, text=True, timeout=120)
    finally:
        speaker.kill()
        speaker.wait()
    assert out.stdout.splitlines() == ["paused for the exempt item", "resumed", "stopped"], out.stderr[-2000:]
    with Store(default_store_path(data_dir)) as s:
        first, second = s.recordings()
    assert first.duration_ms >= 1500 and second.duration_ms > 0  # two stretches, each with its own start
    assert second.started >= first.started
