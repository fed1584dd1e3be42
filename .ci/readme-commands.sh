#!/usr/bin/env bash
# The README's by-hand commands, each run in a short form so that a broken instruction fails
# CI instead of a reader: every JMH class for one brief fork (and the chart script on what it
# wrote), the global-functions sample, and cppbuild.sh clean followed by install (.ci/run runs
# the cgo peer's quick mode itself). Run after `mvn install`; takes about two minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)

# The other sample the README's "C calling Java" section runs by hand.
java -jar samples/target/tunnel-samples.jar global-functions | tee "$out/global.txt"
grep -q 'AJavaFunction' "$out/global.txt"

# Every benchmark class the README quotes, one fork of one short iteration each (1 MiB files
# only for FileScalingBenchmark): they must start, run their checks and write JSON.
java -jar benchmarks/target/benchmarks.jar \
  'SyntheticEventBenchmark|TraversalBenchmark|TraversalFfmBenchmark|HandleBenchmark|HandleStripesBenchmark|BatchSizeBenchmark|ExportBenchmark|FileScalingBenchmark|ClosureBenchmark|ClosureCreationBenchmark|GrepBenchmark|SampleEventBenchmark|NameEventBenchmark' \
  -f 1 -wi 0 -i 1 -r 100ms -foe true -p sizeMiB=1 -rf json -rff "$out/quick.json" > "$out/jmh.txt" 2>&1 || {
  tail -40 "$out/jmh.txt"; echo "readme-commands: a benchmark failed" >&2; exit 1; }
echo "readme-commands: $(grep -c '"benchmark"' "$out/quick.json") benchmark results in one short fork each"
python3 benchmarks/chart.py "$out/quick.json" "$out/chart.svg"
grep -q '<svg' "$out/chart.svg"

# cppbuild.sh on its own, as the README shows it.
bash cppbuild.sh clean
bash cppbuild.sh install
bash cppbuild.sh install testlib
echo "readme-commands: passed in $(( $(date +%s) - start )) s"
