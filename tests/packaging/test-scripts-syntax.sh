#!/usr/bin/env bash
# The set-up scripts parse and are executable: a syntax error there would only show on a
# fresh machine, where nobody is watching.
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

root=${JF_SOURCE_ROOT:?JF_SOURCE_ROOT is not set}

for script in demo.sh test.sh scripts/cluster.sh scripts/deps.sh .ci/run; do
  if [ ! -e "$root/$script" ]; then
    tap_not_ok "$script exists"
    continue
  fi
  check "$script is executable" test -x "$root/$script"
  case "$(head -n 1 "$root/$script")" in
    *bash*) check "$script parses (bash -n)" bash -n "$root/$script" ;;
    *) check "$script parses (sh -n)" sh -n "$root/$script" ;;
  esac
done
check "scripts/lib.sh parses" bash -n "$root/scripts/lib.sh"

tap_done
