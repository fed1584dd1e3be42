#!/usr/bin/env bash
# Builds src/test/traverse_test.c with every libtraverse source (and Tunnel's batching headers,
# tunnel_batch.h and traverse_batched.h) twice and runs it:
#   1. with AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer (any report fails);
#   2. without sanitizers, under valgrind --leak-check=full (any error or leak fails).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sources=(test/traverse_test.c traverse.c clibrary.c basics.c myprint.c threads.c hooks.c)
flags=(-std=c99 -Wall -Wextra -Werror -g -O1 -pthread -I. -I../spi/src/main/resources/dev/tunnel/include
  -I../presets/traverse/src/main/native)

gcc "${flags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  "${sources[@]}" -lm -o "$out/traverse_test_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$out/traverse_test_asan" > "$out/asan.txt"
grep -h "passed" "$out/asan.txt" | sed 's/^/sanitizers: /'

gcc "${flags[@]}" "${sources[@]}" -lm -o "$out/traverse_test"
valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
  "$out/traverse_test" > "$out/valgrind.txt"
grep -h "passed" "$out/valgrind.txt" | sed 's/^/valgrind: /'
