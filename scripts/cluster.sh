#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in one directory, for the demo and the tests.
#
#   cluster.sh init DIR [PORT]   create it (once; a second init leaves it alone)
#   cluster.sh start DIR         start it (no-op when running) and create database jiefen
#   cluster.sh stop DIR          fast shutdown
#   cluster.sh restart DIR
#   cluster.sh status DIR        exit 0 running, 3 stopped, 4 no cluster
#   cluster.sh env DIR           export lines for PGHOST PGPORT PGUSER PGDATABASE (for eval)
#   cluster.sh psql DIR [ARGS]   psql into database jiefen
#   cluster.sh remove DIR        stop it and delete DIR
#
# Layout: DIR/data (PGDATA), DIR/run (the unix socket; no TCP), DIR/log/postgresql.log.
# initdb refuses to run as root, so under root the cluster belongs to the `postgres` system
# user (from postgresql-common) and this script runs initdb and pg_ctl through runuser; as
# anyone else it belongs to that user. Authentication is `trust` on the socket only, and the
# socket directory is 0700: only the cluster's user and root can connect, as role `jiefen`.
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
ROLE=jiefen
DATABASE=jiefen
# sun_path holds 108 bytes including the NUL.
SOCKET_PATH_MAX=107

# shellcheck source=scripts/lib.sh
. "$(dirname "$(readlink -f "$0")")/lib.sh"

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$(readlink -m "$2")
shift 2
data=$dir/data
meta=$dir/cluster.conf

case "$dir" in
  *\'* | *\\*) jf_die "the cluster path may not contain quotes or backslashes: $dir" ;;
esac

meta_get() { sed -n "s/^$1=//p" "$meta" 2>/dev/null | tail -n 1; }

owner() { stat -c %U "$data"; }

# Runs a command as USER, from / so that it never needs our cwd.
run_as() {
  local user=$1
  shift
  if [ "$(id -un)" = "$user" ]; then
    (cd / && "$@")
  elif jf_is_root; then
    (cd / && runuser -u "$user" -- "$@")
  else
    jf_die "the cluster in $dir belongs to $user: run this as $user or as root"
  fi
}

as_owner() { run_as "$(owner)" "$@"; }

# A directory we may not enter is not a missing cluster: say whose it is.
check_access() {
  if [ -d "$dir" ] && ! [ -x "$dir" ]; then
    jf_die "cannot enter $dir (it belongs to $(stat -c %U "$dir")):" \
      "run this as that user or as root"
  fi
}

require_cluster() {
  check_access
  [ -f "$data/PG_VERSION" ] || {
    echo "error: no cluster in $dir (run: $0 init $dir)" >&2
    exit 4
  }
}

# Under root the cluster user must be able to walk down to DIR; name the directory that
# stops it rather than let initdb fail with a bare "permission denied".
check_traversable() {
  local user=$1 path
  path=$(dirname "$dir")
  if (cd / && runuser -u "$user" -- test -x "$path"); then
    return 0
  fi
  while [ "$path" != / ]; do
    if ! (cd / && runuser -u "$user" -- test -x "$path"); then
      local blocker=$path
    fi
    path=$(dirname "$path")
  done
  jf_die "the user '$user' cannot enter ${blocker:-a parent of $dir}" \
    "($(stat -c '%A %U' "${blocker:-/}")): make it traversable (chmod o+x)" \
    "or put the cluster elsewhere"
}

