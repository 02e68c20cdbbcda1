#!/usr/bin/env bash
# The Debian 12 packages that building, running and testing Jiefen need: the one list that
# demo.sh and test.sh install from. Source it and call jf_install_deps, or run it:
#   scripts/deps.sh            install what is missing
#   scripts/deps.sh --list     print the list
#   scripts/deps.sh --missing  print the packages not installed yet

JF_DEBIAN_PACKAGES=(
  # build
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libsoup-3.0-dev libjson-glib-dev libpq-dev libsodium-dev
  libqrencode-dev libcairo2-dev libpango1.0-dev libsystemd-dev libadwaita-1-dev
  libpoppler-glib-dev
  # sanitizers and fuzzing
  clang libclang-rt-14-dev
  # the database
  postgresql-15 postgresql-client-15
  # ui tests: a virtual X server, a session bus, CJK glyphs, SVG icons
  xvfb xauth dbus-x11 fonts-noto-cjk librsvg2-common adwaita-icon-theme
  # packaging validation: desktop entry, AppStream, systemd unit and sysusers file
  desktop-file-utils appstream-util appstream systemd
  # reports, the demo and the benchmarks
  poppler-utils curl wrk
)

jf_missing_packages() {
  local pkg
  for pkg in "${JF_DEBIAN_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      echo "$pkg"
    fi
  done
}

# Installs the missing packages, quietly and without questions; apt's output goes to LOG
# (default: a temporary file) and is shown only when something fails.
jf_install_deps() {
  local log=${1:-} missing sudo=()
  mapfile -t missing < <(jf_missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      {
        echo "error: these Debian packages are missing and sudo is not there to install them:"
        echo "  ${missing[*]}"
        echo "Install them as root (apt-get install ...) and run again."
      } >&2
      return 1
    fi
    sudo=(sudo)
  fi
  [ -n "$log" ] || log=$(mktemp "${TMPDIR:-/tmp}/jiefen-apt.XXXXXX")
  printf '==> Installing %d Debian package(s): %s\n' "${#missing[@]}" "${missing[*]}"
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300)
  # A failed update is fine when the lists already hold the packages: the install decides.
  if ! "${apt[@]}" update >>"$log" 2>&1; then
    echo "warning: apt-get update failed; trying the package lists already on this machine" >&2
  fi
  if ! "${apt[@]}" -y -o Dpkg::Use-Pty=0 install "${missing[@]}" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    printf 'error: apt-get install failed (full log: %s)\n' "$log" >&2
    return 1
  fi
  mapfile -t missing < <(jf_missing_packages)
  if [ "${#missing[@]}" -ne 0 ]; then
    printf 'error: still missing after apt-get install: %s\n' "${missing[*]}" >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    --list) printf '%s\n' "${JF_DEBIAN_PACKAGES[@]}" ;;
    --missing) jf_missing_packages ;;
    '') jf_install_deps ;;
    *)
      echo "usage: $0 [--list|--missing]" >&2
      exit 2
      ;;
  esac
fi
