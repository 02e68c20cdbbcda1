# shellcheck shell=bash
# bench/report.sh: sourced by bench/run. Describes the machine and turns jf-load's
# "JF figure key=value ..." lines and pgbench's rate into the table of figures, targets
# and verdicts, printed and written to bench/results/.

# The value of KEY in a JF line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | head -n 1; }
# The JF line of FIGURE in a block of jf-load output.
line_of() { grep "^JF $2 " <<<"$1" | head -n 1; }
# True when A <= B (decimals).
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }
measured() { [ -n "$1" ] && [ "$1" != nan ]; }

# CPU time in ms of process PID and of its children that it has reaped.
cpu_ms() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || {
    echo 0
    return
  }
  # After "pid (comm) " the fields count from the state: utime is the 12th.
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%d\n", ($12 + $13 + $14 + $15) * 1000 / hz }' \
    <<<"${stat##*) }"
}

# CPU time in ms of the whole cluster: the postmaster, what it has reaped (backends that
# have exited) and its live children.
pg_cpu_ms() {
  local postmaster
  postmaster=$(head -n 1 "$cluster_dir/data/postmaster.pid")
  echo $(($(cpu_ms "$postmaster") + $(cat /proc/[0-9]*/stat 2>/dev/null |
    awk -v pm="$postmaster" -v hz="$(getconf CLK_TCK)" '{
      sub(/^.*\) /, ""); if ($2 == pm) sum += $12 + $13 }
      END { printf "%d\n", sum * 1000 / hz }')))
}

# "0m1.250s 0m0.500s" (a line of bash's `times`) in ms, user and system together.
times_ms() {
  awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
         printf "%d\n", t * 1000 }'
}

bench_describe_machine() {
  local dirty=
  run_started=$(date '+%Y-%m-%d %H:%M %Z')
  cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  cores=$(nproc)
  memory=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  kernel=$(uname -r)
  storage=$(df -T "$bench_dir" | awk 'NR == 2 { print $2 " on " $1 }')
  load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg)
  pg_version=$(psql_q -c "SHOW server_version")
  pg_settings=$(psql_q -c "SELECT string_agg(name || ' = ' || current_setting(name), ', '
    ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit',
    'max_connections', 'fsync', 'wal_level', 'max_wal_size', 'checkpoint_timeout',
    'work_mem', 'effective_cache_size')")
  matters_at_start=$(psql_q -c "SELECT count(*) FROM jf.matters")
  git diff --quiet HEAD 2>/dev/null || dirty=" with uncommitted changes"
  commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
}

rows=()
notes=()
row() { rows+=("| $1 | $2 | $3 | $4 |"); }

# pass, or the gap to a ceiling.
verdict_max() {
  if ! measured "$1"; then
    echo "not measured"
  elif le "$1" "$2"; then
    echo pass
  else
    awk -v a="$1" -v b="$2" -v u="$3" 'BEGIN { printf "gap: %.1f%s over\n", a - b, u }'
  fi
}

note_errors() {
  local errors
  errors=$(field "$2" errors)
  [ -z "$errors" ] || [ "$errors" = none ] ||
    notes+=("$1: answers other than the expected one, as status:count: $errors")
}

latency_row() {
  local name=$1 line=$2 pct=$3 limit=$4 value
  if [ -z "$line" ]; then
    row "$name" "failed (see .jiefen/bench/jf-load.log)" "p$pct ≤ $limit ms" "not measured"
    return
  fi
  value=$(field "$line" "p$pct")
  row "$name" "p$pct $value ms (p50 $(field "$line" p50) ms; $(field "$line" rate)/s)" \
    "p$pct ≤ $limit ms" "$(verdict_max "$value" "$limit" " ms")"
  note_errors "$name" "$line"
}

