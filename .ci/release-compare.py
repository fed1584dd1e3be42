#!/usr/bin/env python3
"""Compares two staged releases (.ci/release.sh DIR1, DIR2, built from different directories)
byte for byte, and fails on any difference:

    python3 .ci/release-compare.py DIR1 DIR2

Every jar, POM and checksum must exist in both and have the same SHA-256; maven-metadata*.xml (and
its checksums) and signatures are left out, since they hold the time of the deployment and a
signature's time. For a jar that differs, the entries that differ are listed (their content,
or else their time, order or attributes), the native libraries of the classifier jars included.
"""
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def compared(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            if n.startswith("maven-metadata") or ".asc" in n:
                continue
            path = os.path.join(d, n)
            out[os.path.relpath(path, root)] = path
    return out


def elf_sections(data):
    """(name, offset, size) of each section of an ELF file, read with readelf."""
    with tempfile.NamedTemporaryFile(suffix=".so") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["readelf", "-SW", f.name], capture_output=True, text=True).stdout
    sections = []
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if m:
            sections.append((m.group(1), int(m.group(2), 16), int(m.group(3), 16)))
    return sections


def elf_differences(a, b):
    """Which sections of two native libraries hold the bytes that differ, to find the cause."""
    differing = [i for i in range(min(len(a), len(b))) if a[i] != b[i]]
    counts = {}
    for name, offset, size in elf_sections(a):
        n = sum(1 for i in differing if offset <= i < offset + size)
        if n:
            counts[name] = n
    where = ", ".join(f"{name}: {n}" for name, n in counts.items()) or "outside every section"
    return [f"{len(differing)} bytes differ, from offset {differing[0] if differing else '-'}; by section: {where}"]


def jar_differences(a, b):
    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    ia = {i.filename: i for i in za.infolist()}
    ib = {i.filename: i for i in zb.infolist()}
    diffs = []
    for name in sorted(set(ia) | set(ib)):
        if name not in ib:
            diffs.append(f"{name}: only in the first")
        elif name not in ia:
            diffs.append(f"{name}: only in the second")
        elif (da := za.read(name)) != (db := zb.read(name)):
            diffs.append(f"{name}: content differs ({len(da)} and {len(db)} bytes)")
            if ".so" in name:
                diffs += [f"    {d}" for d in elf_differences(da, db)]
        else:
            x, y = ia[name], ib[name]
            attrs = ["date_time", "external_attr", "compress_type", "extra", "comment", "create_system"]
            changed = [k for k in attrs if getattr(x, k) != getattr(y, k)]
            if changed:
                diffs.append(f"{name}: same content, different {', '.join(changed)} "
                             f"({', '.join(f'{getattr(x, k)!r} vs {getattr(y, k)!r}' for k in changed)})")
    if not diffs and [i.filename for i in za.infolist()] != [i.filename for i in zb.infolist()]:
        diffs.append("same entries in a different order")
    if not diffs:
        diffs.append("same entries, the zip structure differs (central directory or comment)")
    return diffs


def main(d1, d2):
    f1, f2 = compared(d1), compared(d2)
    problems = []
    for rel in sorted(set(f1) | set(f2)):
        if rel not in f2:
            problems.append(f"{rel}: only in {d1}")
        elif rel not in f1:
            problems.append(f"{rel}: only in {d2}")
        elif sha256(f1[rel]) != sha256(f2[rel]):
            problems.append(f"{rel}: differs")
            if rel.endswith(".jar"):
                problems += [f"    {d}" for d in jar_differences(f1[rel], f2[rel])]
    jars = sum(1 for r in f1 if r.endswith(".jar"))
    if problems:
        print(f"release-compare: {d1} and {d2} differ:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"release-compare: {len(f1)} files ({jars} jars) byte-identical in {d1} and {d2}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 .ci/release-compare.py DIR1 DIR2", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
