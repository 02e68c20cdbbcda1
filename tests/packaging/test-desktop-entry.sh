#!/usr/bin/env bash
# The desktop entry of jiefen-desk: valid for desktop-file-validate, Chinese first with an
# English translation, and naming the icon that packaging/ installs.
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

desktop=$1
icon=$2
app_id=$(basename "$desktop" .desktop)

key() { sed -n "s/^$1=//p" "$desktop"; }
is() { [ "$1" = "$2" ] || { echo "got '$1', want '$2'"; return 1; }; }

if have desktop-file-validate; then
  check "desktop-file-validate accepts it" desktop-file-validate "$desktop"
else
  tap_skip "desktop-file-validate accepts it" "desktop-file-validate is not installed"
fi
check "Name is 解纷" is "$(key Name)" 解纷
check "Name[en] is Jiefen" is "$(key 'Name\[en\]')" Jiefen
check "GenericName and Comment are in both languages" \
  test -n "$(key GenericName)" -a -n "$(key 'GenericName\[en\]')" \
  -a -n "$(key Comment)" -a -n "$(key 'Comment\[en\]')"
check "Exec runs jiefen-desk" is "$(key Exec)" jiefen-desk
check "Icon is the application id" is "$(key Icon)" "$app_id"
check "the icon file is named after the application id" is "$(basename "$icon" .svg)" "$app_id"
check "Categories is Office" is "$(key Categories)" "Office;"
check "Terminal is false" is "$(key Terminal)" false
check "StartupNotify is true" is "$(key StartupNotify)" true

tap_done
