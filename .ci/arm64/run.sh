#!/usr/bin/env bash
# Checks Tunnel's linux-arm64 build on an x86_64 Debian machine, under emulation:
#
# 1. .ci/arm64/setup installs what it needs: the cross compilers, qemu-user-static, and Debian's
#    arm64 JRE unpacked into a private directory (the host's JDK is not changed).
# 2. .ci/arm64/build.sh cross-builds traverse-linux-arm64.jar, then the samples jar with both
#    platforms in it (--no-build skips this and uses what the last build left in target/).
# 3. Every native library in traverse-linux-arm64.jar, and in the samples jar's linux-arm64
#    folders, must be an aarch64 ELF shared object (`file`).
# 4. The callbacks, handle, closures, traverse, grep and xml (per event and batched) samples run on the host's JVM and on the arm64 JVM
#    under qemu-aarch64-static: stdout, stderr and exit status must be the same, and the arm64 run must
#    have extracted and loaded the linux-arm64 libraries only.
# 5. The presets modules' tests (every one of them calls into libtraverse or libexpat) run on the arm64 JVM
#    under qemu, through Surefire's -Djvm; each test JVM must report os.arch=aarch64.
#
#   bash .ci/arm64/run.sh [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
arm64_java="$root/.ci/arm64/bin/java"
samples_jar=samples/target/tunnel-samples.jar
traverse_jar=presets/traverse/target/traverse-linux-arm64.jar
expat_jar=presets/expat/target/expat-linux-arm64.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build=yes
case "${1:-}" in
  --no-build) build=no ;;
  "") ;;
  *) echo "usage: bash .ci/arm64/run.sh [--no-build]" >&2; exit 2 ;;
esac

fail() { echo "arm64: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
times=()

t=$(now)
bash .ci/arm64/setup
times+=("setup: $(since "$t") s")

if [ "$build" = yes ]; then
  t=$(now)
  bash .ci/arm64/build.sh
  times+=("build, both platforms: $(since "$t") s")
fi

# 3. aarch64 ELF libraries, nothing else, in the arm64 classifier jar and the samples jar.
check_libs() {
  local jar=$1; shift
  [ -f "$jar" ] || fail "$jar not found: build first (bash .ci/arm64/build.sh)"
  local dir
  dir="$work/unpacked/$(basename "$jar")"
  mkdir -p "$dir"
  unzip -q -o "$jar" "${@/%/*}" -d "$dir" || fail "$jar has no ${*}"
  local count=0 lib description
  while IFS= read -r lib; do
    description=$(file -b "$lib")
    echo "${jar}!${lib#"$dir"/}: $description"
    case "$description" in
      "ELF 64-bit LSB shared object, ARM aarch64"*) count=$((count + 1)) ;;
      *) fail "${jar}!${lib#"$dir"/} is not an aarch64 ELF shared object" ;;
    esac
  done < <(find "$dir" -type f -name '*.so*' | sort)
  [ "$count" -gt 0 ] || fail "$jar has no native library under $*"
}
check_libs "$traverse_jar" dev/tunnel/traverse/linux-arm64/
check_libs "$expat_jar" dev/tunnel/expat/linux-arm64/
check_libs "$samples_jar" dev/tunnel/traverse/linux-arm64/ dev/tunnel/expat/linux-arm64/ org/bytedeco/javacpp/linux-arm64/

# 4. The samples, on the host and under emulation (closures runs aarch64's trampolines). Each JVM
#    gets its own JavaCPP cache, so what it loaded can be checked, and no other build's cache is
#    touched.
printf 'first line\n\nthird, after an empty one\nlast, without a newline' > "$work/input.txt"
runs=("callbacks" "handle" "closures 2000" "traverse $work/input.txt" "traverse $root/README.md" "grep the $root/README.md"
  "grep --batched the $root/README.md" "xml $root/pom.xml $root/presets/pom.xml /usr/share/mime/packages/freedesktop.org.xml"
  "xml --batched $root/pom.xml $root/presets/pom.xml /usr/share/mime/packages/freedesktop.org.xml")
