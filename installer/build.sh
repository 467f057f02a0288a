#!/usr/bin/env bash
# Build ClerkDesk for this platform into dist/: the one-folder bundle, then
#   Linux:   dist/clerkdesk-VERSION-linux-ARCH.tar.gz (unpack, run ./install.sh)
#   Windows: dist/ClerkDesk-VERSION-setup.exe (Inno Setup; run from Git Bash)
#   macOS:   dist/ClerkDesk-VERSION-macos-ARCH.zip (ClerkDesk.app, unsigned)
#
#   pip install ".[build]" && installer/build.sh
#
# PYTHON picks the interpreter (default: python3, else python); DIST and WORK move the output
# and PyInstaller's work folder (default dist/ and build/, both git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$(command -v python3 || command -v python)}"
DIST="${DIST:-$ROOT/dist}"
WORK="${WORK:-$ROOT/build}"

# Version and publisher come from pyproject.toml, the one place they are written.
project() { "$PYTHON" -c 'import sys, tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
print(p["version"] if sys.argv[1] == "version" else p["authors"][0]["name"])' "$1" | tr -d '\r'; }
VERSION="$(project version)"
PUBLISHER="$(project publisher)"
echo "Building ClerkDesk $VERSION ($PUBLISHER) with $("$PYTHON" --version)"

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" installer/clerkdesk.spec

case "$(uname -s)" in
  Linux)
    # The desktop entry, file type and per-user installer travel inside the tarball.
    cp resources/clerkdesk.desktop installer/linux/clerkdesk-mime.xml installer/linux/install.sh "$DIST/clerkdesk/"
    out="$DIST/clerkdesk-$VERSION-linux-$(uname -m).tar.gz"
    tar -C "$DIST" -czf "$out" clerkdesk
    ;;
  Darwin)
    out="$DIST/ClerkDesk-$VERSION-macos-$(uname -m).zip"
    ditto -c -k --sequesterRsrc --keepParent "$DIST/ClerkDesk.app" "$out"
    ;;
  MINGW*|MSYS*|CYGWIN*)
    ISCC="$(command -v iscc || echo "/c/Program Files (x86)/Inno Setup 6/ISCC.exe")"
    [ -x "$ISCC" ] || { echo "build.sh: Inno Setup 6.3 or later is needed (ISCC.exe not found)" >&2; exit 1; }
    # Git Bash would rewrite the /D switches as paths; the paths are already Windows paths.
    MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='*' "$ISCC" /Qp "/DAppVersion=$VERSION" "/DAppPublisher=$PUBLISHER" \
      "/DBundleDir=$(cygpath -w "$DIST/clerkdesk")" "/DOutputDir=$(cygpath -w "$DIST")" \
      "$(cygpath -w installer/windows/clerkdesk.iss)"
    out="$DIST/ClerkDesk-$VERSION-setup.exe"
    ;;
  *) echo "build.sh: no package step for $(uname -s); the bundle is in $DIST/clerkdesk" >&2; exit 0 ;;
esac
echo "Built $out ($(du -sh "$DIST/clerkdesk" | cut -f1) unpacked)"
