#!/usr/bin/env bash
# graph-picture.sh renders the example corpus's graph into docs/graph.png (the README's
# picture) with Graphviz: dipgraph resolves examples/ without a database (--dry-run) and
# scripts/graph-dot.py writes DOT in the Browser style's colours (actors and events with at
# least one relationship). Dashed edges are not asserted (proposed, negated, speculated).
# It stands in for `dipgraph export --format dot`, which is not on main yet.
#   scripts/graph-picture.sh            # needs go, python3 and graphviz (apt-get install graphviz)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sfdp >/dev/null || { echo "graph-picture: Graphviz not found (apt-get install -y graphviz)" >&2; exit 1; }
mkdir -p docs
go run ./cmd/dipgraph ingest --dry-run examples/ 2>/dev/null | python3 scripts/graph-dot.py >docs/graph.dot
sfdp -Goverlap=prism -Gsize=16,11 -Gdpi=110 -Tpng docs/graph.dot -o docs/graph.png
rm docs/graph.dot
echo "graph-picture: wrote docs/graph.png" >&2
