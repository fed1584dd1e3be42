#!/usr/bin/env bash
# Builds Tunnel for both Linux platforms it ships, on an x86_64 machine: traverse-linux-arm64.jar
# and expat-linux-arm64.jar cross-compiled with aarch64-linux-gnu-gcc/g++, then everything else natively with
# traverse-platform and expat-platform listing linux-x86_64 and linux-arm64 (-Dtunnel.all-platforms), so the samples
# jar carries both. This is the build a release is made from.
#
#   bash .ci/arm64/build.sh [MAVEN ARGS...]      default: install -DskipTests
#
# The arguments go to the second, native Maven run (`verify` also runs the tests on the host).
# Needs Debian's gcc-aarch64-linux-gnu and g++-aarch64-linux-gnu (.ci/arm64/setup installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

for cc in aarch64-linux-gnu-gcc aarch64-linux-gnu-g++; do
  if ! command -v "$cc" >/dev/null 2>&1; then
    echo "arm64/build.sh: $cc not found: apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu, or bash .ci/arm64/setup" >&2
    exit 1
  fi
done
[ $# -gt 0 ] || set -- install -DskipTests

# linux-arm64: cppbuild.sh and the JNI compiler pick aarch64-linux-gnu-gcc/g++ for this platform
# (presets/pom.xml). Its tests cannot run on this machine's JVM; .ci/arm64/run.sh runs them
# under qemu.
mvn -B -ntp install -pl presets/traverse,presets/expat -am -DskipTests -Djavacpp.platform=linux-arm64

# linux-x86_64, and traverse-platform with both classifiers for the samples and benchmarks.
mvn -B -ntp -Dtunnel.all-platforms "$@"
