#!/usr/bin/env bash
# Checks cppbuild/expat/<platform>'s libexpat from C (expat_check.c): linux-x86_64 natively with
# AddressSanitizer and UndefinedBehaviorSanitizer (any report fails), linux-arm64 under
# qemu-aarch64-static. Builds them first if cppbuild.sh has not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=$(cd ../../../../.. && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-std=c11 -Wall -Wextra -Werror -g -O1)

x86=$root/cppbuild/expat/linux-x86_64
[ -f "$x86/lib/libexpat.so.1" ] || bash "$root/cppbuild.sh" install expat -platform=linux-x86_64
gcc "${flags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -I"$x86/include" expat_check.c \
  -L"$x86/lib" -lexpat -Wl,-rpath,"$x86/lib" -o "$out/expat_check"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$out/expat_check" | sed 's/^/linux-x86_64, sanitizers: /'

if command -v aarch64-linux-gnu-gcc > /dev/null && command -v qemu-aarch64-static > /dev/null; then
  arm=$root/cppbuild/expat/linux-arm64
  [ -f "$arm/lib/libexpat.so.1" ] || bash "$root/cppbuild.sh" install expat -platform=linux-arm64
  aarch64-linux-gnu-gcc "${flags[@]}" -I"$arm/include" expat_check.c -L"$arm/lib" -lexpat -o "$out/expat_check_arm64"
  QEMU_LD_PREFIX=/usr/aarch64-linux-gnu LD_LIBRARY_PATH="$arm/lib" qemu-aarch64-static "$out/expat_check_arm64" \
    | sed 's/^/linux-arm64 under qemu: /'
else
  echo "linux-arm64 under qemu: SKIPPED: no aarch64-linux-gnu-gcc or qemu-aarch64-static (bash .ci/arm64/setup installs them)"
fi
