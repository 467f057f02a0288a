#!/usr/bin/env bash
# The tests' virtual microphone: a PulseAudio server with a null sink whose monitor is remapped
# as a microphone (tests/ui/test_live_recording.py starts it). Installs pulseaudio and
# pulseaudio-utils with apt-get when we are root and no sound server is installed; never on a
# desktop that has PipeWire's PulseAudio (the two conflict). Never fatal: without them the live
# recording tests skip and say why. Always exits 0. Used by `make test` (through tasks.py).
set -u
command -v dpkg-query >/dev/null 2>&1 || exit 0
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
installed pulseaudio && installed pulseaudio-utils && exit 0
installed pipewire-pulse && exit 0
[ "$(id -u)" -eq 0 ] || { echo "ClerkDesk: the live recording tests need pulseaudio (apt-get install pulseaudio pulseaudio-utils); they will skip." >&2; exit 0; }
command -v apt-get >/dev/null 2>&1 || exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq pulseaudio pulseaudio-utils >/dev/null 2>&1 ||
  { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq pulseaudio pulseaudio-utils >/dev/null 2>&1; } ||
  echo "ClerkDesk: pulseaudio could not be installed; the live recording tests will skip." >&2
exit 0
