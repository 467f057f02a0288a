#!/usr/bin/env bash
# The team archive's tests need PostgreSQL's server binaries (initdb, pg_ctl, postgres): the
# tests start a throw-away cluster of their own (tests/pg_cluster.py) and stop it. Installs
# Debian's postgresql package when no server is found, with apt-get as root or with sudo
# without a password; otherwise it says why and carries on (then the archive tests fail under
# CLERKDESK_REQUIRE_POSTGRES, rather than being skipped quietly). Always exits 0.
set -u
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
command -v initdb >/dev/null 2>&1 && exit 0
say() { echo "ClerkDesk CI: $1; the team archive's tests need PostgreSQL (apt-get install postgresql)." >&2; exit 0; }
if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then sudo="sudo -n"
else say "cannot install system packages without root"; fi
command -v apt-get >/dev/null 2>&1 || say "apt-get is not here"
echo "Installing PostgreSQL for the team archive's tests"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if $sudo apt-get install -y -qq postgresql >"$log" 2>&1 ||
   { $sudo apt-get update -qq >>"$log" 2>&1 && $sudo apt-get install -y -qq postgresql >>"$log" 2>&1; }; then
  rm -f "$log"
  exit 0
fi
reason=$(grep -m1 -E '^E:' "$log" || echo "see apt-get's output")
rm -f "$log"
say "apt-get could not install postgresql ($reason)"
