#!/usr/bin/env bash
# The AppStream metadata of jiefen-desk: valid offline, launching the desktop entry that
# packaging/ installs, with the first release, and with no placeholder left in it.
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

metainfo=$1
desktop=$2
app_id=$(basename "$metainfo" .metainfo.xml)

if have appstreamcli; then
  check "appstreamcli validate --no-net accepts it" appstreamcli validate --no-net "$metainfo"
else
  tap_skip "appstreamcli validate --no-net accepts it" "appstreamcli is not installed"
fi
if have appstream-util; then
  check "appstream-util validate-relax accepts it" \
    appstream-util validate-relax --nonet "$metainfo"
else
  tap_skip "appstream-util validate-relax accepts it" "appstream-util is not installed"
fi
check "its id is the application id" grep -q "<id>$app_id</id>" "$metainfo"
check "it launches $(basename "$desktop")" \
  grep -q "<launchable type=\"desktop-id\">$(basename "$desktop")</launchable>" "$metainfo"
check "it has zh_CN (default) and en names and summaries" \
  test "$(grep -c -E '<(name|summary)( xml:lang="en")?>' "$metainfo")" -eq 4
check "it has an OARS content rating" grep -q '<content_rating type="oars-1.1"' "$metainfo"
check "it lists release 0.1.0 of 2026-11-26" \
  grep -q '<release version="0.1.0" date="2026-11-26"' "$metainfo"
placeholders='todo|fixme|xxx|placeholder|lorem|example\.(com|org)|@[A-Za-z_]+@'
check "no placeholder is left" bash -c '! grep -n -i -E "$1" "$2"' _ "$placeholders" "$metainfo"

tap_done
