#!/usr/bin/env bash
# The systemd unit of jiefend: every hardening setting the deployment relies on is there,
# once; systemd-analyze verifies it and rates its exposure, where systemd-analyze works
# without a running systemd (in a container it may not).
set -u
# shellcheck source=tests/packaging/tap.sh
. "$(dirname "$0")/tap.sh"

unit=$1

required=(
  'Type=notify'
  'WatchdogSec=30'
  'DynamicUser=no'
  'User=jiefen'
  'StateDirectory=jiefen'
  'ConfigurationDirectory=jiefen'
  'UMask=0077'
  'LimitNOFILE=65536'
  'ProtectSystem=strict'
  'ProtectHome=yes'
  'PrivateTmp=yes'
  'PrivateDevices=yes'
  'NoNewPrivileges=yes'
  'ProtectKernelTunables=yes'
  'ProtectKernelModules=yes'
  'ProtectKernelLogs=yes'
  'ProtectControlGroups=yes'
  'ProtectClock=yes'
  'ProtectHostname=yes'
  'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6'
  'RestrictNamespaces=yes'
  'RestrictRealtime=yes'
  'RestrictSUIDSGID=yes'
  'LockPersonality=yes'
  'MemoryDenyWriteExecute=yes'
  'SystemCallArchitectures=native'
  'SystemCallFilter=@system-service'
  'CapabilityBoundingSet='
)

for setting in "${required[@]}"; do
  check "$setting" grep -qxF -- "$setting" "$unit"
  # A later line with the same key would silently override it.
  k=${setting%%=*}
  [ "$k" = SystemCallFilter ] ||
    check "$k is set once" test "$(grep -c "^$k=" "$unit")" -eq 1
done
check "ExecStart runs jiefend with /etc/jiefen/jiefend.conf" \
  grep -qE '^ExecStart=/[^ ]*/jiefend --config /etc/jiefen/jiefend\.conf$' "$unit"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# verify wants ExecStart to exist; the binary is not installed when the tests run.
sed -E 's|^ExecStart=[^ ]+|ExecStart=/bin/true|' "$unit" >"$tmp/jiefend.service"
printf '[Service]\nExecStart=/bin/true\n' >"$tmp/reference.service"

if ! have systemd-analyze; then
  tap_skip "systemd-analyze verify" "systemd-analyze is not installed"
elif ! systemd-analyze verify "$tmp/reference.service" >/dev/null 2>&1; then
  tap_skip "systemd-analyze verify" "systemd-analyze verify does not work here"
else
  check "systemd-analyze verify accepts it" systemd-analyze verify "$tmp/jiefend.service"
fi

if have systemd-analyze &&
  systemd-analyze security --offline=yes "$tmp/reference.service" >/dev/null 2>&1; then
  # Exposure is rated 0.0-10.0; the threshold counts tenths. 2.0 and below is "OK".
  check "systemd-analyze security rates its exposure 2.0 or lower" \
    systemd-analyze security --offline=yes --threshold=20 --no-pager "$tmp/jiefend.service"
else
  tap_skip "systemd-analyze security --offline" "not available here"
fi

tap_done
