#!/usr/bin/env python3
"""Checks a staged release (a directory laid out as a Maven repository) as Maven Central's
validation does, and fails naming every file it finds wanting:

    python3 .ci/release-check.py DIR

For every artifact (groupId/artifactId/version directory with a .pom):
- no SNAPSHOT: not in the version, not anywhere in the POM;
- a jar-packaged artifact has its jar, a -sources jar and a -javadoc jar, each a readable zip;
- tunnel-spi's jar is multi-release and carries its Java 22 classes (the FFM upcall path);
- the POM has name, description, url, licenses (name and url), developers, scm (url, connection,
  developerConnection), by itself or through a parent POM that is also in DIR (a parent from
  elsewhere, such as org.bytedeco:javacpp-presets, does not count: its metadata is not Tunnel's);
- every dependency on an artifact of DIR's groups (dev.tunnel), including the classifier jars of
  profiles active by default, is in DIR;
- every file has .md5, .sha1, .sha256 and .sha512 files, and each is right;
- if any file is signed (.asc), every artifact file is, and each signature verifies when gpg has
  its public key.
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
CHECKSUMS = {"md5": hashlib.md5, "sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}
SIDE = tuple("." + c for c in CHECKSUMS) + (".asc",)

problems = []


# Multi-release jars, and the versioned classes each must carry (the FFM upcall path).
MULTI_RELEASE = {"tunnel-spi": ["META-INF/versions/22/dev/tunnel/spi/UpcallStubs.class"]}


def want(path, why):
    problems.append(f"{path}: {why}")


def text(elem, path):
    e = elem.find(path, NS)
    return e.text.strip() if e is not None and e.text and e.text.strip() else None


def digest(path, algorithm):
    h = CHECKSUMS[algorithm]()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify_signature(asc):
    """A signature must verify when gpg knows its key; with an unknown key only its presence counts."""
    signed = asc[:-len(".asc")]
    if not shutil.which("gpg") or not os.path.exists(signed):
        return
    run = subprocess.run(["gpg", "--batch", "--status-fd", "1", "--verify", asc, signed],
                         capture_output=True, text=True)
    if run.returncode != 0 and "NO_PUBKEY" not in run.stdout:
        want(asc, "bad signature: " + " ".join(l for l in run.stdout.splitlines() if "SIG" in l))


def main(root):
    root = os.path.abspath(root)
    files = []
    for d, _, names in os.walk(root):
        files += [os.path.join(d, n) for n in names]
    if not files:
        want(root, "empty: nothing was deployed")
    fileset = set(files)
    signed = any(f.endswith(".asc") for f in files)

    # Checksums, and signatures, of every file (a signature needs no checksum, as on Central).
    for f in sorted(files):
        if f.endswith(SIDE[:4]):
            continue
        if f.endswith(".asc"):
            verify_signature(f)
            continue
        for algorithm in CHECKSUMS:
            c = f"{f}.{algorithm}"
            if c not in fileset:
                want(c, f"missing ({algorithm} of {os.path.basename(f)})")
                continue
            with open(c) as fh:
                content = fh.read().split()
            if not content or content[0].lower() != digest(f, algorithm):
                want(c, f"wrong {algorithm} of {os.path.basename(f)}")
        if signed and not f.endswith(".asc") and "maven-metadata" not in os.path.basename(f) \
                and f + ".asc" not in fileset:
            want(f + ".asc", "missing signature (other files are signed)")

    # Artifacts: every directory with a POM.
    poms = {}
    for f in files:
        if f.endswith(".pom"):
            rel = os.path.relpath(f, root).split(os.sep)
            if len(rel) < 4:
                want(f, "not in a groupId/artifactId/version directory")
                continue
            group, artifact, version = ".".join(rel[:-3]), rel[-3], rel[-2]
            poms[(group, artifact, version)] = f
    if not poms:
        want(root, "no POM found")
    groups = {g for g, _, _ in poms}
    models = {}
    for gav, f in poms.items():
        try:
            models[gav] = ET.parse(f).getroot()
        except ET.ParseError as e:
            want(f, f"not a readable POM: {e}")

    def lineage(gav):
        """The POM and its parents that are in DIR, nearest first."""
        chain, seen = [], set()
        while gav in models and gav not in seen:
            seen.add(gav)
            model = models[gav]
            chain.append(model)
            parent = model.find("m:parent", NS)
            if parent is None:
                break
            gav = (text(parent, "m:groupId"), text(parent, "m:artifactId"), text(parent, "m:version"))
        return chain

    for (group, artifact, version), f in sorted(poms.items()):
        if (group, artifact, version) not in models:
            continue
        model = models[(group, artifact, version)]
        base = os.path.join(os.path.dirname(f), f"{artifact}-{version}")
        if "SNAPSHOT" in version:
            want(f, "a SNAPSHOT version")
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if "SNAPSHOT" in line:
                    want(f, f"line {n} names a SNAPSHOT: {line.strip()}")
        pom_group = text(model, "m:groupId") or text(model, "m:parent/m:groupId")
        pom_version = text(model, "m:version") or text(model, "m:parent/m:version")
        if (pom_group, text(model, "m:artifactId"), pom_version) != (group, artifact, version):
            want(f, f"declares {pom_group}:{text(model, 'm:artifactId')}:{pom_version}, "
                    f"not {group}:{artifact}:{version}")

        # Central's metadata, by this POM or a parent in DIR.
        chain = lineage((group, artifact, version))
        for path, what in [("m:name", "name"), ("m:description", "description")]:
            if not text(model, path):
                want(f, f"no <{what}>")
        for path, what in [("m:url", "url"), ("m:licenses/m:license/m:name", "license name"),
                           ("m:licenses/m:license/m:url", "license url"),
                           ("m:developers/m:developer", "developer"),
                           ("m:scm/m:url", "scm url"), ("m:scm/m:connection", "scm connection"),
                           ("m:scm/m:developerConnection", "scm developerConnection")]:
            found = False
            for m in chain:
                e = m.find(path, NS)
                if e is not None and (len(e) or (e.text and e.text.strip())):
                    found = True
                    break
            if not found:
                want(f, f"no {what} (neither here nor in a parent POM of this release)")

        # The jars Central wants next to a jar-packaged artifact.
        packaging = text(model, "m:packaging") or "jar"
        if packaging != "pom":
            for suffix, what in [(".jar", "jar"), ("-sources.jar", "-sources jar"),
                                 ("-javadoc.jar", "-javadoc jar")]:
                jar = base + suffix
                if jar not in fileset:
                    want(jar, f"missing: the {what} of {group}:{artifact}:{version}")
                elif not zipfile.is_zipfile(jar):
                    want(jar, "not a jar")
                elif suffix == ".jar" and artifact in MULTI_RELEASE:
                    with zipfile.ZipFile(jar) as z:
                        names = set(z.namelist())
                        manifest = z.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
                    for entry in MULTI_RELEASE[artifact]:
                        if entry not in names:
                            want(jar, f"lacks {entry}: built without a JDK 22+, it has no FFM upcall path")
                    if "Multi-Release: true" not in manifest:
                        want(jar, "no 'Multi-Release: true' in its manifest: the JVM would never see META-INF/versions")

        # Dependencies on this release's own artifacts are in it, classifier jars included.
        props = {"project.groupId": group, "project.artifactId": artifact,
                 "project.version": version, "project.parent.version": text(model, "m:parent/m:version") or ""}
        for m in reversed(chain):
            p = m.find("m:properties", NS)
            for e in (p if p is not None else []):
                props[e.tag.split("}")[1]] = (e.text or "").strip()

        def resolve(value, depth=0):
            def sub(match):
                key = match.group(1)
                if key in props:
                    return resolve(props[key], depth + 1) if depth < 10 else props[key]
                # javacpp-presets' platform properties: javacpp.platform.P is P (no extension)
                if key.startswith("javacpp.platform.") and key != "javacpp.platform.extension":
                    return key[len("javacpp.platform."):]
                return match.group(0)
            return re.sub(r"\$\{([^}]+)\}", sub, value or "")

        deps = list(model.findall("m:dependencies/m:dependency", NS))
        for profile in model.findall("m:profiles/m:profile", NS):
            if text(profile, "m:activation/m:activeByDefault") == "true":
                deps += profile.findall("m:dependencies/m:dependency", NS)
        for dep in deps:
            g, a = resolve(text(dep, "m:groupId")), resolve(text(dep, "m:artifactId"))
            v, c = resolve(text(dep, "m:version")), resolve(text(dep, "m:classifier"))
            scope = text(dep, "m:scope") or "compile"
            if "SNAPSHOT" in v:
                want(f, f"depends on a SNAPSHOT: {g}:{a}:{v}")
            if g not in groups or scope in ("test", "provided"):
                continue
            if "${" in g + a + v + c:
                want(f, f"dependency {g}:{a}:{v}:{c} has an unresolved property")
                continue
            jar = os.path.join(root, *g.split("."), a, v, f"{a}-{v}{'-' + c if c else ''}.jar")
            if jar not in fileset:
                want(jar, f"missing: {f} depends on {g}:{a}:{v}{':' + c if c else ''}")

    if problems:
        print(f"release-check: {len(problems)} problem(s) in {root}:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    jars = sum(1 for f in files if f.endswith(".jar"))
    print(f"release-check: {root}: {len(poms)} artifacts, {jars} jars: sources, javadoc, classifier "
          f"jars, checksums, metadata{', signatures' if signed else ''} complete; no SNAPSHOT")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 .ci/release-check.py DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
