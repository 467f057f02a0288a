"""Benchmarks of recording the meeting: CPU while recording, bytes an hour, and typing with
recording on.

They need a microphone. This machine has none, so a PulseAudio server of the run's own is
started with a null sink playing a tone and its monitor remapped as a microphone (as in
tests/ui/test_live_recording.py), and the window runs in a child process that sees it. Where
PulseAudio is missing the rows say so instead of a figure.

    python -m bench.recording          the three figures as JSON
"""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import time
import wave
from pathlib import Path

from .core import scratch

TOOLS = {n: shutil.which(n) for n in ("pulseaudio", "pactl", "paplay")}


def _tone(path: Path, seconds: int) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"".join(struct.pack("<h", int(9000 * math.sin(2 * math.pi * 220 * n / 16000)))
                               for n in range(seconds * 16000)))
    return path


def _server(folder: Path) -> tuple[subprocess.Popen, dict[str, str]]:
    runtime = folder / "pulse"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
           "QT_QPA_PLATFORM": "offscreen"}
    server = subprocess.Popen(
        [TOOLS["pulseaudio"], "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "--use-pid-file=no",
         "-L", "module-native-protocol-unix", "-L", "module-null-sink sink_name=room",
         "-L", "module-remap-source master=room.monitor source_name=virtualmic"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while subprocess.run([TOOLS["pactl"], "info"], env=env, capture_output=True).returncode != 0:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError("PulseAudio would not start")
        try:
            server.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            pass
    subprocess.run([TOOLS["pactl"], "set-default-source", "virtualmic"], env=env, check=True)
    return server, env


def recording(seconds: int = 20, chars: int = 2000) -> dict[str, object]:
    """CPU (% of one core) idle and while recording, bytes an hour, and the typing stall while recording."""
    missing = [n for n, p in TOOLS.items() if p is None]
    if missing:
        return {"skipped": f"no microphone here and no PulseAudio ({', '.join(missing)} missing) to make one"}
    folder = scratch()
    try:
        server, env = _server(folder)
    except RuntimeError as e:
        return {"skipped": str(e)}
    speaker = subprocess.Popen([TOOLS["paplay"], "--device=room", str(_tone(folder / "tone.wav", seconds * 3 + 120))],
                               env=env)
    try:
        out = subprocess.run([sys.executable, "-m", "bench.recording", "--child", str(folder), str(seconds), str(chars)],
                             env=env, capture_output=True, text=True, timeout=600,
                             cwd=Path(__file__).resolve().parent.parent)
        if out.returncode != 0:
            return {"skipped": f"the recording window failed: {out.stderr.strip().splitlines()[-1:]}"}
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        for p in (speaker, server):
            p.kill()
            p.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _child(folder: Path, seconds: int, chars: int) -> dict[str, object]:
    from . import window as w
    app, win, _big, _small = w._open_window(folder / "cpu")
    try:
        def cpu_over(s: float) -> float:
            t0, c0 = time.perf_counter(), time.process_time()
            w._wait(app, lambda: time.perf_counter() - t0 > s, timeout_s=s + 30, poll_ms=50)
            return (time.process_time() - c0) / (time.perf_counter() - t0) * 100
        settle = time.perf_counter()
        w._wait(app, lambda: time.perf_counter() - settle > 1.5, poll_ms=50)
        idle = cpu_over(seconds)
        recorder = win.recording.recorder
        win.actions_by_name["record"].trigger()
        w._wait(app, lambda: recorder.elapsed_ms() > 500)
        busy = cpu_over(seconds)
        recorder.stop()
        w._wait(app, lambda: recorder.state == "stopped")
        from clerkdesk.store import Store, default_store_path
        with Store(default_store_path(folder / "cpu" / "data")) as s:
            r = s.recordings()[-1]
            size = (folder / "cpu" / "data" / r.file).stat().st_size
        duration_ms = recorder.elapsed_ms()
    finally:
        w._close_window(app, win)
    typing = w.typing_stall(chars=chars, folder=folder / "typing", recording=True)
    plain = w.typing_stall(chars=chars, folder=folder / "plain")  # the floor: the same typing, not recording
    return {"typing_not_recording": plain, "cpu_idle_pct": idle, "cpu_recording_pct": busy, "file_bytes": size, "seconds": duration_ms / 1000,
            "mb_per_hour": size / (duration_ms / 1000) * 3600 / 1e6, "typing": typing}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
    else:
        print(json.dumps(recording(), indent=2))
