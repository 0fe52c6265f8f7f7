#!/usr/bin/env bash
# Prepares everything the test suites and the benchmarks need:
#   1. Debian packages: cross compilers, cross libc headers, qemu-user, make, musl-tools,
#      clang and lld (llvm-14: llvm-objdump-14 and llvm-lipo-14 check Mach-O files); gcc for
#      the host's dynamically linked corpus; mawk and python3-minimal
#      (host programs the dynamic-linking tests run under kitemu with -L /);
#   2. Debian's busybox-static for riscv64, aarch64 and x86_64 (all required by the tests),
#      fetched with a private apt configuration (the system's sources stay untouched),
#      cached under $KITEMU_CACHE (default $HOME/.cache/kitemu) and unpacked into
#      testdata/build/busybox/<isa>/;
#   3. the guest corpus: `make -C testdata` (testdata/darwin: Mach-O guests built with clang
#      and ld64.lld-14 against our libSystem.tbd, plus their Linux reference builds;
#      testdata/windows: PE32+ guests built with mingw-w64, plus their native references).
# Idempotent; when everything is present it only checks and returns (well under 2 s).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${KITEMU_CACHE:-${HOME:-/root}/.cache/kitemu}
BUSYBOX_DIR="$ROOT/testdata/build/busybox"
MIRROR=${KITEMU_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Suites tried in order for busybox-static; testing moves, so fall back to the others.
read -r -a SUITES <<<"${KITEMU_BUSYBOX_SUITES:-forky trixie sid}"

log() { printf 'setup: %s\n' "$*" >&2; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  fi
fi

# ---------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------
PACKAGES=(
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross binutils-riscv64-linux-gnu qemu-user make
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu musl-tools
  clang lld llvm-14
  gcc libc6-dev mawk python3-minimal
  mingw-w64
)

missing_packages() {
  # One dpkg-query call for all packages; a package not installed prints nothing or a
  # status other than "install ok installed".
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
  local p
  for p in "${PACKAGES[@]}"; do
    if ! grep -qx -- "$p" <<<"$installed"; then
      printf '%s\n' "$p"
    fi
  done
}

install_packages() {
  local need
  mapfile -t need < <(missing_packages)
  if [ "${#need[@]}" -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] && [ "${#SUDO[@]}" -eq 0 ]; then
    log "missing packages: ${need[*]} (not root and no sudo: install them yourself)"
    return 1
  fi
  log "installing: ${need[*]}"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${need[@]}"
}

# ---------------------------------------------------------------------------
# 2. busybox-static from Debian (private apt configuration)
# ---------------------------------------------------------------------------
# ISA name (as kitemu and qemu spell it) -> Debian architecture.
declare -A DEB_ARCH=([riscv64]=riscv64 [aarch64]=arm64 [x86_64]=amd64)
BUSYBOX_ISAS=(riscv64 aarch64 x86_64)
REQUIRED_ISAS=(riscv64 aarch64 x86_64)

APT_DIR="$CACHE/apt"
DEB_CACHE="$CACHE/debs"

private_apt() {
  # Runs apt-get for one Debian architecture ($1) with a configuration that reads and writes
  # only under $APT_DIR.
  local arch=$1
  shift
  apt-get -q \
    -o Dir::Etc::SourceList="$APT_DIR/sources.list" \
    -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::Etc::Preferences=/dev/null \
    -o Dir::Etc::PreferencesParts=/dev/null \
    -o Dir::State::Lists="$APT_DIR/lists" \
    -o Dir::State::status="$APT_DIR/status" \
    -o Dir::State::extended_states="$APT_DIR/extended_states" \
    -o Dir::Cache="$APT_DIR/cache" \
    -o Debug::NoLocking=1 \
    -o APT::Sandbox::User=root \
    -o Acquire::Languages=none \
    -o Acquire::Retries=2 \
    -o APT::Architecture="$arch" \
    -o APT::Architectures::="$arch" \
    "$@"
}

private_apt_update() {
  # Fetches the index of one suite for one architecture.
  local suite=$1 arch=$2
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
  : >"$APT_DIR/status"
  rm -rf "${APT_DIR:?}/lists/"*_Packages* "${APT_DIR:?}/lists/"*Release* 2>/dev/null || true
  printf 'deb [trusted=yes] %s %s main\n' "$MIRROR" "$suite" >"$APT_DIR/sources.list"
  private_apt "$arch" update >/dev/null
}

cached_deb() {
  # Newest cached busybox-static .deb for a Debian architecture, or nothing.
  local arch=$1
  find "$DEB_CACHE" -maxdepth 1 -name "busybox-static_*_${arch}.deb" 2>/dev/null |
    sort -V | tail -n 1
}

fetch_debs() {
  # Downloads busybox-static for every Debian architecture given, trying each suite (each
  # one twice) until all are cached. Each architecture has its own index: one that fails
  # (a mirror in the middle of a sync serves the wrong size) does not hold back the others.
  local arches=("$@") suite attempt arch want
  mkdir -p "$DEB_CACHE"
  for suite in "${SUITES[@]}"; do
    for attempt in 1 2; do
      want=0
      for arch in "${arches[@]}"; do
        [ -n "$(cached_deb "$arch")" ] && continue
        want=1
        log "fetching busybox-static:$arch from $suite (attempt $attempt)"
        private_apt_update "$suite" "$arch" 2>&1 | grep -E '^(E|W):' | cut -c1-160 >&2 || true
        if ! (cd "$DEB_CACHE" && private_apt "$arch" download "busybox-static:$arch" \
          >/dev/null 2>&1); then
          log "busybox-static:$arch: not available from $suite"
        fi
      done
      [ "$want" -eq 0 ] && return 0
    done
  done
  return 0
}

busybox_present() {
  [ -x "$BUSYBOX_DIR/$1/busybox" ]
}

setup_busybox() {
  local isa arch need_fetch=() deb
  for isa in "${BUSYBOX_ISAS[@]}"; do
    busybox_present "$isa" && continue
    arch=${DEB_ARCH[$isa]}
    [ -n "$(cached_deb "$arch")" ] || need_fetch+=("$arch")
  done
  if [ "${#need_fetch[@]}" -gt 0 ]; then
    fetch_debs "${need_fetch[@]}"
    # The indexes are only needed to download; drop them (tens of MB).
    rm -rf "$APT_DIR/lists" "$APT_DIR/cache"
  fi
  local failed=0
  for isa in "${BUSYBOX_ISAS[@]}"; do
    busybox_present "$isa" && continue
    arch=${DEB_ARCH[$isa]}
    deb=$(cached_deb "$arch")
    if [ -z "$deb" ]; then
      if [[ " ${REQUIRED_ISAS[*]} " == *" $isa "* ]]; then
        log "ERROR: could not fetch busybox-static for $arch"
        failed=1
      else
        log "warning: could not fetch busybox-static for $arch (optional)"
      fi
      continue
    fi
    # The binary sits in bin/ or usr/bin/ depending on the suite: keep only it, at a fixed
    # place, plus the name of the package it came from.
    local tmp
    tmp=$(mktemp -d)
    dpkg -x "$deb" "$tmp"
    rm -rf "${BUSYBOX_DIR:?}/$isa"
    mkdir -p "$BUSYBOX_DIR/$isa"
    find "$tmp" -type f -name busybox -path '*bin/*' -exec cp {} "$BUSYBOX_DIR/$isa/busybox" \;
    rm -rf "$tmp"
    if ! busybox_present "$isa"; then
      log "ERROR: $(basename "$deb") holds no bin/busybox"
      failed=1
      continue
    fi
    basename "$deb" >"$BUSYBOX_DIR/$isa/DEB"
    log "busybox for $isa: $(basename "$deb")"
  done
  return "$failed"
}

# ---------------------------------------------------------------------------
main() {
  install_packages
  local status=0
  setup_busybox || status=1
  # testdata/darwin's tools (mkstatic.ts, mkfat.ts) run under the Deno that runs this setup.
  make -s -j"$(nproc 2>/dev/null || echo 2)" -C "$ROOT/testdata" \
    DENO="${DENO:-$(command -v deno || echo deno)}"
  return "$status"
}

main "$@"
