#!/usr/bin/env bash
# Tests tunnel_closure.h (closure_test.c against a library built from closure_lib.c) and
# tunnel_events.h (events_test.c) from C:
#   1. with AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer (any report fails);
#   2. without sanitizers, under valgrind (any error fails);
#   3. cross-built for linux-arm64 and run under qemu-aarch64-static, if .ci/arm64/setup installed it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
include=../../main/resources/dev/tunnel/include
flags=(-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g -O1 -pthread -I"$include")

sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
gcc "${flags[@]}" "${sanitize[@]}" -fPIC -shared closure_lib.c -o "$out/libclosure_asan.so"
gcc "${flags[@]}" "${sanitize[@]}" closure_test.c -ldl -o "$out/closure_test_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$out/closure_test_asan" "$out/libclosure_asan.so" | sed 's/^/sanitizers: /'
gcc "${flags[@]}" "${sanitize[@]}" events_test.c -o "$out/events_test_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$out/events_test_asan" | sed 's/^/sanitizers: /'

gcc "${flags[@]}" -fPIC -shared closure_lib.c -o "$out/libclosure.so"
gcc "${flags[@]}" closure_test.c -ldl -o "$out/closure_test"
valgrind -q --error-exitcode=1 "$out/closure_test" "$out/libclosure.so" | sed 's/^/valgrind: /'
gcc "${flags[@]}" events_test.c -o "$out/events_test"
valgrind -q --error-exitcode=1 "$out/events_test" | sed 's/^/valgrind: /'

if command -v aarch64-linux-gnu-gcc > /dev/null && command -v qemu-aarch64-static > /dev/null; then
  aarch64-linux-gnu-gcc "${flags[@]}" -fPIC -shared closure_lib.c -o "$out/libclosure_arm64.so"
  aarch64-linux-gnu-gcc "${flags[@]}" closure_test.c -ldl -o "$out/closure_test_arm64"
  qemu-aarch64-static -L /usr/aarch64-linux-gnu "$out/closure_test_arm64" "$out/libclosure_arm64.so" | sed 's/^/linux-arm64 under qemu: /'
  aarch64-linux-gnu-gcc "${flags[@]}" events_test.c -o "$out/events_test_arm64"
  qemu-aarch64-static -L /usr/aarch64-linux-gnu "$out/events_test_arm64" | sed 's/^/linux-arm64 under qemu: /'
else
  echo "linux-arm64 under qemu: SKIPPED: no aarch64-linux-gnu-gcc or qemu-aarch64-static (bash .ci/arm64/setup installs them)"
fi
