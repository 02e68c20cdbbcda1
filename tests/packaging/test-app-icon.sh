#!/usr/bin/env bash
# The application icon is well-formed, square, scalable SVG with no text in it (text would
# not be translated and would not read at 16 px).
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

svg=$1

check "it is an SVG document" grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$svg"
check "its viewBox is square" grep -qE 'viewBox="0 0 ([0-9]+) \1"' "$svg"
check "it has no text" bash -c '! grep -q -E "<(text|tspan)[ >]" "$1"' _ "$svg"
check "it embeds no raster image" bash -c '! grep -q "<image" "$1"' _ "$svg"
if have python3; then
  check "it is well-formed XML" \
    python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$svg"
else
  tap_skip "it is well-formed XML" "python3 is not installed"
fi

tap_done
