#!/usr/bin/env bash
# ./demo.sh: install what is missing, build, start a private PostgreSQL cluster in
# .jiefen/pg, migrate and seed it (the organisation and 5,000 demo matters, once), start
# jiefend on a free port on 127.0.0.1 and open jiefen-desk on it. Ctrl-C stops everything
# it started.
#
# State that survives between runs lives in .jiefen/: the cluster, the demo logins
# (demo-logins.txt, 0600), the attachments and the data key.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
root_dir=$PWD
. scripts/lib.sh
. scripts/deps.sh

cluster_script=$root_dir/scripts/cluster.sh
state_dir=$root_dir/.jiefen
cluster_dir=$state_dir/pg
logins=$state_dir/demo-logins.txt
jiefend=$root_dir/build/server/jiefend
jiefenctl=$root_dir/build/server/jiefenctl
desk=$root_dir/build/client-gtk/jiefen-desk

started_cluster=0
jiefend_pid=
desk_pid=
waiter_pid=

cleanup() {
  trap - EXIT INT TERM HUP
  set +e # finish the cleanup even when the terminal has gone
  [ -z "$waiter_pid" ] || kill "$waiter_pid" 2>/dev/null || true
  [ -z "$desk_pid" ] || jf_stop_pid "$desk_pid" jiefen-desk
  [ -z "$jiefend_pid" ] || jf_stop_pid "$jiefend_pid" jiefend
  if [ "$started_cluster" = 1 ]; then
    jf_msg "Stopping PostgreSQL"
    "$cluster_script" stop "$cluster_dir" || true
  fi
}
trap cleanup EXIT
trap 'echo; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

skip_missing() {
  if [ -x "$1" ]; then
    return 1
  fi
  jf_msg "Skipping $2: ${1#"$root_dir"/} has not been built (not written yet?)"
}

# --- packages and build -------------------------------------------------------------------

mkdir -p "$state_dir"
if jf_is_root; then
  chmod 0711 "$state_dir" # the postgres user walks through it to its cluster
else
  chmod 0700 "$state_dir"
fi
jf_install_deps "$state_dir/apt.log"

jf_msg "Building (log: .jiefen/build.log)"
: >"$state_dir/build.log"
if [ ! -f build/meson-private/coredata.dat ]; then
  setup=(meson setup build)
else
  setup=(true)
fi
# -k 0: build all that can be built, so that the server still runs when the client does
# not compile (and the other way round).
if ! { "${setup[@]}" && meson compile -C build --ninja-args=-k0; } >>"$state_dir/build.log" 2>&1
then
  tail -n 30 "$state_dir/build.log" >&2
  jf_warn "the build failed (full log: .jiefen/build.log); going on with the programs" \
    "that exist, which may be out of date"
fi
[ -x "$jiefenctl" ] || [ ! -x "$root_dir/build/server/ctl/jiefenctl" ] ||
  jiefenctl=$root_dir/build/server/ctl/jiefenctl

# --- PostgreSQL ---------------------------------------------------------------------------

if [ ! -f "$cluster_dir/data/PG_VERSION" ]; then
  "$cluster_script" init "$cluster_dir"
fi
if "$cluster_script" status "$cluster_dir" >/dev/null 2>&1; then
  jf_msg "PostgreSQL is already running in .jiefen/pg: using it (and leaving it running)"
else
  jf_msg "Starting PostgreSQL in .jiefen/pg"
  "$cluster_script" start "$cluster_dir"
  started_cluster=1
fi
eval "$("$cluster_script" env "$cluster_dir")"

# --- configuration ------------------------------------------------------------------------

port=$(jf_free_port 8420)
url=http://127.0.0.1:$port
conf=$state_dir/jiefend.conf
mkdir -p "$state_dir/attachments" && chmod 0700 "$state_dir/attachments"
cat >"$conf" <<EOF
# Written by demo.sh on every run.
[server]
listen=127.0.0.1:$port
threads=0

[database]
# Empty: the PG* variables that demo.sh exports for the cluster in .jiefen/pg.
connection=

[attachments]
directory=$state_dir/attachments

