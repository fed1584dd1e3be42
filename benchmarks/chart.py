#!/usr/bin/env python3
"""Turns JMH JSON results into an SVG bar chart of ns per event, log scale, one bar per peer.

    java -jar benchmarks/target/benchmarks.jar 'SyntheticEventBenchmark|TraversalFfmBenchmark' \
        -rf json -rff results.json
    python3 benchmarks/chart.py [--workload synthetic|memory] [--extra "LABEL=NS" ...] \
        results.json [more.json ...] chart.svg

--workload synthetic (the default) charts SyntheticEventBenchmark: callbacks alone, C reading
nothing; memory charts TraversalBenchmark: C scanning 100,000 lines in memory. --extra adds a
dashed bar for a figure measured outside the JMH run (the cgo peer, measured with go test). Only the standard
library is used. Cases without a known label are skipped.
"""
import json
import math
import sys
from xml.sax.saxutils import escape

# per workload: its title, and JMH benchmark name -> (bar label, colour) in the order of the bars
WORKLOADS = {
    "synthetic": ("C reporting 100,000 synthetic events (libtraverse's traverse_events: nothing read)", [
        ("SyntheticEventBenchmark.cFloor", "C → C function pointer (floor)", "#7f7f7f"),
        ("SyntheticEventBenchmark.tunnelBatched", "Tunnel, batched", "#1b7837"),
        ("TraversalFfmBenchmark.ffmUpcallSynthetic", "Java FFM upcall stub", "#2166ac"),
        ("SyntheticEventBenchmark.rawJavaCppLongUserData", "raw JavaCPP, long user_data", "#762a83"),
        ("SyntheticEventBenchmark.tunnelVisitor", "Tunnel, one upcall per event", "#5aae61"),
        ("SyntheticEventBenchmark.jnaDirect", "JNA, direct mapping", "#b2182b"),
    ]),
    "memory": ("C scanning 100,000 lines in memory (libtraverse's traverse_memory)", [
        ("TraversalBenchmark.cFloor", "C → C function pointer (floor)", "#7f7f7f"),
        ("TraversalBenchmark.tunnelBatched", "Tunnel, batched", "#1b7837"),
        ("TraversalFfmBenchmark.ffmUpcall", "Java FFM upcall stub", "#2166ac"),
        ("TraversalBenchmark.rawJavaCppLongUserData", "raw JavaCPP, long user_data", "#762a83"),
        ("TraversalBenchmark.tunnelVisitor", "Tunnel, one upcall per event", "#5aae61"),
        ("TraversalBenchmark.rawJavaCppPointerUserData", "raw JavaCPP, Pointer user_data", "#9970ab"),
        ("TraversalBenchmark.jnaDirect", "JNA, direct mapping", "#b2182b"),
    ]),
}


def load(paths):
    scores = {}
    jvm = None
    for path in paths:
        with open(path) as f:
            for result in json.load(f):
                name = result["benchmark"].rsplit(".", 2)
                key = name[-2] + "." + name[-1]
                scores[key] = (result["primaryMetric"]["score"], result["primaryMetric"]["scoreError"])
                jvm = jvm or result.get("vmVersion")
    return scores, jvm


def svg(scores, jvm, workload, extras=()):
    subtitle, peers = WORKLOADS[workload]
    bars = [(label, colour) + scores[key] for key, label, colour in peers if key in scores]
    # bars measured outside this JMH run (label, ns): grey outline, placed by their value
    bars += [(label, None, value, 0.0) for label, value in extras]
    bars.sort(key=lambda b: b[2])
    if not bars:
        sys.exit("chart.py: none of the known benchmarks is in the results")
    width, left, right, top, bar, gap = 900, 290, 90, 56, 26, 10
    height = top + len(bars) * (bar + gap) + 50
    lo = 10 ** math.floor(math.log10(min(b[2] for b in bars)))
    hi = 10 ** math.ceil(math.log10(max(b[2] for b in bars)))
    plot = width - left - right

    def x(value):
        return left + plot * (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="13">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="16" y="22" font-size="15" font-weight="bold">C calling Java for every event: '
           f'ns per event (log scale, lower is better)</text>',
           f'<text x="16" y="40" fill="#555">{escape(subtitle)}; JMH, one run, JDK {escape(jvm or "")}</text>']
    decade = lo
    while decade <= hi:
        gx = x(decade)
        out.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 40}" stroke="#ddd"/>')
        out.append(f'<text x="{gx:.1f}" y="{height - 24}" text-anchor="middle" fill="#555">{decade:g}</text>')
        decade *= 10
    for i, (label, colour, score, error) in enumerate(bars):
        y = top + i * (bar + gap)
        out.append(f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end">{escape(label)}</text>')
        if colour is None:
            out.append(f'<rect x="{left}" y="{y}" width="{x(score) - left:.1f}" height="{bar}" fill="white" '
                       f'stroke="#333" stroke-dasharray="4 3"/>')
        else:
            out.append(f'<rect x="{left}" y="{y}" width="{x(score) - left:.1f}" height="{bar}" fill="{colour}"/>')
        out.append(f'<text x="{x(score) + 6:.1f}" y="{y + bar * 0.7:.1f}">{score:.1f} ns</text>')
    out.append(f'<text x="{left + plot / 2:.0f}" y="{height - 6}" text-anchor="middle" fill="#555">ns per event</text>')
    out.append('</svg>')
    return "\n".join(out) + "\n"


def main(argv):
    args = argv[1:]
    workload = "synthetic"
    extras = []
    while args[:1] in (["--workload"], ["--extra"]) and len(args) > 1:
        if args[0] == "--workload":
            workload = args[1]
        else:  # --extra "LABEL=NS": a bar measured outside JMH, drawn dashed
            label, value = args[1].rsplit("=", 1)
            extras.append((label, float(value)))
        args = args[2:]
    if len(args) < 2 or workload not in WORKLOADS:
        sys.exit("usage: chart.py [--workload synthetic|memory] [--extra LABEL=NS ...] RESULTS.json [MORE.json ...] OUT.svg")
    scores, jvm = load(args[:-1])
    with open(args[-1], "w") as f:
        f.write(svg(scores, jvm, workload, extras))
    print(f"chart.py: wrote {args[-1]}")


if __name__ == "__main__":
    main(sys.argv)
