#!/usr/bin/env bash
# ./test.sh: install what is missing, build with warnings as errors (and an ASan+UBSan
# build), start a throw-away PostgreSQL cluster, run the unit, db and ui suites, build the
# fuzz targets with clang and run each for a bounded time (JF_FUZZ_SECONDS, default 30),
# remove what it started. Exits non-zero on any failure; the last line is
# "N passed, N failed".
#
# The db tests find the cluster through JF_TEST_PGHOST (the socket directory),
# JF_TEST_PGPORT, JF_TEST_PGUSER (a superuser role), JF_TEST_CLUSTER (the cluster
# directory) and JF_CLUSTER_SCRIPT, so that a test can run
#   "$JF_CLUSTER_SCRIPT" restart "$JF_TEST_CLUSTER"
set -uo pipefail

cd "$(dirname "$(readlink -f "$0")")" || exit 1
root_dir=$PWD
. scripts/lib.sh
. scripts/deps.sh

cluster_script=$root_dir/scripts/cluster.sh
state_dir=$root_dir/.jiefen
run_dir=
cluster_dir=
started=$(date +%s)

passed=0
failed=0
skipped=0
expected_fail=0
failures=()

step_failed() {
  failures+=("$1")
  failed=$((failed + 1))
  printf '*** FAILED: %s\n' "$1"
}

elapsed() { echo "$(($(date +%s) - started))s"; }

cleanup() {
  trap - EXIT INT TERM HUP
  if [ -n "$cluster_dir" ]; then
    "$cluster_script" remove "$cluster_dir" >/dev/null 2>&1 ||
      jf_warn "could not remove the test cluster in $cluster_dir"
    cluster_dir=
  fi
  if [ -n "$run_dir" ]; then
    rm -rf "$run_dir"
    run_dir=
  fi
}

