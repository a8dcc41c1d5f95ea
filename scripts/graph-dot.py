#!/usr/bin/env python3
"""graph-dot.py: the resolved graph (`dipgraph ingest --dry-run DIR` JSON on stdin) as
Graphviz DOT on stdout, coloured like the Neo4j Browser style (scripts/browser/style.grass).

It stands in for `dipgraph export --format dot` until that command is on main; see
scripts/graph-picture.sh, which renders docs/graph.png with it.
"""
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
colours = {}
with open(os.path.join(here, "browser", "style.grass")) as f:
    for sel, body in re.findall(r"node\.(\w+)\s*\{([^}]*)\}", f.read()):
        m = re.search(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", body)
        if m:
            colours[sel] = m.group(1)

g = json.load(sys.stdin)
q = lambda s: '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'
print("digraph dipgraph {")
print('  graph [overlap=false, splines=true, outputorder=edgesfirst, bgcolor="white", pad=0.3];')
print('  node [shape=ellipse, style=filled, fontname="Helvetica", fontsize=10, fontcolor="white", penwidth=0];')
print('  edge [fontname="Helvetica", fontsize=7, color="#8A9099", fontcolor="#555555", arrowsize=0.6];')
# Nodes without a relationship (places and events only mentioned) would only crowd the picture.
linked = {r["from"] for r in g["rels"]} | {r["to"] for r in g["rels"]}
for n in sorted((n for n in g["nodes"] if n["key"] in linked), key=lambda n: n["key"]):
    label = n.get("label") or "Entity"
    fill = colours.get(label) or (colours.get("Event") if n.get("event") else None) or "#A5ABB6"
    dark = label in ("Event", "Location", "Proposal") or (n.get("event") and label not in colours)
    print(f"  {q(n['key'])} [label={q(n['name'])}, fillcolor={q(fill)}" + (', fontcolor="#1B1B1B"' if dark else "") + "];")
for r in sorted(g["rels"], key=lambda r: (r["from"], r["type"], r["to"])):
    style = ', style="dashed"' if r.get("status") not in (None, "asserted") else ""
    print(f"  {q(r['from'])} -> {q(r['to'])} [label={q(r['type'])}{style}];")
print("}")