bench_table() {
  local line rate ratio hwm_mib depth
  rows=("| Figure | Measured | Target | Verdict |" "|---|---|---|---|")

  line=$(line_of "$intake" intake)
  rate=$(field "$line" rate)
  if [ -n "$line" ]; then
    row "intake: jiefend, POST /v1/matters, $clients clients, ${seconds} s" \
      "$rate matters/s (p50 $(field "$line" p50) ms, p99 $(field "$line" p99) ms)" "" ""
  else
    row "intake: jiefend, POST /v1/matters" "failed (see .jiefen/bench/jf-load.log)" "" ""
  fi
  note_errors "intake" "$line"
  row "intake: yardstick, pgbench -c $clients -j 2 -T $seconds" \
    "$(measured "$pgbench_tps" && printf '%.1f' "$pgbench_tps" || echo failed) transactions/s" "" ""
  if measured "$rate" && measured "$pgbench_tps"; then
    ratio=$(awk -v a="$rate" -v b="$pgbench_tps" 'BEGIN { printf "%.2f", a / b }')
    row "**intake ratio** (jiefend ÷ pgbench)" "**$ratio**" "≥ 0.7" \
      "$(le 0.7 "$ratio" && echo pass ||
        awk -v r="$ratio" 'BEGIN { printf "gap: %.2f below\n", 0.7 - r }')"
  else
    row "**intake ratio** (jiefend ÷ pgbench)" "—" "≥ 0.7" "not measured"
  fi

  depth=$(line_of "$queue" queue-depth)
  latency_row "queue: status=$queue_status, org=$queue_org, first page, 4 clients" \
    "$(line_of "$queue" queue-first)" 99 20
  latency_row "queue: the same, page $(($(field "$depth" pages) + 1)) (keyset)" \
    "$(line_of "$queue" queue-deep)" 99 20
  for n in 1 2 4; do
    latency_row "search: $n Chinese character(s), whole city" \
      "$(line_of "$search" "search-$n")" 95 100
  done
  if [ -n "$(line_of "$stats" "stats unavailable")" ]; then
    row "statistics: county $queue_org, year $stats_year" "not yet available" "≤ 200 ms" \
      "not measured: /v1/stats is not served yet"
  else
    latency_row "statistics: county $queue_org, year $stats_year" "$(line_of "$stats" stats)" \
      95 200
  fi
  latency_row "live: whistle → department's WebSocket, 200 in turn" "$(line_of "$live" live)" 99 50
  line=$(line_of "$intake" memory-sign-in)
  if [ -n "$line" ]; then
    hwm_mib=$(awk -v k="$(field "$line" hwm_kib)" 'BEGIN { printf "%.1f", k / 1024 }')
    row "memory: jiefend's peak RSS while $clients clients sign in" "$hwm_mib MiB" "≤ 64 MiB" \
      "$(verdict_max "$hwm_mib" 64 " MiB")"
  fi
  if [ -n "$hwm_kib" ] && [ -z "$(line_of "$intake" memory-reset)" ]; then
    hwm_mib=$(awk -v k="$hwm_kib" 'BEGIN { printf "%.1f", k / 1024 }')
    row "memory: jiefend's peak RSS under the intake load (VmHWM)" "$hwm_mib MiB" "≤ 64 MiB" \
      "$(verdict_max "$hwm_mib" 64 " MiB")"
  else
    row "memory: jiefend's peak RSS under the intake load (VmHWM)" "—" "≤ 64 MiB" \
      "not measured (the peak could not be reset after sign-in)"
  fi
}

# Where the CPU went: per write, for jiefend's intake and for the yardstick.
bench_cpu_table() {
  local line n
  line=$(line_of "$intake" intake)
  n=$(field "$line" n)
  cpu_rows=("| CPU per write (ms) | jiefend | PostgreSQL | load client | total |"
    "|---|---|---|---|---|")
  if measured "$n" && [ "$n" -gt 0 ]; then
    cpu_rows+=("$(awk -v n="$n" -v j="$(field "$line" server_cpu_ms)" \
      -v p="$(field "$line" pg_cpu_ms)" -v c="$(field "$line" cpu_ms)" 'BEGIN {
        printf "| jiefend intake, per 201 | %.2f | %.2f | %.2f | %.2f |", j / n, p / n, c / n,
               (j + p + c) / n }')")
  fi
  if measured "$pgbench_n" && [ "$pgbench_n" -gt 0 ]; then
    cpu_rows+=("$(awk -v n="$pgbench_n" -v p="$pgbench_pg_cpu" -v c="$pgbench_cpu" 'BEGIN {
        printf "| yardstick, per transaction | — | %.2f | %.2f | %.2f |", p / n, c / n,
               (p + c) / n }')")
  fi
}

bench_report() {
  local results_dir=$root_dir/bench/results name file
  bench_table
  bench_cpu_table
  # The standard runs keep one file a day; others are named by their size.
  if [ "$seconds" = 20 ] && [ "$matters" = 1000000 ]; then
    name=$(date +%Y-%m-%d)
  elif [ "$seconds" = 20 ] && [ "$large" = 1 ]; then
    name=$(date +%Y-%m-%d)-large
  else
    name=$(date +%Y-%m-%d)-m$matters-s$seconds
  fi
  mkdir -p "$results_dir"
  file=$results_dir/$name.md
  {
    echo "# Jiefen benchmarks, $name"
    echo
    echo "\`bench/run --matters $matters --seconds $seconds\`, started $run_started, commit $commit."
    echo
    echo "## Machine"
    echo
    echo "- CPU: $cpu_model, $cores cores (shared with other work: load average $load_at_start at the start)"
    echo "- Memory: $memory; kernel $kernel; the cluster on $storage"
    echo "- PostgreSQL $pg_version: $pg_settings"
    echo "- jiefend: threads = 0 (one per core), pool-size = 8 per thread (the defaults);" \
      "${jiefend_conns:-?} connections to PostgreSQL after intake"
    echo "- Data: $matters_at_start matters at the start ($matters seeded; the rest registered by earlier runs)"
    echo
    echo "## Figures"
    echo
    printf '%s\n' "${rows[@]}"
    if [ "${#notes[@]}" -gt 0 ]; then
      echo
      printf -- '- %s\n' "${notes[@]}"
    fi
    echo
    echo "CPU time per write during the intake runs, from /proc (PostgreSQL: every process of"
    echo "the cluster, background writers included; the machine's other work not counted):"
    echo
    printf '%s\n' "${cpu_rows[@]}"
  } >"$file"
  echo
  cat "$file"
  echo
  jf_msg "Written to ${file#"$root_dir"/}"
}
