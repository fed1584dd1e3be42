#!/usr/bin/env bash
# Builds libexpat for one platform from Debian's source package: upstream expat at a pinned
# version with the distribution's patch series (its security fixes) applied, into
# cppbuild/expat/<platform>/{include,lib}. Nothing is downloaded from anywhere but the Debian
# archive this machine already uses; what the build needs is installed idempotently.
#
#   bash cppbuild.sh install expat [-platform=linux-x86_64|linux-arm64]
#
# The source comes from `apt-get source expat=$EXPAT_DEBIAN_VERSION`, through a deb-src entry
# made from this machine's own Debian sources (the same archive and keyring). It is kept in
# cppbuild/sources/, so later builds need no network.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OPERATION=$1
PLATFORM=$2
# The version the build is pinned to: bookworm's expat 2.5.0 with Debian's fixes up to this revision.
EXPAT_DEBIAN_VERSION=${EXPAT_DEBIAN_VERSION:-2.5.0-1+deb12u2}
UPSTREAM=${EXPAT_DEBIAN_VERSION%%-*}
SOURCES=$ROOT/cppbuild/sources
SOURCE=$SOURCES/expat-$EXPAT_DEBIAN_VERSION
OUT=$ROOT/cppbuild/expat/$PLATFORM

fail() {
  echo "cppbuild.sh expat: $*" >&2
  exit 1
}

SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

# Installs Debian packages, with fresh package lists: a machine's lists may predate the archive.
install_packages() {
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" > /dev/null \
    || fail "cannot install $*"
}

# Whether apt knows the pinned source package (through whatever deb-src entries the machine has).
source_known() {
  # grep reads to the end: with -q it would stop early, apt-cache would die of SIGPIPE and pipefail say no
  apt-cache showsrc expat 2> /dev/null | grep -x "Version: $EXPAT_DEBIAN_VERSION" > /dev/null
}

