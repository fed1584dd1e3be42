#!/usr/bin/env bash
# What the javacpp-presets parent runs for each module under presets/ (from this folder, as
# javacpp-presets' own root cppbuild.sh): `bash cppbuild.sh install <module> -platform=P`.
# The tree's libraries are all built by the one cppbuild.sh at the root.
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/cppbuild.sh" "$@"
