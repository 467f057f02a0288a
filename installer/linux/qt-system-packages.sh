#!/usr/bin/env bash
# Qt (PySide6) needs a few system libraries on Linux to open a real window; a minimal machine
# may lack them. Installs the missing ones with apt-get when we are root or have sudo without a
# password. When that is not possible (no root, another apt holding the dpkg lock, no network)
# it says which packages are missing and what needs them, and carries on: the command line and
# the offscreen test suite need none of them. Always exits 0. Used by `make run`/`make test`
# (through tasks.py).
set -u
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
          libxcb-image0 libx11-xcb1 fonts-dejavu-core
          libpulse0)  # Qt Multimedia's sound on Linux: recording and playing the meeting's recording
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: nothing we can check here
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

explain() {
  echo "ClerkDesk: $1; the window needs these system packages: ${missing[*]}" >&2
  echo "ClerkDesk: carrying on; the command line and the tests run without them. To open the window," \
       "install them: sudo apt-get install ${missing[*]}" >&2
  exit 0
}

if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then sudo="sudo -n"
else explain "cannot install system packages without root"; fi
command -v apt-get >/dev/null 2>&1 || explain "apt-get is not here"
echo "Installing the system packages Qt needs for the window: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if $sudo apt-get install -y -qq "${missing[@]}" >"$log" 2>&1 ||
   { $sudo apt-get update -qq >>"$log" 2>&1 && $sudo apt-get install -y -qq "${missing[@]}" >>"$log" 2>&1; }; then
  rm -f "$log"
  exit 0
fi
if grep -qi "lock" "$log"; then reason="another program holds the package manager's lock (dpkg)"
else reason="apt-get could not install them ($(grep -m1 -E '^E:' "$log" || echo "see apt-get's output"))"; fi
rm -f "$log"
explain "$reason"