# Suites run in the background so that a signal reaches us at once; stop all that we
# started (meson, xvfb-run, the tests) before removing the cluster under them.
kill_descendants() {
  local pids pid alive stat fields i
  pids=$(for stat in /proc/[0-9]*/stat; do
    fields=$(cat "$stat" 2>/dev/null) || continue
    echo "${fields%% *} $(fields=${fields##*) } && fields=${fields#* } && echo "${fields%% *}")"
  done | awk -v root=$$ '{ kids[$2] = kids[$2] " " $1 }
    END { n = split(kids[root], q, " ")
          for (i = 1; i <= n; i++) {
            m = split(kids[q[i]], more, " ")
            for (j = 1; j <= m; j++) q[++n] = more[j]
          }
          for (i = n; i >= 1; i--) print q[i] }')
  [ -n "$pids" ] || return 0
  # Deepest first: meson should see its tests end, not its output pipe.
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null; done
  for ((i = 0; i < 50; i++)); do
    alive=
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive+=" $pid"; done
    [ -n "$alive" ] || return 0
    sleep 0.1
  done
  for pid in $alive; do kill -KILL "$pid" 2>/dev/null; done
}

on_signal() {
  echo "test.sh: interrupted; removing the test cluster" >&2
  kill_descendants
  cleanup
  exit 130
}
trap cleanup EXIT
trap on_signal INT TERM HUP

# Sets up or reconfigures a build directory with the given options.
setup_build() {
  local dir=$1
  shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

build() {
  local dir=$1
  shift
  jf_msg "Building $dir ($(elapsed))"
  setup_build "$dir" "$@" && meson compile -C "$dir"
}

suite_has_tests() {
  meson introspect "$1" --tests 2>/dev/null | grep -Eq "\"([^\"]*:)?$2\""
}

# One number from the summary that closes meson test's output ("Fail:              0").
summary_count() { sed -n "s/^$2: *\([0-9][0-9]*\).*/\1/p" "$1" | tail -n 1; }

# Runs one suite of one build dir through meson test and adds its summary to the totals.
# Anything after the suite name wraps the meson command (xvfb-run and friends).
run_suite() {
  local dir=$1 suite=$2 multiplier=$3
  shift 3
  local label="$suite suite ($dir)" log rc ok xfail fail xpass skip timeout
  if ! suite_has_tests "$dir" "$suite"; then
    jf_msg "No tests in the $label yet"
    return 0
  fi
  jf_msg "Running the $label ($(elapsed))"
  # meson writes the same summary to its log file that it prints: count from the file.
  log=$dir/meson-logs/test-sh-$suite.txt
  rm -f "$log"
  "$@" meson test -C "$dir" --suite "$suite" --no-rebuild --num-processes 2 \
    --timeout-multiplier "$multiplier" --print-errorlogs --logbase "test-sh-$suite" &
  wait "$!"
  rc=$?

  ok=$(summary_count "$log" Ok)
  xfail=$(summary_count "$log" 'Expected Fail')
  fail=$(summary_count "$log" Fail)
  xpass=$(summary_count "$log" 'Unexpected Pass')
  skip=$(summary_count "$log" Skipped)
  timeout=$(summary_count "$log" Timeout)
  if [ -z "$ok" ]; then
    step_failed "$label: meson test gave no summary (exit status $rc)"
    return 0
  fi
  passed=$((passed + ok + ${xfail:-0}))
  expected_fail=$((expected_fail + ${xfail:-0}))
  skipped=$((skipped + ${skip:-0}))
  local bad=$((${fail:-0} + ${xpass:-0} + ${timeout:-0}))
  failed=$((failed + bad))
  if [ "$bad" -gt 0 ]; then
    failures+=("$label: $bad failed (see $log)")
  elif [ "$rc" -ne 0 ]; then
    step_failed "$label: meson test exited with status $rc"
  fi
}

# The run's scratch directory, with the cluster in it: under .jiefen, unless the postgres
# user (under root) cannot get there, as in a clone inside /root.
make_run_dir() {
  mkdir -p "$state_dir"
  run_dir=$state_dir/test-$$
  if jf_is_root; then
    chmod 0711 "$state_dir"
    if ! (cd / && runuser -u postgres -- test -x "$state_dir") 2>/dev/null; then
      run_dir=$(mktemp -d "${TMPDIR:-/tmp}/jiefen-test.XXXXXX")
      jf_msg "The postgres user cannot enter $state_dir; the test cluster goes to $run_dir"
    fi
    mkdir -p "$run_dir" && chmod 0711 "$run_dir"
  else
    chmod 0700 "$state_dir"
    mkdir -p "$run_dir" && chmod 0700 "$run_dir"
  fi
}

start_cluster() {
  cluster_dir=$run_dir/pg
  "$cluster_script" init "$cluster_dir" && "$cluster_script" start "$cluster_dir" || return 1
  eval "$("$cluster_script" env "$cluster_dir")" || return 1
  export JF_TEST_PGHOST=$PGHOST JF_TEST_PGPORT=$PGPORT JF_TEST_PGUSER=$PGUSER
  export JF_TEST_CLUSTER=$cluster_dir JF_CLUSTER_SCRIPT=$cluster_script
  # The tests get the JF_TEST_* names only: a test must not reach a database by accident.
  unset PGHOST PGPORT PGUSER PGDATABASE
}

keep_cluster_log() {
  local log=$cluster_dir/log/postgresql.log
  if [ -n "$cluster_dir" ] && [ -f "$log" ] && [ -d build/meson-logs ]; then
    cp "$log" build/meson-logs/postgresql-test.log 2>/dev/null &&
      echo "The test cluster's log is in build/meson-logs/postgresql-test.log"
  fi
}

# --- the run ------------------------------------------------------------------------------

mkdir -p "$state_dir"
jf_install_deps "$state_dir/apt.log" || step_failed "install the Debian packages"

build_ok=0
# -Dbench=true: bench/'s load client is built (not run) so that it keeps compiling.
if build build --werror -Dbench=true; then
  build_ok=1
else
  step_failed "build (build/, --werror)"
fi

make_run_dir
have_cluster=0
jf_msg "Starting a throw-away PostgreSQL cluster ($(elapsed))"
if start_cluster; then
  have_cluster=1
  jf_msg "PostgreSQL is up: socket $JF_TEST_PGHOST, port $JF_TEST_PGPORT, role $JF_TEST_PGUSER"
else
  step_failed "start the test PostgreSQL cluster"
fi

# Private per-run desktop state for the ui suite: no dconf, no shared runtime dir.
ui_env=(env GTK_A11Y=test GSK_RENDERER=cairo NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory)
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  mkdir -m 0700 "$run_dir/xdg-runtime"
  ui_env+=(XDG_RUNTIME_DIR="$run_dir/xdg-runtime")
fi
ui_wrap=(xvfb-run -a -s "-screen 0 1280x800x24")
command -v dbus-run-session >/dev/null && ui_wrap+=(dbus-run-session --)

if [ "$build_ok" = 1 ]; then
  run_suite build unit 1
  if [ "$have_cluster" = 1 ]; then
    run_suite build db 2
  fi
  run_suite build ui 2 "${ui_wrap[@]}" "${ui_env[@]}"
fi

asan_ok=0
if build build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false -Dclient=false; then
  asan_ok=1
else
  step_failed "build (build-asan/, ASan+UBSan, --werror)"
fi
# GLib 2.74 still has GSlice: without this its caches hide use-after-free from ASan.
asan_env=(env G_SLICE=always-malloc)
if [ "$asan_ok" = 1 ]; then
  run_suite build-asan unit 3 "${asan_env[@]}"
  if [ "$have_cluster" = 1 ]; then
    run_suite build-asan db 4 "${asan_env[@]}"
  fi
fi

# --- fuzzing: a third build, clang with libFuzzer, ASan and UBSan --------------------------
# No --werror here: clang warns where gcc does not (unused g_autoptr guards).
# -fsanitize=fuzzer-no-link instruments every library,
# so that the fuzzers see the coverage of the code under test, not only of their harness.
# Each target first replays its seeds and regressions (the fuzz suite), then
# fuzzes for JF_FUZZ_SECONDS (default 30) from its seeds; a crash, leak, hang or broken
# oracle fails the run, and libFuzzer's input is kept in build-fuzz/fuzz-artifacts/.
fuzz_seconds=${JF_FUZZ_SECONDS:-30}
fuzz_targets=(fuzz-json fuzz-id-number fuzz-route-query fuzz-upload)

# Fuzzes one target in the background (so that a signal reaches us); counts it.
run_fuzzer() {
  local target=$1 corpus=$run_dir/fuzz/$1 artifacts=$root_dir/build-fuzz/fuzz-artifacts/$1
  local log=build-fuzz/meson-logs/fuzz-$1.txt rc execs rate
  mkdir -p "$corpus" "$artifacts" build-fuzz/meson-logs
  "${asan_env[@]}" "build-fuzz/tests/fuzz/$target" -max_total_time="$fuzz_seconds" \
    -timeout=10 -error_exitcode=1 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus" "tests/fuzz/corpus/$target" >"$log" 2>&1 &
  wait "$!"
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    jf_msg "  $target: ${execs:-?} executions in ${fuzz_seconds}s (${rate:-?}/s), no crash"
  else
    step_failed "fuzz $target: exit status $rc; the input is in $artifacts/ (log: $log)"
    echo "    Once the bug is fixed, copy that input to tests/fuzz/regressions/$target/."
  fi
}

fuzz_ok=0
if (export CC=clang && build build-fuzz -Dfuzz=true -Db_sanitize=address,undefined \
  -Db_lundef=false -Dclient=false \
  -Dc_args=-fsanitize=fuzzer-no-link); then
  fuzz_ok=1
else
  step_failed "build (build-fuzz/, clang, libFuzzer, ASan+UBSan)"
fi
if [ "$fuzz_ok" = 1 ]; then
  run_suite build-fuzz fuzz 3 "${asan_env[@]}"
  jf_msg "Fuzzing ${#fuzz_targets[@]} targets for ${fuzz_seconds}s each ($(elapsed))"
  for target in "${fuzz_targets[@]}"; do
    run_fuzzer "$target"
  done
fi

[ "$failed" -eq 0 ] || keep_cluster_log
cleanup

echo
jf_msg "Done in $(elapsed): $skipped skipped," \
  "$expected_fail expected failure(s) (counted as passed)"
for f in "${failures[@]}"; do
  echo "  failed: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
