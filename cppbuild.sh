#!/usr/bin/env bash
# Builds a C library of this tree for one platform into cppbuild/<platform>/{include,lib}.
#
#   bash cppbuild.sh install [MODULE] [-platform=P] [-extension=E]
#   bash cppbuild.sh clean
#
# MODULE is traverse (the default: libtraverse, from src/), testlib (libtestlib, from
# testlib/src/main/c: the callbacks of every shape that Tunnel's own tests bind) or expat
# (libexpat from Debian's source package, into cppbuild/expat/<platform>; see cppbuild-expat.sh).
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
MODULE=traverse
for arg in "$@"; do
  case "$arg" in
    -platform=*) PLATFORM=${arg#-platform=} ;;
    -extension=*) EXTENSION=${arg#-extension=} ;;
    -*) echo "cppbuild.sh: unknown option '$arg'" >&2; exit 2 ;;
    *) MODULE=$arg ;;
  esac
done

case "$MODULE" in
  traverse)
    SOURCE_DIR=$ROOT/src
    SOURCES=(traverse.c clibrary.c basics.c myprint.c threads.c hooks.c)
    HEADERS=(traverse.h clibrary.h basics.h myprint.h threads.h hooks.h)
    ;;
  testlib)
    SOURCE_DIR=$ROOT/testlib/src/main/c
    SOURCES=(testlib.c)
    HEADERS=(testlib.h)
    ;;
  expat)
    # a third-party library: its own build, from its source package
    exec bash "$ROOT/cppbuild-expat.sh" "$OPERATION" "$PLATFORM"
    ;;
  *)
    echo "cppbuild.sh: unknown module '$MODULE' (modules: traverse, testlib, expat)" >&2
    exit 2
    ;;
esac
OUT="$ROOT/cppbuild/$PLATFORM$EXTENSION"
# -ffile-prefix-map: the debug info names the sources relative to the tree, not the directory the
# tree was built in, so the libraries are the same bytes from any checkout (reproducible jars).
CFLAGS=(-std=c99 -Wall -Wextra -Werror -O2 -g -fPIC -fvisibility=default "-ffile-prefix-map=$ROOT=.")

# Compiles SOURCES with "$@" as the compiler and shared-library link flags.
build_shared() {
  local cc=$1 soname=$2 file=$3; shift 3
  if ! command -v "$cc" >/dev/null 2>&1; then
    echo "cppbuild.sh: compiler '$cc' for platform '$PLATFORM' not found" >&2
    exit 1
  fi
  mkdir -p "$OUT/include" "$OUT/lib"
  cp "${HEADERS[@]/#/$SOURCE_DIR/}" "$OUT/include/"
  (cd "$SOURCE_DIR" && "$cc" "${CFLAGS[@]}" "$@" -o "$OUT/lib/$file" "${SOURCES[@]}" -lm $soname)
  echo "cppbuild.sh: built $OUT/lib/$file with $cc"
}

install_testlib() {
  case "$PLATFORM" in
    linux-x86_64) build_shared "${CC:-gcc}" "-Wl,-soname,libtestlib.so" libtestlib.so -shared -m64 -pthread ;;
    linux-arm64) build_shared "${CC:-aarch64-linux-gnu-gcc}" "-Wl,-soname,libtestlib.so" libtestlib.so -shared -pthread ;;
    *)
      echo "cppbuild.sh: module testlib is built for linux-x86_64 and linux-arm64 only, not '$PLATFORM'" >&2
      exit 1
      ;;
  esac
}

install() {
  if [ "$MODULE" = testlib ]; then
    install_testlib
    return
  fi
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
