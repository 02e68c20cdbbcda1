#!/usr/bin/env bash
# The sysusers.d file creates the system user jiefen, home /var/lib/jiefen, no login shell.
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

file=$(readlink -f "$1")

check "it declares the user jiefen" grep -qE '^u[[:space:]]+jiefen[[:space:]]' "$file"
if ! have systemd-sysusers; then
  tap_skip "systemd-sysusers creates the user" "systemd-sysusers is not installed"
  tap_done
  exit
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir "$root/etc"
check "systemd-sysusers accepts it" systemd-sysusers --root="$root" "$file"
entry=$(grep '^jiefen:' "$root/etc/passwd" 2>/dev/null)
check "jiefen is a system user" \
  test "$(cut -d: -f3 <<<"$entry")" -lt 1000 -a "$(cut -d: -f3 <<<"$entry")" -gt 0
check "its home is /var/lib/jiefen" test "$(cut -d: -f6 <<<"$entry")" = /var/lib/jiefen
check "it has no login shell" grep -q nologin <<<"$(cut -d: -f7 <<<"$entry")"
check "it has a group of its own" grep -q '^jiefen:' "$root/etc/group"

tap_done
