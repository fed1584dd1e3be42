#!/usr/bin/env python3
"""Turns JMH JSON results into an SVG bar chart of ns per event, log scale, one bar per peer.

    java -jar benchmarks/target/benchmarks.jar 'TraversalBenchmark|TraversalFfmBenchmark' \
        -rf json -rff benchmarks/results/traversal.json
    python3 benchmarks/chart.py benchmarks/results/traversal.json benchmarks/results/traversal.svg

Only the standard library is used. Cases without a known label are skipped.
"""
import json
import math
import sys
from xml.sax.saxutils import escape

# JMH benchmark name -> (bar label, colour); the order is the order of the bars
PEERS = [
    ("TraversalBenchmark.cFloor", "C → C function pointer (floor)", "#7f7f7f"),
    ("TraversalBenchmark.tunnelBatched", "Tunnel, batched", "#1b7837"),
    ("TraversalFfmBenchmark.ffmUpcall", "Java FFM upcall stub", "#2166ac"),
    ("TraversalBenchmark.rawJavaCppLongUserData", "raw JavaCPP, long user_data", "#762a83"),
    ("TraversalBenchmark.tunnelVisitor", "Tunnel, one upcall per event", "#5aae61"),
    ("TraversalBenchmark.rawJavaCppPointerUserData", "raw JavaCPP, Pointer user_data", "#9970ab"),
    ("TraversalBenchmark.jnaDirect", "JNA, direct mapping", "#b2182b"),
]


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


def svg(scores, jvm):
    bars = [(label, colour) + scores[key] for key, label, colour in PEERS if key in scores]
    if not bars:
        sys.exit("chart.py: none of the known benchmarks is in the results")
    width, left, right, top, bar, gap = 860, 250, 90, 56, 26, 10
    height = top + len(bars) * (bar + gap) + 50
    lo = 10 ** math.floor(math.log10(min(b[2] for b in bars)))
    hi = 10 ** math.ceil(math.log10(max(b[2] for b in bars)))
    plot = width - left - right

    def x(value):
        return left + plot * (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="13">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="15" font-weight="bold">C calling Java for every line: '
           f'ns per event (log scale, lower is better)</text>',
           f'<text x="{left}" y="40" fill="#555">JMH, same run, {escape(jvm or "")}; 100,000 lines '
           f'through libtraverse\'s traverse_memory</text>']
    decade = lo
    while decade <= hi:
        gx = x(decade)
        out.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height - 40}" stroke="#ddd"/>')
        out.append(f'<text x="{gx:.1f}" y="{height - 24}" text-anchor="middle" fill="#555">{decade:g}</text>')
        decade *= 10
    for i, (label, colour, score, error) in enumerate(bars):
        y = top + i * (bar + gap)
        out.append(f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end">{escape(label)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{x(score) - left:.1f}" height="{bar}" fill="{colour}"/>')
        out.append(f'<text x="{x(score) + 6:.1f}" y="{y + bar * 0.7:.1f}">{score:.1f} ns</text>')
    out.append(f'<text x="{left + plot / 2:.0f}" y="{height - 6}" text-anchor="middle" fill="#555">ns per event</text>')
    out.append('</svg>')
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: chart.py RESULTS.json [MORE.json ...] OUT.svg")
    scores, jvm = load(argv[1:-1])
    with open(argv[-1], "w") as f:
        f.write(svg(scores, jvm))
    print(f"chart.py: wrote {argv[-1]}")


if __name__ == "__main__":
    main(sys.argv)
