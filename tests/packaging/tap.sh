# shellcheck shell=bash
# A little TAP for the shell tests: `check DESCRIPTION COMMAND...` runs the command and
# reports ok or not ok with its output as diagnostics; `tap_done` prints the plan and sets
# the exit status.

tap_n=0
tap_failed=0

tap_ok() {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $*"
}

tap_not_ok() {
  tap_n=$((tap_n + 1))
  tap_failed=$((tap_failed + 1))
  echo "not ok $tap_n - $*"
}

tap_skip() {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $1 # SKIP $2"
}

tap_skip_all() {
  echo "1..0 # SKIP $*"
  exit 0
}

check() {
  local desc=$1 out
  shift
  if out=$("$@" 2>&1); then
    tap_ok "$desc"
  else
    tap_not_ok "$desc"
    [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
  fi
}

tap_done() {
  echo "1..$tap_n"
  [ "$tap_failed" -eq 0 ]
}

have() { command -v "$1" >/dev/null 2>&1; }
