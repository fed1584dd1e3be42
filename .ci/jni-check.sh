#!/usr/bin/env bash
# Fails on any JNI warning or error, and on any native-access warning (JDK 22+), in the output
# and the test reports of a Java test suite run on one JDK. Every test JVM has -Xcheck:jni
# (tunnel.test.jvmArgs in the poms), so the README's test command is such a run:
#   bash .ci/jni-check.sh JAVA_HOME            runs the suite on that JDK, then checks it
#   bash .ci/jni-check.sh JAVA_HOME --log LOG  checks a run already made there, LOG its output
# Lines listed in .ci/jni-allowlist.txt (exact matches) are tolerated: JDK noise shown not to be ours.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
java_home=$1
version=$("$java_home/bin/java" -version 2>&1 | head -1)
case "${2:-}" in
  --log)
    log=${3:?"usage: bash .ci/jni-check.sh JAVA_HOME [--log LOG]"}
    [ -s "$log" ] || { echo "jni-check: $log is missing or empty: nothing to check" >&2; exit 2; }
    echo "jni-check: $version, the run logged in $log" ;;
  "")
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    echo "jni-check: $version, -Xcheck:jni"
    JAVA_HOME="$java_home" mvn -B -ntp -Dstyle.color=never verify -pl runtime,spi,threads,generator,presets/traverse,presets/expat,testlib,presets/traverse/platform,presets/expat/platform,exports,samples \
      > "$log" 2>&1 || {
      tail -60 "$log"
      echo "jni-check: the test suite failed on $version" >&2
      exit 1
    } ;;
  *) echo "usage: bash .ci/jni-check.sh JAVA_HOME [--log LOG]" >&2; exit 2 ;;
esac
# A suite run without -Xcheck:jni would pass unseen: both parent poms must give it to the test JVMs.
for pom in pom.xml presets/pom.xml; do
  grep -q '<tunnel.test.jvmArgs>-Xcheck:jni ' "$pom" \
    || { echo "jni-check: $pom: tunnel.test.jvmArgs does not start with -Xcheck:jni" >&2; exit 1; }
done
pattern='FATAL ERROR in native method|WARNING in native method|WARNING: JNI local refs|WARNING: A restricted method|WARNING: java\.lang\.System::load|WARNING: Use --enable-native-access'
found=$( { cat "$log"; find runtime spi threads generator presets/traverse presets/expat testlib exports samples -path '*/target/*-reports/*' -type f -exec cat {} +; } \
  | grep -a -E "$pattern" | grep -a -v -x -F -f .ci/jni-allowlist.txt || true)
if [ -n "$found" ]; then
  echo "$found" | sort | uniq -c >&2
  echo "jni-check: JNI or native-access warnings on $version" >&2
  exit 1
fi
grep -a -E "Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$" "$log" | sed 's/^\[[A-Z]*\] /jni-check: /'
echo "jni-check: no JNI or native-access warnings on $version"
