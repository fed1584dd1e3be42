#!/usr/bin/env bash
# Builds the libFuzzer target (clang, ASan + UBSan), replays the committed seed corpus, then
# fuzzes for SECONDS (default 120) into a scratch corpus. Any crash, leak or timeout fails.
#   bash src/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds=${1:-120}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I.. \
  traverse_fuzz.c ../traverse.c -o "$out/traverse_fuzz"
# replay: every seed once
"$out/traverse_fuzz" -runs=0 corpus > "$out/replay.txt" 2>&1 || { cat "$out/replay.txt"; exit 1; }
echo "fuzz: replayed $(ls corpus | wc -l) seeds"
mkdir "$out/corpus"
"$out/traverse_fuzz" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus" corpus > "$out/fuzz.txt" 2>&1 || {
  tail -40 "$out/fuzz.txt"
  echo "fuzz: FAILED; the input that failed:" >&2
  ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* 2>/dev/null >&2 || true
  exit 1
}
echo "fuzz: $(grep -h 'stat::number_of_executed_units' "$out/fuzz.txt" | awk '{print $2}') executions in ${seconds} s, 0 crashes, leaks or timeouts"
