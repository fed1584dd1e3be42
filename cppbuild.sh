#!/usr/bin/env bash
# Builds the C callback library in src/ for one platform into cppbuild/<platform>/{include,lib}.
#
#   bash cppbuild.sh install [MODULE] [-platform=P] [-extension=E]
#   bash cppbuild.sh clean [MODULE]
#
# MODULE is accepted (and ignored) because the javacpp-presets parent passes its module id.
# P defaults to the host platform. CC overrides the compiler an arm picks.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OPERATION=${1:-}
shift || true

detect_platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=macosx ;;
    MINGW*|MSYS*|CYGWIN*) os=windows ;;
    *) os=$(uname -s | tr '[:upper:]' '[:lower:]') ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
  esac
  echo "$os-$arch"
}

PLATFORM=$(detect_platform)
EXTENSION=
for arg in "$@"; do
  case "$arg" in
    -platform=*) PLATFORM=${arg#-platform=} ;;
    -extension=*) EXTENSION=${arg#-extension=} ;;
    -*) echo "cppbuild.sh: unknown option '$arg'" >&2; exit 2 ;;
    *) ;; # the module id
  esac
done

SOURCES=(traverse.c clibrary.c basics.c myprint.c threads.c)
HEADERS=(traverse.h clibrary.h basics.h myprint.h threads.h)
OUT="$ROOT/cppbuild/$PLATFORM$EXTENSION"
CFLAGS=(-std=c99 -Wall -Wextra -Werror -O2 -g -fPIC -fvisibility=default)

# Compiles SOURCES with "$@" as the compiler and shared-library link flags.
build_shared() {
  local cc=$1 soname=$2 file=$3; shift 3
  if ! command -v "$cc" >/dev/null 2>&1; then
    echo "cppbuild.sh: compiler '$cc' for platform '$PLATFORM' not found" >&2
    exit 1
  fi
  mkdir -p "$OUT/include" "$OUT/lib"
  cp "${HEADERS[@]/#/$ROOT/src/}" "$OUT/include/"
  (cd "$ROOT/src" && "$cc" "${CFLAGS[@]}" "$@" -o "$OUT/lib/$file" "${SOURCES[@]}" -lm $soname)
  echo "cppbuild.sh: built $OUT/lib/$file with $cc"
}

install() {
  case "$PLATFORM" in
    linux-x86_64)
      build_shared "${CC:-gcc}" "-Wl,-soname,libtraverse.so.1" libtraverse.so.1 -shared -m64 -pthread
      ln -sf libtraverse.so.1 "$OUT/lib/libtraverse.so"
      ;;
    linux-arm64)
      build_shared "${CC:-aarch64-linux-gnu-gcc}" "-Wl,-soname,libtraverse.so.1" libtraverse.so.1 -shared -pthread
      ln -sf libtraverse.so.1 "$OUT/lib/libtraverse.so"
      ;;
    macosx-x86_64|macosx-arm64)
      # Prepared, not built on Linux: needs Xcode's clang.
      local arch=${PLATFORM#macosx-}; [ "$arch" = arm64 ] || arch=x86_64
      build_shared "${CC:-clang}" "-Wl,-install_name,@rpath/libtraverse.1.dylib" libtraverse.1.dylib \
        -dynamiclib -arch "$arch"
      ln -sf libtraverse.1.dylib "$OUT/lib/libtraverse.dylib"
      ;;
    windows-x86_64)
      # Prepared, not built on Linux: needs MSYS2's mingw-w64 gcc.
      build_shared "${CC:-x86_64-w64-mingw32-gcc}" "-Wl,--out-implib,$OUT/lib/traverse.lib" traverse.dll -shared
      ;;
    *)
      echo "cppbuild.sh: unsupported platform '$PLATFORM' (supported: linux-x86_64, linux-arm64, macosx-x86_64, macosx-arm64, windows-x86_64)" >&2
      exit 1
      ;;
  esac
}

case "$OPERATION" in
  install) install ;;
  clean) rm -rf "$ROOT/cppbuild"; echo "cppbuild.sh: removed $ROOT/cppbuild" ;;
  *)
    echo "usage: bash cppbuild.sh install|clean [MODULE] [-platform=P] [-extension=E]" >&2
    exit 2
    ;;
esac