running() { as_owner "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; }

cmd_init() {
  local port=${1:-} user socket_dir
  if [ -f "$data/PG_VERSION" ]; then
    echo "cluster.sh: $dir is already initialised; leaving it as it is" >&2
    return 0
  fi
  [ -x "$PGBIN/initdb" ] || jf_die "$PGBIN/initdb not found: install postgresql-15"
  if jf_is_root; then
    user=postgres
    id -u "$user" >/dev/null 2>&1 ||
      jf_die "there is no 'postgres' user (postgresql-common creates it): install postgresql-15"
  else
    user=$(id -un)
  fi
  [ -n "$port" ] || port=$(jf_free_port)

  socket_dir=$dir/run
  if [ $((${#socket_dir} + ${#port} + 10)) -gt $SOCKET_PATH_MAX ]; then
    # Too long for a unix socket address: keep the socket in a short private directory.
    socket_dir=$(mktemp -d /tmp/jiefen-pg.XXXXXX)
  fi

  mkdir -p "$dir"
  chmod 0700 "$dir"
  if jf_is_root; then
    chown "$user:" "$dir"
    check_traversable "$user"
  fi
  mkdir -p "$socket_dir" "$dir/log"
  chmod 0700 "$socket_dir" "$dir/log"
  chown "$user:" "$socket_dir" "$dir/log"
  [ "$socket_dir" = "$dir/run" ] || ln -sfn "$socket_dir" "$dir/run"

  jf_msg "Creating a PostgreSQL 15 cluster in $dir (user $user, role $ROLE)"
  run_as "$user" "$PGBIN/initdb" -D "$data" --locale=C.UTF-8 --encoding=UTF8 -U "$ROLE" \
    --auth-local=trust --auth-host=reject >"$dir/log/initdb.log" 2>&1 ||
    {
      cat "$dir/log/initdb.log" >&2
      jf_die "initdb failed"
    }

  as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF

# Added by Jiefen's scripts/cluster.sh
listen_addresses = ''
port = $port
unix_socket_directories = '$socket_dir'
unix_socket_permissions = 0700
fsync = on
shared_buffers = 256MB
max_connections = 200
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  printf 'port=%s\nsocket_dir=%s\n' "$port" "$socket_dir" >"$meta"
}

cmd_start() {
  require_cluster
  if running; then
    echo "cluster.sh: $dir is already running" >&2
    return 0
  fi
  # A session of its own: a Ctrl-C meant for the caller must not reach the postmaster;
  # whoever started the cluster stops it.
  if ! as_owner setsid -w "$PGBIN/pg_ctl" -D "$data" -l "$dir/log/postgresql.log" \
    -w -t 60 -s start; then
    tail -n 20 "$dir/log/postgresql.log" >&2 || true
    jf_die "PostgreSQL did not start (log: $dir/log/postgresql.log)"
  fi
  ensure_database
}

ensure_database() {
  local exists
  exists=$("$PGBIN/psql" -h "$(meta_get socket_dir)" -p "$(meta_get port)" -U "$ROLE" \
    -d postgres -XAtq -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")
  if [ "$exists" != 1 ]; then
    "$PGBIN/psql" -h "$(meta_get socket_dir)" -p "$(meta_get port)" -U "$ROLE" \
      -d postgres -Xq -c "CREATE DATABASE $DATABASE"
  fi
}

cmd_stop() {
  require_cluster
  if ! running; then
    echo "cluster.sh: $dir is not running" >&2
    return 0
  fi
  as_owner "$PGBIN/pg_ctl" -D "$data" -m fast -w -t 60 -s stop
}

cmd_restart() {
  require_cluster
  as_owner setsid -w "$PGBIN/pg_ctl" -D "$data" -l "$dir/log/postgresql.log" \
    -m fast -w -t 60 -s restart
}

cmd_status() {
  check_access
  [ -f "$data/PG_VERSION" ] || {
    echo "no cluster in $dir"
    return 4
  }
  if running; then
    echo "running: socket $(meta_get socket_dir), port $(meta_get port), user $(owner)"
  else
    echo "stopped: $dir"
    return 3
  fi
}

cmd_env() {
  require_cluster
  printf 'export PGHOST=%q\n' "$(meta_get socket_dir)"
  printf 'export PGPORT=%q\n' "$(meta_get port)"
  printf 'export PGUSER=%q\n' "$ROLE"
  printf 'export PGDATABASE=%q\n' "$DATABASE"
}

cmd_psql() {
  require_cluster
  exec "$PGBIN/psql" -h "$(meta_get socket_dir)" -p "$(meta_get port)" -U "$ROLE" \
    -d "$DATABASE" "$@"
}

cmd_remove() {
  local socket_dir
  if [ -f "$data/PG_VERSION" ]; then
    running && as_owner "$PGBIN/pg_ctl" -D "$data" -m immediate -w -t 60 -s stop
    socket_dir=$(meta_get socket_dir)
    case "$socket_dir" in
      /tmp/jiefen-pg.*) rm -rf "$socket_dir" ;;
    esac
  fi
  rm -rf "$dir"
}

case "$cmd" in
  init) cmd_init "$@" ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_restart ;;
  status) cmd_status ;;
  env) cmd_env ;;
  psql) cmd_psql "$@" ;;
  remove) cmd_remove ;;
  *) usage ;;
esac
