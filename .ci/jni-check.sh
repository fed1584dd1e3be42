#!/usr/bin/env bash
# Runs the Java test suite with -Xcheck:jni on one JDK and fails on any JNI warning or error,
# and on any native-access warning (JDK 22+), in the build output or the test reports.
#   bash .ci/jni-check.sh JAVA_HOME
# Lines listed in .ci/jni-allowlist.txt (exact matches) are tolerated: JDK noise shown not to be ours.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
java_home=$1
version=$("$java_home/bin/java" -version 2>&1 | head -1)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "jni-check: $version, -Xcheck:jni"
JAVA_HOME="$java_home" mvn -B -ntp -Dstyle.color=never verify -pl runtime,spi,threads,generator,presets/traverse,presets/expat,testlib,presets/traverse/platform,presets/expat/platform,exports,samples \
  -Dtunnel.test.jvmArgs="-Xcheck:jni --enable-native-access=ALL-UNNAMED" > "$log" 2>&1 || {
  tail -60 "$log"
  echo "jni-check: the test suite failed on $version" >&2
  exit 1
}
pattern='FATAL ERROR in native method|WARNING in native method|WARNING: JNI local refs|WARNING: A restricted method|WARNING: java\.lang\.System::load|WARNING: Use --enable-native-access'
found=$( { cat "$log"; find runtime spi threads generator presets/traverse testlib exports samples -path '*/target/*-reports/*' -type f -exec cat {} +; } \
  | grep -a -E "$pattern" | grep -a -v -x -F -f .ci/jni-allowlist.txt || true)
if [ -n "$found" ]; then
  echo "$found" | sort | uniq -c >&2
  echo "jni-check: JNI or native-access warnings on $version" >&2
  exit 1
fi
grep -a -E "Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$" "$log" | sed 's/^\[[A-Z]*\] /jni-check: /'
echo "jni-check: no JNI or native-access warnings on $version"
