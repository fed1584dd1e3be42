#!/usr/bin/env bash
# Builds and runs .ci/consumer, a user's project that depends on traverse-platform and expat-platform only, against a
# staged release and Maven Central alone:
#
#   bash .ci/release-consumer.sh DIR VERSION
#
# Its local repository starts empty (Central's artifacts are downloaded into it; nothing of
# Tunnel's can come from an earlier install), and DIR is its only repository besides Central. It
# must resolve both platforms' classifier jars of traverse, expat and JavaCPP, count README.md's lines
# and the root pom's elements.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 2 ] || { echo "usage: bash .ci/release-consumer.sh DIR VERSION" >&2; exit 2; }
dir=$(cd "$1" && pwd)
version=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/.ci/consumer" "$tmp/consumer"
cat > "$tmp/settings.xml" <<EOF
<settings>
  <localRepository>$tmp/repository</localRepository>
  <profiles>
    <profile>
      <id>tunnel-release</id>
      <repositories>
        <repository>
          <id>tunnel-release</id>
          <url>file://$dir</url>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>tunnel-release</activeProfile>
  </activeProfiles>
</settings>
EOF
# JavaCPP's cache too: it reuses a library it extracted before when the size and time stamp match,
# and two builds of one version have the same time stamp (reproducible) and may have the same size.
mvn_args=(-B -ntp -q -Dstyle.color=never -s "$tmp/settings.xml" "-Dmaven.repo.local=$tmp/repository"
  "-Dtunnel.version=$version" "-Dorg.bytedeco.javacpp.cachedir=$tmp/javacpp-cache")
cd "$tmp/consumer"
mvn "${mvn_args[@]}" dependency:list -DoutputFile="$tmp/deps.txt" -DincludeGroupIds=dev.tunnel,org.bytedeco >/dev/null
got=$(grep -oE '(dev\.tunnel:traverse|dev\.tunnel:expat|org\.bytedeco:javacpp):jar:linux-[a-z0-9_]+' "$tmp/deps.txt" | sort | tr '\n' ' ')
expected="dev.tunnel:expat:jar:linux-arm64 dev.tunnel:expat:jar:linux-x86_64 dev.tunnel:traverse:jar:linux-arm64 dev.tunnel:traverse:jar:linux-x86_64 org.bytedeco:javacpp:jar:linux-arm64 org.bytedeco:javacpp:jar:linux-x86_64 "
if [ "$got" != "$expected" ]; then
  echo "release-consumer: resolved '$got', expected '$expected'" >&2
  exit 1
fi
if find "$tmp/repository/dev/tunnel" -name '*SNAPSHOT*' 2>/dev/null | grep -q .; then
  echo "release-consumer: a SNAPSHOT of Tunnel was resolved" >&2
  exit 1
fi
mvn "${mvn_args[@]}" compile exec:java -Dexec.args="$root/README.md" | tee "$tmp/out.txt"
grep -q 'lines: [1-9][0-9]*, bytes without newlines: [1-9][0-9]*$' "$tmp/out.txt"
mvn "${mvn_args[@]}" exec:java -Dconsumer.main=example.CountElements -Dexec.args="$root/pom.xml" | tee "$tmp/out-xml.txt"
grep -q 'elements: [1-9][0-9]*, batched: the same$' "$tmp/out-xml.txt"
echo "release-consumer: traverse-platform and expat-platform $version resolved from $dir and Central alone, both platforms, and ran"
