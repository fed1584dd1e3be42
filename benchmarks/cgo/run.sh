#!/usr/bin/env bash
# Runs the cgo peer of Tunnel's benchmarks (see bench_test.go for how each case maps to a JMH
# benchmark) with fixed settings and prints ns per event / per op: the median of the runs,
# with the fastest and slowest, and bytes allocated. It needs a Go toolchain with cgo: Debian's
# golang-go, installed here if missing when run as root or with sudo. The full run takes about
# two minutes and is run by hand; --quick checks that the peer builds and sees the right events
# (go vet, the workload test, each benchmark once), for CI, in well under a minute.
#
#   benchmarks/cgo/run.sh                 # 5 runs of 1 s per case
#   benchmarks/cgo/run.sh --quick         # builds, checks, one iteration per case; no figures
#   COUNT=10 BENCHTIME=2s benchmarks/cgo/run.sh
#   BENCH='Floor|HandleSynthetic' benchmarks/cgo/run.sh
#
# The raw `go test` output is kept in $OUT (default: a file under ${TMPDIR:-/tmp}).
set -euo pipefail

quick=false
case "${1:-}" in
  "") ;;
  --quick) quick=true ;;
  *) echo "usage: benchmarks/cgo/run.sh [--quick]" >&2; exit 2 ;;
esac

cd "$(dirname "$0")"
COUNT="${COUNT:-5}"
BENCHTIME="${BENCHTIME:-1s}"
BENCH="${BENCH:-.}"
OUT="${OUT:-${TMPDIR:-/tmp}/tunnel-cgo-bench-$(id -u).txt}"
if $quick; then
  COUNT=1
  BENCHTIME=1x
fi

if ! command -v go >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root() { "$@"; }
  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    as_root() { sudo "$@"; }
  else
    echo "benchmarks/cgo/run.sh: no Go toolchain on PATH, and it cannot be installed here: this" >&2
    echo "user ($(id -un)) is not root and has no usable sudo. Install Debian's golang-go as root" >&2
    echo "(apt-get install -y golang-go), or put a Go 1.19+ toolchain's bin directory on PATH, then run this again." >&2
    exit 1
  fi
  echo "installing golang-go (Debian) ..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null
fi

# Standard library only: never fetch a module or a toolchain.
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=1
# Both cores, as the JVM has them: the traversals run on one goroutine, the handle cases on
# one or two (threads=N in their names), with the collector free to use the other core.
export GOMAXPROCS=2
# A user without a writable home directory still gets a build cache.
cache=$(go env GOCACHE 2>/dev/null || true)
if [ -z "$cache" ] || ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
  export GOCACHE="${TMPDIR:-/tmp}/tunnel-cgo-gocache-$(id -u)"
fi

echo "$(go version); $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
go vet ./...
go test -count 1 -run TestWorkloads ./...
go test -run '^$' -bench "$BENCH" -benchtime "$BENCHTIME" -count "$COUNT" -cpu 2 -benchmem ./... | tee "$OUT"
if $quick; then
  # One iteration per case: a check that each runs and checks its sums, not a measurement.
  cases=$(grep -c '^Benchmark' "$OUT" || true)
  if [ "$cases" -eq 0 ]; then
    echo "benchmarks/cgo/run.sh --quick: no benchmark ran" >&2
    exit 1
  fi
  echo "cgo peer: builds, workload test passed, $cases benchmark cases ran once each"
  exit 0
fi
echo "load after: $(uptime | sed 's/.*load average: //')"
echo

# Median, min and max of each case (ns/event when the case reports it, else ns/op), the
# spread (max - min) / median, and bytes allocated per op and thread.
awk '
  /^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
    unit = "ns/op"; value = ""; bytes = ""
    for (i = 3; i < NF; i++) {
      if ($(i + 1) == "ns/event") { value = $i; unit = "ns/event" }
      else if ($(i + 1) == "ns/op" && value == "") { value = $i }
      else if ($(i + 1) == "B/op") { bytes = $i }
    }
    threads = 1
    if (match(name, /threads=[0-9]+/)) { threads = substr(name, RSTART + 8, RLENGTH - 8) + 0 }
    if (!(name in n)) { order[++names] = name }
    values[name, ++n[name]] = value; units[name] = unit
    if (bytes != "") { perThread[name] = bytes / threads }
  }
  END {
    printf "%-34s %-9s %9s %9s %9s %7s %11s\n", "case", "unit", "median", "min", "max", "spread", "B/op/thread"
    for (k = 1; k <= names; k++) {
      name = order[k]; m = n[name]
      for (i = 1; i <= m; i++) { v[i] = values[name, i] + 0 }
      for (i = 2; i <= m; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) { v[j + 1] = v[j] } v[j + 1] = x }
      median[name] = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
      printf "%-34s %-9s %9.2f %9.2f %9.2f %6.1f%% %11s\n", name, units[name], median[name], v[1], v[m],
        100 * (v[m] - v[1]) / median[name], (name in perThread) ? sprintf("%.0f", perThread[name]) : "-"
    }
    one = median["CoreCheck/threads=1"]; two = median["CoreCheck/threads=2"]
    if (one > 0 && two > 1.3 * one) {
      printf "\nwarning: CoreCheck/threads=2 is %.1fx threads=1: 2 threads did not get 2 free cores, so the\n", two / one
      printf "threads=2 figures are per-thread times on a shared core (see BenchmarkCoreCheck).\n"
    }
  }' "$OUT"