[crypto]
key-file=$state_dir/data-key
EOF

# --- data keys, schema and demo data ------------------------------------------------------

if ! skip_missing "$jiefenctl" "the data keys, the migrations and the demo data"; then
  if [ ! -f "$state_dir/data-key" ]; then
    jf_msg "Creating the data keys (.jiefen/data-key)"
    "$jiefenctl" --config "$conf" keygen --out "$state_dir/data-key" >/dev/null
  fi
  jf_msg "Migrating the database"
  "$jiefenctl" --config "$conf" migrate
  if [ -f "$state_dir/seeded" ]; then
    jf_msg "Demo data already loaded (delete .jiefen/seeded to seed again)"
  else
    jf_msg "Loading the demo data"
    (
      umask 077
      # 5,000 generated matters (about 90 in the demo clerk's township), so that the
      # queue, the inbox's neighbours and the statistics have something to show.
      "$jiefenctl" --config "$conf" seed --demo-matters 5000 >"$logins.new"
      "$jiefenctl" --config "$conf" stats rebuild >/dev/null
    )
    # A database seeded before (the marker lost) says so instead of printing passwords:
    # keep the logins recorded then.
    if [ -s "$logins" ] && grep -q '^already seeded' "$logins.new"; then
      rm -f "$logins.new"
    else
      mv -f "$logins.new" "$logins"
    fi
    touch "$state_dir/seeded"
  fi
fi

# --- the server ---------------------------------------------------------------------------

if ! skip_missing "$jiefend" "the server"; then
  jf_msg "Starting jiefend on $url"
  "$jiefend" --config "$conf" &
  jiefend_pid=$!
  for ((i = 0; i < 100; i++)); do
    kill -0 "$jiefend_pid" 2>/dev/null || jf_die "jiefend exited at start-up"
    jf_port_listening "$port" && break
    sleep 0.1
  done
  jf_port_listening "$port" || jf_die "jiefend did not listen on $url within 10 s"
fi

# --- what to tell -------------------------------------------------------------------------

echo
if [ -f "$logins" ]; then
  echo "Demo logins (also in .jiefen/demo-logins.txt):"
  sed 's/^/  /' "$logins"
  echo
elif [ -x "$jiefenctl" ]; then
  echo "No demo logins recorded: .jiefen/seeded exists but .jiefen/demo-logins.txt does not."
fi
echo "PostgreSQL: psql via  scripts/cluster.sh psql .jiefen/pg"

if [ -n "$jiefend_pid" ]; then
  echo "Server:     $url"
  echo "            curl $url/healthz"
  echo "            curl $url/v1/openapi.json   (the API)"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set): not opening jiefen-desk."
  if [ -n "$jiefend_pid" ]; then
    echo "Reach the server at $url from this machine, or run jiefen-desk elsewhere with"
    echo "  JIEFEN_SERVER=$url"
  fi
elif ! skip_missing "$desk" "the desktop app"; then
  jf_msg "Opening jiefen-desk"
  schemas=()
  if [ -f build/client-gtk/gschemas.compiled ]; then
    schemas=(GSETTINGS_SCHEMA_DIR="$root_dir/build/client-gtk")
  fi
  env JIEFEN_SERVER="$url" "${schemas[@]}" "$desk" &
  desk_pid=$!
fi

echo
if [ -n "$desk_pid" ]; then
  echo "Close jiefen-desk or press Ctrl-C to stop."
  # Whichever ends first ends the demo.
  wait -n "$desk_pid" ${jiefend_pid:+"$jiefend_pid"} || true
elif [ -n "$jiefend_pid" ]; then
  echo "jiefend runs in the foreground: press Ctrl-C to stop."
  status=0
  wait "$jiefend_pid" || status=$?
  jiefend_pid=
  [ "$status" -eq 0 ] || jf_die "jiefend stopped with status $status"
  jf_msg "jiefend has stopped"
else
  echo "Nothing more to start. PostgreSQL stays up until you press Ctrl-C."
  sleep infinity &
  waiter_pid=$!
  wait "$waiter_pid" || true
fi
