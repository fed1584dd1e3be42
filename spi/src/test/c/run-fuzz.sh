#!/usr/bin/env bash
# Fuzzes tunnel_events.h (events_fuzz.c, clang, ASan + UBSan) for SECONDS (default 60) from an
# empty corpus: the target builds its own inputs. Any crash, leak, failed check or timeout fails.
#   bash spi/src/test/c/run-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds=${1:-60}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I../../main/resources/dev/tunnel/include \
  events_fuzz.c -o "$out/events_fuzz"
mkdir "$out/corpus"
"$out/events_fuzz" -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus" > "$out/fuzz.txt" 2>&1 || {
  tail -40 "$out/fuzz.txt"
  echo "tunnel_events fuzz: FAILED; the input that failed:" >&2
  ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* 2>/dev/null >&2 || true
  exit 1
}
echo "tunnel_events fuzz: $(grep -h 'stat::number_of_executed_units' "$out/fuzz.txt" | awk '{print $2}') executions in ${seconds} s, 0 crashes, leaks or timeouts"
