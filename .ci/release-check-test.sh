#!/usr/bin/env bash
# Tests .ci/release-check.py on copies of a staged release: each copy has one defect, and the check
# must fail and name the file that has it.
#
#   bash .ci/release-check-test.sh DIR        (DIR as .ci/release.sh left it; it is not changed)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: bash .ci/release-check-test.sh DIR" >&2; exit 2; }
dir=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$root/.ci/release-check.py" "$dir" > /dev/null

# expect_failure NAME DEFECT-COMMAND FILE: in a fresh copy, DEFECT-COMMAND (run there) must make the
# check fail with FILE (relative to the copy) in its report.
expect_failure() {
  local name=$1 defect=$2 file=$3 copy="$tmp/$1"
  cp -r "$dir" "$copy"
  (cd "$copy" && eval "$defect")
  if python3 "$root/.ci/release-check.py" "$copy" > "$tmp/$name.out" 2>&1; then
    echo "release-check-test: $name: the check passed" >&2
    exit 1
  fi
  if ! grep -qF "$copy/$file" "$tmp/$name.out"; then
    echo "release-check-test: $name: the check failed without naming $file:" >&2
    cat "$tmp/$name.out" >&2
    exit 1
  fi
  echo "release-check-test: $name: fails naming $file"
  rm -rf "$copy"
}

sources=$(cd "$dir" && find . -name 'traverse-*-sources.jar' | sed 's:^\./::' | head -1)
javadoc=$(cd "$dir" && find . -name 'tunnel-runtime-*-javadoc.jar' | sed 's:^\./::' | head -1)
arm64=$(cd "$dir" && find . -name 'traverse-*-linux-arm64.jar' | sed 's:^\./::' | head -1)
pom=$(cd "$dir" && find . -name 'tunnel-generator-*.pom' | sed 's:^\./::' | head -1)
spi=$(cd "$dir" && find . -name 'tunnel-spi-*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' | sed 's:^\./::' | head -1)
[ -n "$sources" ] && [ -n "$javadoc" ] && [ -n "$arm64" ] && [ -n "$pom" ] && [ -n "$spi" ] \
  || { echo "release-check-test: $dir lacks the artifacts this test changes" >&2; exit 1; }

expect_failure missing-sources "rm '$sources'" "$sources"
expect_failure missing-javadoc "rm '$javadoc' '$javadoc'.*" "$javadoc"
expect_failure missing-classifier-jar "rm '$arm64' '$arm64'.*" "$arm64"
expect_failure wrong-checksum "echo 0 > '$sources.sha256'" "$sources.sha256"
expect_failure missing-checksum "rm '$sources.sha512'" "$sources.sha512"
expect_failure snapshot-dependency "sed -i 's:<version>\${project.version}</version>:<version>0.0.1-SNAPSHOT</version>:' '$pom'" "$pom"
# a tunnel-spi jar built without a JDK 22+: no FFM upcall path
expect_failure no-ffm-path "zip -q -d '$spi' 'META-INF/versions/*' && for a in md5 sha1 sha256 sha512; do \${a}sum '$spi' | cut -d' ' -f1 > '$spi'.\$a; done" "$spi"
echo "release-check-test: every defect found and named"