for run in "${runs[@]}"; do
  read -r -a args <<< "$run"
  name="${args[0]}${args[1]:+ $(basename -- "${args[1]}")}"
  for arch in x86_64 arm64; do
    if [ "$arch" = x86_64 ]; then java=(java); else java=("$arm64_java"); fi
    out="$work/${name// /_}.$arch"
    t=$(now)
    status=0
    "${java[@]}" -Dorg.bytedeco.javacpp.cachedir="$work/cache-$arch" -jar "$samples_jar" "${args[@]}" \
      > "$out.stdout" 2> "$out.stderr" || status=$?
    times+=("$name on $arch: $(since "$t") s")
    echo "$status" > "$out.status"
  done
  for stream in stdout stderr status; do
    diff -u --label "$name $stream, x86_64" --label "$name $stream, arm64 under qemu" \
      "$work/${name// /_}.x86_64.$stream" "$work/${name// /_}.arm64.$stream" \
      || fail "$name: the arm64 run's $stream differs from the host's"
  done
  [ "$(cat "$work/${name// /_}.x86_64.status")" = 0 ] || fail "$name failed (exit status $(cat "$work/${name// /_}.x86_64.status"))"
  echo "arm64: $name: same output under qemu ($(wc -l < "$work/${name// /_}.arm64.stdout") lines)"
done
loaded=$(cd "$work/cache-arm64" && find . -name '*.so*' | sort)
echo "arm64: the arm64 JVM extracted:"; echo "$loaded" | sed 's/^/  /'
echo "$loaded" | grep -q 'dev/tunnel/traverse/linux-arm64/libjnitraverse.so' || fail "the arm64 JVM did not load traverse's linux-arm64 library"
echo "$loaded" | grep -q 'dev/tunnel/expat/linux-arm64/libexpat.so' || fail "the arm64 JVM did not load expat's linux-arm64 library"
! echo "$loaded" | grep -q x86_64 || fail "the arm64 JVM extracted x86_64 libraries"

# 5. The presets tests on the arm64 JVM. Their reports replace the host run's.
rm -rf presets/traverse/target/surefire-reports
t=$(now)
# A subset: the behaviour tests. The soak and fault tests (ReliabilityTest: millions of
# iterations, a child JVM) and the scale tests of async traversal stay native-only.
mvn -B -ntp -pl presets/traverse surefire:test -Djvm="$arm64_java" -Dsurefire.timeout=1800 \
  -Dtest='TraversalTest,TraversalFailureTest,TraversalConcurrencyTest,BatchedTraversalTest,ClosureTest,LineTraversalTest,MixedEventBatchTest'
# expat's API tests (each parses with libexpat, per event and batched; the corpus and random-input
# tests stay native-only: thousands of files under qemu would take most of CI's time; so does the
# 64 MB generated stream, which tests the Java side's chunked reads, the same bytecode everywhere,
# and took 49 of XmlParserTest's 70 s under qemu)
rm -rf presets/expat/target/surefire-reports
mvn -B -ntp -pl presets/expat surefire:test -Djvm="$arm64_java" -Dsurefire.timeout=1800 \
  -Dtest='XmlParserTest,!XmlParserTest#aStreamIsReadAChunkAtATime'
# and the technique classes' tests (basics, callbacks without user_data, threads), which call
# libtraverse's raw bindings from the samples module
rm -rf samples/target/surefire-reports
mvn -B -ntp -pl samples surefire:test -Djvm="$arm64_java" -Dsurefire.timeout=1800 \
  -Dtest='BasicsTest,CLibraryTest,ThreadingTest'
times+=("presets and technique tests under qemu: $(since "$t") s")
reports=(presets/traverse/target/surefire-reports/TEST-*.xml presets/expat/target/surefire-reports/TEST-*.xml samples/target/surefire-reports/TEST-*.xml)
[ -f "${reports[0]}" ] || fail "no test report in presets/traverse/target/surefire-reports"
[ -f "${reports[-1]}" ] || fail "no test report in samples/target/surefire-reports"
for report in "${reports[@]}"; do
  grep -q 'name="os.arch" value="aarch64"' "$report" || fail "$report: tests did not run on the arm64 JVM"
done
echo "arm64: ${#reports[@]} test classes ran on os.arch=aarch64"

echo "arm64: passed. Times:"
printf '  %s\n' "${times[@]}"
