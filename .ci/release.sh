#!/usr/bin/env bash
# Stages a release of Tunnel into a local directory laid out as a Maven repository, and checks it
# as Maven Central's validation would:
#
#   bash .ci/release.sh DIR
#
# 1. Copies this tree (its tracked and untracked, not ignored, files) into a build directory and
#    sets the release version there (the tree itself stays -SNAPSHOT): TUNNEL_RELEASE_VERSION, by
#    default the tree's version without -SNAPSHOT.
# 2. Builds traverse-linux-arm64.jar (cross-compiled, .ci/arm64/setup installs the compilers), then
#    every published module for linux-x86_64 with traverse-platform listing both platforms, and
#    deploys them into DIR: the root pom, tunnel-runtime, tunnel-spi, tunnel-threads,
#    tunnel-generator, tunnel-presets (the presets' parent), traverse (with both
#    classifier jars), traverse-platform, expat (both classifier jars), expat-platform and tunnel-result, each with its -sources and -javadoc
#    jar. Tests are not run here (CI runs them on the same tree). The tools (samples, benchmarks,
#    testlib) are not built.
# 3. Adds .sha256 and .sha512 files next to Maven's .md5 and .sha1, for every file.
# 4. Checks DIR (.ci/release-check.py): sources, javadoc and classifier jars present, checksums
#    right, POM metadata complete, no SNAPSHOT; it fails naming the file it found wanting.
# 5. Builds and runs .ci/consumer against DIR alone: an empty local repository (Central's
#    artifacts are downloaded into it) and DIR as its only other repository.
#
# Environment:
#   TUNNEL_MAVEN_REPO   local repository of the build (default: Maven's, ~/.m2/repository)
#   MAVEN_ARGS          more Maven arguments for the build, e.g. "-Dgpg.keyname=KEYID" to sign
#                       (README, "Releasing")
#   TUNNEL_RELEASE_WORK build directory (default: a new temporary one, removed afterwards)
#   TUNNEL_RELEASE_SKIP_CONSUMER=1  skip step 5 (the reproducibility check's second build does)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
start=$(date +%s)
[ $# -eq 1 ] || { echo "usage: bash .ci/release.sh DIR" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
if [ -n "$(ls -A "$dir")" ]; then
  echo "release: $dir is not empty" >&2
  exit 2
fi

mvn_args=(-B -ntp -Dstyle.color=never)
[ -z "${TUNNEL_MAVEN_REPO:-}" ] || mvn_args+=("-Dmaven.repo.local=$TUNNEL_MAVEN_REPO")
# shellcheck disable=SC2206
[ -z "${MAVEN_ARGS:-}" ] || mvn_args+=($MAVEN_ARGS)
# Signing: traverse-platform signs only with gpg.skip=false (presets/traverse/platform/pom.xml says why).
case " ${MAVEN_ARGS:-} " in *" -Dgpg.keyname="*) mvn_args+=(-Dgpg.skip=false) ;; esac

# The published tunnel-spi jar must carry its FFM upcall path (META-INF/versions/22), which
# needs a JDK 22+: the one running Maven, or one declared in ~/.m2/toolchains.xml.
maven_java=$(mvn -v 2>/dev/null | sed -n 's/^Java version: \([0-9]*\).*/\1/p')
if [ "${maven_java:-0}" -lt 22 ] && ! grep -Eqs '<version>(2[2-9]|[3-9][0-9])' "$HOME/.m2/toolchains.xml"; then
  echo "release: no JDK 22+ to compile tunnel-spi's FFM upcall path: Maven runs on Java ${maven_java:-?} and" \
    "$HOME/.m2/toolchains.xml declares none (bash .ci/toolchains.sh declares the one under /usr/lib/jvm)" >&2
  exit 1
fi

snapshot=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")
version=${TUNNEL_RELEASE_VERSION:-${snapshot%-SNAPSHOT}}
case "$version" in *SNAPSHOT*|"") echo "release: bad release version '$version'" >&2; exit 2 ;; esac

if [ -n "${TUNNEL_RELEASE_WORK:-}" ]; then
  work=$TUNNEL_RELEASE_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
src="$work/tunnel"
rm -rf "$src" "$work/arm64"
mkdir -p "$src" "$work/arm64"
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | tar -c --null --ignore-failed-read -T - 2>/dev/null) | tar -x -C "$src"

# The release version, in every pom of the copy (the consumer's is given it on the command line).
find "$src" -name pom.xml -not -path "$src/.ci/*" -print0 \
  | xargs -0 sed -i "s:<version>$snapshot</version>:<version>$version</version>:"
if grep -rl --include=pom.xml SNAPSHOT "$src" | grep -v "^$src/.ci/"; then
  echo "release: SNAPSHOT left in the poms above" >&2
  exit 1
fi
echo "release: building $version in $src"

bash "$root/.ci/arm64/setup" >/dev/null
cd "$src"
published=.,runtime,spi,threads,generator,presets,presets/traverse,presets/traverse/platform,presets/expat,presets/expat/platform,exports

# linux-arm64, cross-compiled: only its classifier jar is kept.
mvn "${mvn_args[@]}" -Dtunnel.release package -pl presets/traverse,presets/expat -am -DskipTests \
  -Dmaven.javadoc.skip -Dmaven.source.skip -Djavacpp.platform=linux-arm64 > "$work/arm64.log" 2>&1 \
  || { tail -50 "$work/arm64.log"; echo "release: linux-arm64 build failed ($work/arm64.log)" >&2; exit 1; }
cp presets/traverse/target/traverse-linux-arm64.jar presets/expat/target/expat-linux-arm64.jar "$work/arm64/"

# linux-x86_64 and everything else, deployed with the arm64 jar into DIR.
mvn "${mvn_args[@]}" -Dtunnel.release -Dtunnel.all-platforms -DskipTests -pl "$published" \
  "-Dtunnel.attach.linux-arm64=$work/arm64" \
  "-DaltDeploymentRepository=tunnel-release::file://$dir" -Dmaven.install.skip=true \
  clean deploy > "$work/deploy.log" 2>&1 \
  || { tail -50 "$work/deploy.log"; echo "release: build failed ($work/deploy.log)" >&2; exit 1; }

# Maven writes .md5 and .sha1; Central also takes .sha256 and .sha512 (signatures need none).
find "$dir" -type f ! -name '*.md5' ! -name '*.sha1' ! -name '*.sha256' ! -name '*.sha512' ! -name '*.asc' -print0 \
  | while IFS= read -r -d '' f; do
      sha256sum "$f" | cut -d' ' -f1 > "$f.sha256"
      sha512sum "$f" | cut -d' ' -f1 > "$f.sha512"
    done
echo "release: deployed $(find "$dir" -name '*.jar' | wc -l) jars and $(find "$dir" -name '*.pom' | wc -l) poms into $dir"

python3 "$root/.ci/release-check.py" "$dir"

if [ "${TUNNEL_RELEASE_SKIP_CONSUMER:-}" != 1 ]; then
  bash "$root/.ci/release-consumer.sh" "$dir" "$version"
fi
echo "release: $version staged in $dir in $(( $(date +%s) - start )) s"
