#!/usr/bin/env bash
# Declares the newest JDK 22+ under /usr/lib/jvm in ~/.m2/toolchains.xml, so that a build on
# JDK 17 compiles tunnel-spi's FFM upcall path (src/main/java22) with it. Idempotent: a JDK
# already declared there is left alone, and other toolchains in the file are kept.
#   bash .ci/toolchains.sh          # prints the JDK it declared, or why none
set -euo pipefail
file=${TUNNEL_TOOLCHAINS:-$HOME/.m2/toolchains.xml}
best= best_version=0
for home in /usr/lib/jvm/*/; do
  home=${home%/}
  [ -x "$home/bin/javac" ] && [ -f "$home/release" ] || continue
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [ -n "$version" ] && [ "$version" -ge 22 ] && [ "$version" -gt "$best_version" ]; then
    best=$(readlink -f "$home") best_version=$version
  fi
done
if [ -z "$best" ]; then
  echo "toolchains: no JDK 22+ under /usr/lib/jvm: tunnel-spi is built without its FFM path unless Maven runs on JDK 22+" >&2
  exit 0
fi
if [ -f "$file" ] && grep -q "<jdkHome>$best</jdkHome>" "$file"; then
  echo "toolchains: JDK $best_version ($best) already in $file"
  exit 0
fi
entry="  <toolchain>
    <type>jdk</type>
    <provides>
      <version>$best_version</version>
    </provides>
    <configuration>
      <jdkHome>$best</jdkHome>
    </configuration>
  </toolchain>"
mkdir -p "$(dirname "$file")"
if [ -f "$file" ] && grep -q '</toolchains>' "$file"; then
  ENTRY=$entry python3 - "$file" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
i = text.rindex("</toolchains>")
open(path, "w").write(text[:i] + os.environ["ENTRY"] + "\n" + text[i:])
PY
else
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<toolchains>\n%s\n</toolchains>\n' "$entry" > "$file"
fi
echo "toolchains: declared JDK $best_version ($best) in $file"
