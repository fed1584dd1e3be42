#!/usr/bin/env bash
# Compiles and runs a named module that requires dev.tunnel.traverse, entirely on the module
# path, against the jars `mvn install` built: proves the module-info of every jar, and, on
# Java 22+, that C calls Java through tunnel-spi's FFM upcall stubs from a named module too.
#   bash .ci/modular/run.sh FILE                 # the JDK on the PATH
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash .ci/modular/run.sh FILE
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=$(cd ../.. && pwd)
version=0.1.0-SNAPSHOT
javacpp=$(sed -n "s:.*<javacpp.version>\(.*\)</javacpp.version>.*:\1:p" "$root/pom.xml" | head -1)
m2=${M2_REPO:-$HOME/.m2/repository}
platform=linux-x86_64
jars=(
  "$m2/org/bytedeco/javacpp/$javacpp/javacpp-$javacpp.jar"
  "$m2/org/bytedeco/javacpp/$javacpp/javacpp-$javacpp-$platform.jar"
  "$root/runtime/target/tunnel-runtime.jar"
  "$root/spi/target/tunnel-spi.jar"
  "$root/threads/target/tunnel-threads.jar"
  "$root/presets/traverse/target/traverse.jar"
  "$root/presets/traverse/target/traverse-$platform.jar"
)
modulepath=$(IFS=:; echo "${jars[*]}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin=${JAVA_HOME:+$JAVA_HOME/bin/}
"${bin}javac" -d "$out" --module-path "$modulepath" $(find example.modular -name '*.java')
# Java 22+ would warn on JavaCPP's System.load and on Tunnel's upcall stubs without the flag;
# TUNNEL_NATIVE_ACCESS and TUNNEL_JAVA_OPTIONS change it, to test a JVM that denies some of it.
# shellcheck disable=SC2086
"${bin}java" ${TUNNEL_JAVA_OPTIONS:-} --enable-native-access="${TUNNEL_NATIVE_ACCESS:-org.bytedeco.javacpp,dev.tunnel.spi,dev.tunnel.traverse}" --module-path "$out:$modulepath" \
  --add-modules "dev.tunnel.traverse.${platform//-/.},org.bytedeco.javacpp.${platform//-/.}" \
  -m example.modular/example.modular.CountLines "$@"
