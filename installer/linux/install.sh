#!/bin/sh
# Install this ClerkDesk bundle for the current user, without root: the program in
# ~/.local/opt/clerkdesk, a `clerkdesk` command in ~/.local/bin, a menu entry, the icons,
# and the .clerkdesk file type (double-click opens it in ClerkDesk). Run again to upgrade.
#
#   ./install.sh               install or upgrade
#   ./install.sh --uninstall   remove the program (the clerk's meetings are never touched)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/clerkdesk
BIN=$HOME/.local/bin
ICON_SIZES="16 24 32 48 64 128 256 512"

refresh() {
  # Each tool is optional: a desktop without them picks the files up at next login.
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$OPT"
  rm -f "$BIN/clerkdesk" "$DATA/applications/clerkdesk.desktop" "$DATA/mime/packages/clerkdesk.xml"
  for s in $ICON_SIZES; do
    rm -f "$DATA/icons/hicolor/${s}x${s}/apps/clerkdesk.png" \
          "$DATA/icons/hicolor/${s}x${s}/mimetypes/application-x-clerkdesk-meeting.png"
  done
  rm -f "$DATA/icons/hicolor/scalable/apps/clerkdesk.svg"
  refresh
  echo "ClerkDesk is uninstalled. Your meetings are still in your data folder."
  exit 0
fi

[ -x "$HERE/clerkdesk" ] || { echo "install.sh: run me from the unpacked ClerkDesk folder." >&2; exit 2; }
if [ "$HERE" != "$OPT" ]; then
  rm -rf "$OPT.new" && mkdir -p "$OPT.new"
  cp -R "$HERE/." "$OPT.new/"
  rm -rf "$OPT" && mv "$OPT.new" "$OPT"
fi
ICONS="$OPT/_internal/clerkdesk/resources/icons"
mkdir -p "$BIN" "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
ln -sf "$OPT/clerkdesk" "$BIN/clerkdesk"
sed -e "s|^Exec=clerkdesk|Exec=\"$OPT/clerkdesk\"|" -e "s|^TryExec=clerkdesk|TryExec=$OPT/clerkdesk|" \
  "$OPT/clerkdesk.desktop" > "$DATA/applications/clerkdesk.desktop"
cp "$OPT/clerkdesk-mime.xml" "$DATA/mime/packages/clerkdesk.xml"
for s in $ICON_SIZES; do
  for kind in apps mimetypes; do mkdir -p "$DATA/icons/hicolor/${s}x${s}/$kind"; done
  cp "$ICONS/clerkdesk-$s.png" "$DATA/icons/hicolor/${s}x${s}/apps/clerkdesk.png"
  cp "$ICONS/clerkdesk-$s.png" "$DATA/icons/hicolor/${s}x${s}/mimetypes/application-x-clerkdesk-meeting.png"
done
cp "$ICONS/clerkdesk.svg" "$DATA/icons/hicolor/scalable/apps/clerkdesk.svg"
refresh
echo "ClerkDesk is installed: find it in your applications menu, or run $BIN/clerkdesk."