# A deb-src entry for every deb entry of this machine's Debian sources (deb822 or one-line form),
# unless apt already knows the pinned source package.
ensure_deb_src() {
  local list=/etc/apt/sources.list.d/tunnel-deb-src.sources
  if source_known; then
    return
  fi
  if [ -f "$list" ] || [ -f "${list%.sources}.list" ]; then
    $SUDO apt-get update -qq || fail "apt-get update failed"
    source_known || fail "the Debian archive has no source package expat=$EXPAT_DEBIAN_VERSION (apt-cache showsrc expat lists what it has; set EXPAT_DEBIAN_VERSION)"
    return
  fi
  local entries
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    entries=$(sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources)
  elif grep -qs '^deb ' /etc/apt/sources.list; then
    entries=$(grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /')
    list=/etc/apt/sources.list.d/tunnel-deb-src.list
  else
    fail "no Debian archive in /etc/apt/sources.list or /etc/apt/sources.list.d/debian.sources to take expat's source from"
  fi
  echo "cppbuild.sh expat: adding deb-src entries for this machine's Debian archive ($list)"
  echo "$entries" | $SUDO tee "$list" > /dev/null
  $SUDO apt-get update -qq || fail "apt-get update failed after adding $list"
  source_known || fail "the Debian archive has no source package expat=$EXPAT_DEBIAN_VERSION (apt-cache showsrc expat lists what it has; set EXPAT_DEBIAN_VERSION)"
}

fetch_source() {
  if [ -f "$SOURCE/expat/lib/expat.h" ] && [ -f "$SOURCE/.tunnel-patched" ]; then
    return
  fi
  command -v dpkg-source > /dev/null || install_packages dpkg-dev
  ensure_deb_src
  local scratch
  scratch=$(mktemp -d)
  # dpkg-source applies Debian's patch series (quilt format 3.0) as it unpacks
  if ! (cd "$scratch" && apt-get source -qq "expat=$EXPAT_DEBIAN_VERSION" > apt-source.log 2>&1); then
    cat "$scratch/apt-source.log" >&2
    rm -rf "$scratch"
    fail "cannot get Debian's source package expat=$EXPAT_DEBIAN_VERSION (is it still in the archive? set EXPAT_DEBIAN_VERSION to one apt-cache showsrc expat lists)"
  fi
  local unpacked
  unpacked=$(find "$scratch" -maxdepth 1 -mindepth 1 -type d -name "expat-$UPSTREAM" | head -1)
  # Debian's package holds upstream's repository: the library is its expat/ folder
  [ -n "$unpacked" ] && [ -f "$unpacked/expat/lib/expat.h" ] || fail "Debian's expat source unpacked to nothing usable in $scratch"
  # every patch of the series applied: the record quilt keeps of them is the series itself
  local series=$unpacked/debian/patches/series applied=$unpacked/.pc/applied-patches
  if [ -f "$series" ]; then
    diff <(grep -v '^#' "$series" | sed '/^$/d') "$applied" > /dev/null \
      || fail "Debian's patch series of expat $EXPAT_DEBIAN_VERSION is not fully applied ($series vs $applied)"
  fi
  mkdir -p "$SOURCES"
  rm -rf "$SOURCE"
  mv "$unpacked" "$SOURCE"
  rm -rf "$scratch"
  touch "$SOURCE/.tunnel-patched"
  echo "cppbuild.sh expat: source $EXPAT_DEBIAN_VERSION, Debian's patches applied: $(grep -v '^#' "$SOURCE/debian/patches/series" | sed '/^$/d' | tr '\n' ' ')"
}

# What a build of $OUT was made from: the pinned version, the platform, the compiler and this script.
build_key() {
  echo "$EXPAT_DEBIAN_VERSION $PLATFORM ${CC:-default} $(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)"
}

# Whether $OUT holds a build of the same key: then there is nothing to do (each Maven build of the
# module asks for one; rebuilding took ten seconds every time).
up_to_date() {
  [ -f "$OUT/.tunnel-built" ] && [ "$(cat "$OUT/.tunnel-built")" = "$(build_key)" ] && ls "$OUT"/lib/libexpat.so.*.* > /dev/null 2>&1
}

build() {
  local cmake_args=()
  case "$PLATFORM" in
    linux-x86_64) cmake_args+=(-DCMAKE_C_COMPILER="${CC:-gcc}") ;;
    linux-arm64)
      command -v "${CC:-aarch64-linux-gnu-gcc}" > /dev/null || fail "no ${CC:-aarch64-linux-gnu-gcc} for linux-arm64 (bash .ci/arm64/setup installs it)"
      cmake_args+=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64 -DCMAKE_C_COMPILER="${CC:-aarch64-linux-gnu-gcc}")
      ;;
    *) fail "built for linux-x86_64 and linux-arm64 only, not '$PLATFORM'" ;;
  esac
  command -v cmake > /dev/null || install_packages cmake
  local build=$ROOT/cppbuild/expat/build-$PLATFORM
  rm -rf "$build" "$OUT"
  mkdir -p "$ROOT/cppbuild/expat"
  # -ffile-prefix-map: the same bytes from any checkout, as cppbuild.sh's own libraries
  cmake -S "$SOURCE/expat" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$OUT" -DCMAKE_INSTALL_LIBDIR=lib \
    -DEXPAT_SHARED_LIBS=ON -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF \
    -DEXPAT_BUILD_PKGCONFIG=OFF -DCMAKE_C_FLAGS="-g -ffile-prefix-map=$ROOT=." "${cmake_args[@]}" > "$build.log" 2>&1 \
    || { cat "$build.log" >&2; fail "cmake could not configure expat for $PLATFORM"; }
  # Debian builds with autotools, whose configure defines XML_DTD as 1; CMake's expat_config.h
  # defines it empty, and Debian's backport of the CVE-2024-8176 fix tests `#if XML_DTD == 1`
  local config=$build/expat_config.h
  grep -q '^#define XML_DTD$' "$config" || fail "$config does not define XML_DTD as expected"
  sed -i 's/^#define XML_DTD$/#define XML_DTD 1/' "$config"
  cmake --build "$build" -j 2 >> "$build.log" 2>&1 && cmake --install "$build" >> "$build.log" 2>&1 \
    || { tail -40 "$build.log" >&2; fail "expat did not build for $PLATFORM"; }
  rm -rf "$build" "$build.log" "$OUT/lib/cmake"
  build_key > "$OUT/.tunnel-built"
  echo "cppbuild.sh expat: built $(cd "$OUT/lib" && ls libexpat.so.*.*) for $PLATFORM in $OUT"
}

case "$OPERATION" in
  install)
    if up_to_date; then
      echo "cppbuild.sh expat: $(cd "$OUT/lib" && ls libexpat.so.*.*) for $PLATFORM in $OUT is up to date ($EXPAT_DEBIAN_VERSION)"
      exit 0
    fi
    fetch_source
    build
    ;;
  clean)
    # what Maven's clean phase asks for (javacpp-cppbuild-clean): the built library; the source
    # package stays in cppbuild/sources, so the next install needs no network
    rm -rf "$ROOT/cppbuild/expat"
    echo "cppbuild.sh expat: removed $ROOT/cppbuild/expat"
    ;;
  *) fail "unknown operation '$OPERATION'" ;;
esac
