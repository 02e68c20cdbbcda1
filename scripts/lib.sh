# shellcheck shell=bash
# Helpers shared by demo.sh, test.sh and scripts/cluster.sh. Source it; it defines functions
# only and changes no shell options.

jf_msg() { printf '==> %s\n' "$*"; }
jf_warn() { printf 'warning: %s\n' "$*" >&2; }
jf_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

jf_is_root() { [ "$(id -u)" -eq 0 ]; }

# True when something listens on TCP PORT (IPv4 or IPv6, any address). Reads /proc so that
# a fresh machine needs neither ss nor netstat.
jf_port_listening() {
  local hex
  hex=$(printf ':%04X' "$1")
  awk -v p="$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { found = 1 }
                   END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Prints PREFERRED if it is free, else a free port in 20000-59999.
jf_free_port() {
  local preferred=${1:-} port tries
  if [ -n "$preferred" ] && ! jf_port_listening "$preferred"; then
    echo "$preferred"
    return 0
  fi
  for ((tries = 0; tries < 200; tries++)); do
    port=$((20000 + ((RANDOM << 15) | RANDOM) % 40000))
    if ! jf_port_listening "$port"; then
      echo "$port"
      return 0
    fi
  done
  jf_die "found no free TCP port"
}

# Stops PID (a child of this shell, called NAME in messages): TERM, then KILL after 10 s.
jf_stop_pid() {
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  jf_msg "Stopping $name"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
